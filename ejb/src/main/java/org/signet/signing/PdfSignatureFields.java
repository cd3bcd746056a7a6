package org.signet.signing;

/** The signature dictionary entries a PDF reader shows: /Name, /Reason, /Location, /ContactInfo. */
public record PdfSignatureFields(String signerName, String reason, String location, String contactInfo) {

    public static final PdfSignatureFields NONE = new PdfSignatureFields(null, null, null, null);

    public PdfSignatureFields {
        signerName = blankToNull(signerName);
        reason = blankToNull(reason);
        location = blankToNull(location);
        contactInfo = blankToNull(contactInfo);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
