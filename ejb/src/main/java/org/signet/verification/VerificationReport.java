package org.signet.verification;

import java.util.List;

/**
 * All signatures and empty signature fields of a document, and on request the full ETSI validation report
 * (ETSI TS 119 102-2 XML). A document without signatures is not "valid". {@code archived}: the signed file entered the
 * archive, as asked, because every signature held.
 */
public record VerificationReport(String documentName, List<SignatureVerdict> signatures, String etsiValidationReport,
                                 boolean archived) {

    public boolean allValid() {
        return allValid(signatures);
    }

    /** Whether there is a signature (an empty field is none) and every one holds. */
    static boolean allValid(List<SignatureVerdict> verdicts) {
        List<SignatureVerdict> signed = verdicts.stream().filter(v -> v.statusName() != SignatureStatus.EMPTY).toList();
        return !signed.isEmpty() && signed.stream().allMatch(SignatureVerdict::valid);
    }
}
