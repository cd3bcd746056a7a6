package org.signet.verification;

import java.time.Instant;
import java.util.List;

/**
 * One signature's result, or one empty signature field's. {@code valid} means status VALID: the ETSI validation
 * reached TOTAL_PASSED with Signet's trust anchors and nothing but later signatures and validation data changed
 * the document since. {@code indication}/{@code subIndication} and {@code errors} say why not otherwise.
 *
 * @param signatureFormat the level the signature reached, e.g. PAdES-BASELINE-LTA
 * @param fieldName       the PDF signature field, for PDFs
 */
public record SignatureVerdict(String id, int status, SignatureStatus statusName, boolean valid, String indication,
                               String subIndication, String signedBy, Instant signingTime, String signatureFormat,
                               String fieldName, CertificateSummary certificate, List<TimeStampSummary> timeStamps,
                               List<String> errors) {

    static SignatureVerdict emptyField(String fieldName) {
        return new SignatureVerdict(null, SignatureStatus.EMPTY.code(), SignatureStatus.EMPTY, false, null, null, null, null,
                null, fieldName, null, List.of(), List.of());
    }
}
