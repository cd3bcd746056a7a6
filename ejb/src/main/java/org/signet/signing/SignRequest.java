package org.signet.signing;

import java.util.Objects;

/**
 * What every face hands the {@link SigningService}: the seal, the format and level, the document, and the
 * PDF fields (ignored by formats that have none).
 */
public record SignRequest(String sealName, SignatureFormat format, SignatureLevel level, byte[] document,
                          String documentName, PdfSignatureFields pdfFields) {

    public SignRequest {
        Objects.requireNonNull(format, "format");
        level = level == null ? SignatureLevel.B : level;
        documentName = documentName == null || documentName.isBlank() ? "document" : documentName;
        pdfFields = pdfFields == null ? PdfSignatureFields.NONE : pdfFields;
    }

    public static SignRequest pades(String sealName, SignatureLevel level, byte[] pdf, String name, PdfSignatureFields fields) {
        return new SignRequest(sealName, SignatureFormat.PADES, level, pdf, name, fields);
    }

    public static SignRequest cadesDetached(String sealName, SignatureLevel level, byte[] content, String name) {
        return new SignRequest(sealName, SignatureFormat.CADES, level, content, name, null);
    }
}
