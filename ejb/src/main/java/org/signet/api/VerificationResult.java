package org.signet.api;

import org.signet.verification.CertificateSummary;
import org.signet.verification.SignatureVerdict;
import org.signet.verification.TimeStampSummary;
import org.signet.verification.VerificationReport;

import java.time.Instant;
import java.util.List;

/**
 * Every signature and empty signature field of a document; {@code allValid} only when there is a signature and
 * all hold. The ETSI TS 119 102-2 report (XML) when asked for. {@code archived}: the signed file entered the archive, as
 * asked, since all held.
 */
public record VerificationResult(String documentName, boolean allValid, List<SignatureResult> signatures,
                                 String etsiValidationReport, boolean archived) {

    /**
     * @param status          0 valid, 1 valid but changed afterwards, 2 invalid, 3 empty field, 4 unknown
     * @param signatureFormat the level the signature reached, e.g. PAdES-BASELINE-LTA
     */
    public record SignatureResult(String id, int status, String statusName, boolean valid, String indication, String subIndication,
                                  String signedBy, Instant signingTime, String signatureFormat, String fieldName,
                                  CertificateResult certificate, List<TimeStampResult> timeStamps, List<String> errors) { }

    public record CertificateResult(String subject, String issuer, String serialNumber, int publicKeySize, Instant validFrom,
                                    Instant validTo, boolean expired, boolean trusted) { }

    /** @param type signature, archive or document time stamp */
    public record TimeStampResult(String type, Instant productionTime, String authority, boolean valid) { }

    public static VerificationResult of(VerificationReport report) {
        return new VerificationResult(report.documentName(), report.allValid(),
                report.signatures().stream().map(VerificationResult::signature).toList(), report.etsiValidationReport(),
                report.archived());
    }

    private static SignatureResult signature(SignatureVerdict v) {
        CertificateSummary c = v.certificate();
        return new SignatureResult(v.id(), v.status(), v.statusName().name(), v.valid(), v.indication(), v.subIndication(),
                v.signedBy(), v.signingTime(), v.signatureFormat(), v.fieldName(),
                c == null ? null : new CertificateResult(c.subject(), c.issuer(), c.serialNumber(), c.publicKeySize(), c.validFrom(),
                        c.validTo(), c.expired(), c.trusted()),
                v.timeStamps().stream().map(VerificationResult::timeStamp).toList(), List.copyOf(v.errors()));
    }

    private static TimeStampResult timeStamp(TimeStampSummary t) {
        return new TimeStampResult(t.type(), t.productionTime(), t.authority(), t.valid());
    }
}
