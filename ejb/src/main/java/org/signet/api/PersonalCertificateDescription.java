package org.signet.api;

import org.signet.admin.SealAdministration;

import java.time.Instant;

/** A person's certificate from Signet's CA: the seal its owner signs with ({@code person.<user>}), and the certificate. */
public record PersonalCertificateDescription(String seal, String owner, String subject, String serialNumber, Instant validTo) {

    public static PersonalCertificateDescription of(SealAdministration.PersonalCertificate issued) {
        return new PersonalCertificateDescription(issued.seal(), issued.owner(), issued.subject(), issued.serialNumber(), issued.validTo());
    }
}
