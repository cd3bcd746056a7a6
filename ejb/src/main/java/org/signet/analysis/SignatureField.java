package org.signet.analysis;

import java.time.Instant;

/**
 * One signature field of a PDF, as signature pads describe it. The rectangle has its origin at the page's
 * top-left corner (in points) and names the page's rotation.
 *
 * @param status 0 valid, 1 valid but changed afterwards, 2 invalid, 3 empty, 4 unknown
 */
public record SignatureField(String name, Integer page, Rect rect, boolean mandatory, boolean readOnly, String fieldDescription,
                             int annotationFlags, String filter, String subFilter, String hashAlgorithm, String signatureOid,
                             String signerName, String reason, String location, String contactInfo, Instant time,
                             int status, boolean certificateExpired, Certificate certificate) {

    public record Rect(float left, float right, float top, float bottom, int rotation) { }

    /** @param certificateData the DER certificate, base64 */
    public record Certificate(String issuer, String serial, int publicKeySize, Instant validFrom, Instant validTo,
                              String certificateData) { }
}
