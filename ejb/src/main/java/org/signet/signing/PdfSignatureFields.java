package org.signet.signing;

/**
 * The signature dictionary entries a PDF reader shows (/Name, /Reason, /Location, /ContactInfo), and the
 * signature field to sign into: none for a new invisible field, "*" for the first empty one, or its name.
 */
public record PdfSignatureFields(String signerName, String reason, String location, String contactInfo, String targetField) {

    public static final PdfSignatureFields NONE = new PdfSignatureFields(null, null, null, null, null);

    public PdfSignatureFields(String signerName, String reason, String location, String contactInfo) {
        this(signerName, reason, location, contactInfo, null);
    }

    public PdfSignatureFields {
        targetField = blankToNull(targetField);
        signerName = blankToNull(signerName);
        reason = blankToNull(reason);
        location = blankToNull(location);
        contactInfo = blankToNull(contactInfo);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
