package org.signet.signing;

import java.util.Objects;

/**
 * What every face hands the {@link SigningService}: the seal, the format, level and packaging (null: the
 * format's default), the document, and the PDF fields (ignored by formats that have none).
 */
public record SignRequest(String sealName, SignatureFormat format, SignatureLevel level, SignaturePackaging packaging,
                          byte[] document, String documentName, PdfSignatureFields pdfFields) {

    public SignRequest {
        Objects.requireNonNull(format, "format");
        level = level == null ? SignatureLevel.B : level;
        documentName = documentName == null || documentName.isBlank() ? "document" : documentName;
        pdfFields = pdfFields == null ? PdfSignatureFields.NONE : pdfFields;
    }

    public static SignRequest pades(String sealName, SignatureLevel level, byte[] pdf, String name, PdfSignatureFields fields) {
        return new SignRequest(sealName, SignatureFormat.PADES, level, null, pdf, name, fields);
    }

    public static SignRequest cades(String sealName, SignatureLevel level, SignaturePackaging packaging, byte[] content, String name) {
        return new SignRequest(sealName, SignatureFormat.CADES, level, packaging, content, name, null);
    }

    public static SignRequest xades(String sealName, SignatureLevel level, SignaturePackaging packaging, byte[] content, String name) {
        return new SignRequest(sealName, SignatureFormat.XADES, level, packaging, content, name, null);
    }

    /** The packaging asked for, or the format's default; refuses one the format cannot make. */
    public SignaturePackaging packaging(SignaturePackaging fallback, java.util.Set<SignaturePackaging> possible) {
        SignaturePackaging chosen = packaging == null ? fallback : packaging;
        if (!possible.contains(chosen)) {
            throw new org.signet.SignetException(org.signet.SignetException.Kind.INVALID_INPUT,
                    format + " signatures can be " + possible + ", not " + chosen);
        }
        return chosen;
    }
}
