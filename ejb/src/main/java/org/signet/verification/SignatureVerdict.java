package org.signet.verification;

import java.time.Instant;
import java.util.List;

/**
 * One signature's result. {@code valid} means the ETSI validation reached TOTAL_PASSED with Signet's trust
 * anchors; otherwise {@code indication}/{@code subIndication} and {@code errors} say why not.
 */
public record SignatureVerdict(String id, boolean valid, String indication, String subIndication, String signedBy,
                               Instant signingTime, String signatureFormat, List<String> errors) {
}
