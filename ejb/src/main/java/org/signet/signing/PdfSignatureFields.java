package org.signet.signing;

import org.signet.model.SignetException;

/**
 * The signature dictionary entries a PDF reader shows (/Name, /Reason, /Location, /ContactInfo), the signature
 * field to sign into (none for a new field, "*" for the first empty one, or its name) and the visible stamp
 * (none: an invisible signature).
 */
public record PdfSignatureFields(String signerName, String reason, String location, String contactInfo, String targetField,
                                 String subFilter, VisibleStamp stamp) {

    /** The PAdES SubFilter (the default); the other one readers know is adbe.pkcs7.detached. */
    public static final String ETSI_CADES_DETACHED = "ETSI.CAdES.detached";
    public static final String ADBE_PKCS7_DETACHED = "adbe.pkcs7.detached";

    public static final PdfSignatureFields NONE = new PdfSignatureFields(null, null, null, null, null, null, null);

    public PdfSignatureFields(String signerName, String reason, String location, String contactInfo) {
        this(signerName, reason, location, contactInfo, null, null, null);
    }

    public PdfSignatureFields {
        targetField = blankToNull(targetField);
        subFilter = blankToNull(subFilter);
        if (subFilter != null && !subFilter.equals(ETSI_CADES_DETACHED) && !subFilter.equals(ADBE_PKCS7_DETACHED)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the SubFilter '" + subFilter
                    + "' is not one of " + ETSI_CADES_DETACHED + ", " + ADBE_PKCS7_DETACHED);
        }
        if (stamp != null && targetField != null && (stamp.rectangle() != null || stamp.page() != 1)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "a stamp goes either into the field '" + targetField + "' or at a page and rectangle, not both");
        }
        signerName = blankToNull(signerName);
        reason = blankToNull(reason);
        location = blankToNull(location);
        contactInfo = blankToNull(contactInfo);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
