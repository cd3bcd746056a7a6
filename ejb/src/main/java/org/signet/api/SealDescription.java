package org.signet.api;

import org.signet.seal.SealInfo;

import java.time.Instant;
import java.util.List;

/**
 * A seal a caller may use: what it makes, whose certificate it carries, whether what it signs enters the archive, and
 * what a request must meet: {@code secondFactor} "totp" (a one-time code with each) or "none", the {@code clients} it
 * signs for (none: any), its {@code hours} in {@code zone} (none: any time), the {@code tokenScope} an OAuth2 access
 * token must grant (none: any credentials), and whether the caller must log in with a TLS client certificate.
 */
public record SealDescription(String name, String description, List<String> formats, String maxLevel, String certificateSubject,
                              String certificateIssuer, Instant validFrom, Instant validTo, boolean archived,
                              boolean keepsDocuments, String secondFactor, List<String> clients, String hours, String zone,
                              String tokenScope, boolean clientCertificateRequired) {

    public static SealDescription of(SealInfo seal) {
        return new SealDescription(seal.name(), seal.description(), seal.formats().stream().sorted().map(Enum::name).toList(),
                seal.maxLevel().name(), seal.certificateSubject(), seal.certificateIssuer(), seal.validFrom(), seal.validTo(), seal.archived(),
                seal.keepsDocuments(), seal.requiresOneTimeCode() ? "totp" : "none", seal.clients(), seal.hours(), seal.hoursZone(),
                seal.tokenScope(), seal.certificateRequired());
    }
}
