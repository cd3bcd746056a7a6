package org.signet.api;

import org.signet.admin.SealAdministration;

import java.util.List;
import java.util.Set;

/**
 * Who may use a seal (users, groups, roles) and on which conditions: second factor "totp" or "none", the computers
 * (none: any), the hours in a zone (none: any time) and the scope an OAuth2 access token must grant (none: any credentials), whether a TLS client certificate must log in.
 */
public record SealAuthorisations(String seal, Set<String> users, Set<String> groups, Set<String> roles, String secondFactor,
                                 List<String> clients, String hours, String zone, String tokenScope,
                                 boolean clientCertificateRequired) {

    public static SealAuthorisations of(SealAdministration.Authorisations given) {
        return new SealAuthorisations(given.seal(), given.users(), given.groups(), given.roles(), given.secondFactor(), given.clients(),
                given.hours(), given.zone(), given.tokenScope(), given.clientCertificateRequired());
    }
}
