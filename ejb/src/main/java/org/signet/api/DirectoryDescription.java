package org.signet.api;

import org.signet.admin.UserAdministration;

/**
 * The organisation's LDAP directory: its URL and where people lie ({@code url} null: none is configured), whether it
 * answered just now (and if not, why), how many people Signet entered from it and how many groups mirror one of its groups.
 */
public record DirectoryDescription(String url, String userBase, boolean answering, String problem, long people, long mirroringGroups) {

    public static DirectoryDescription of(UserAdministration.Directory directory) {
        return new DirectoryDescription(directory.status().url(), directory.status().userBase(), directory.status().answering(),
                directory.status().problem(), directory.people(), directory.mirroringGroups());
    }
}
