package org.signet.verification;

import java.util.List;

/** All signatures found in a document. A document without signatures is not "valid". */
public record VerificationReport(String documentName, List<SignatureVerdict> signatures) {

    public boolean allValid() {
        return !signatures.isEmpty() && signatures.stream().allMatch(SignatureVerdict::valid);
    }
}
