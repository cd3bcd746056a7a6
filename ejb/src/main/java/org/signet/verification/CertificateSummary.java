package org.signet.verification;

import java.time.Instant;

/** What a verifier shows of a signer's (or a TSA's) certificate. */
public record CertificateSummary(String subject, String issuer, String serialNumber, int publicKeySize, Instant validFrom,
                                 Instant validTo, boolean expired, boolean trusted) {
}
