package org.signet.api;

import org.signet.admin.UserAdministration;

import java.util.Set;

/** A group: its members, the roles they hold as its members, and the directory group it mirrors (or null). */
public record GroupDescription(String name, String description, String directoryGroup, Set<String> members, Set<String> roles) {

    public static GroupDescription of(UserAdministration.Group group) {
        return new GroupDescription(group.name(), group.description(), group.directoryGroup(), group.members(), group.roles());
    }
}
