package org.signet.api;

import org.signet.admin.UserAdministration;

import java.util.Locale;
import java.util.Set;

/**
 * A user as an admin sees it: the full name the organisation's directory gave (none: none known), kind "person" or "process", whether enabled, roles, groups, whether an authenticator is
 * enrolled, the SHA-256 fingerprint of the TLS client certificate that logs in as it (none: no certificate does), the
 * subject and issuer whose certificates log in as it (none: none do), and
 * the address Signet mails it at (a workflow waiting for its signature), and whether the organisation's directory
 * checks its password (a person entered at its first login there).
 */
public record UserDescription(String name, String fullName, String kind, boolean enabled, Set<String> roles, Set<String> groups, boolean authenticator,
                              String clientCertificate, String clientCertificateSubject, String email, boolean directory) {

    public static UserDescription of(UserAdministration.User user) {
        return new UserDescription(user.name(), user.fullName(), user.kind().name().toLowerCase(Locale.ROOT), user.enabled(), user.roles(), user.groups(),
                user.authenticator(), user.clientCertificate(), user.clientCertificateSubject(), user.email(), user.fromDirectory());
    }
}
