package org.signet.api;

import org.signet.admin.UserAdministration;

import java.util.Set;

/** A group: its members and the roles they hold as its members. */
public record GroupDescription(String name, String description, Set<String> members, Set<String> roles) {

    public static GroupDescription of(UserAdministration.Group group) {
        return new GroupDescription(group.name(), group.description(), group.members(), group.roles());
    }
}
