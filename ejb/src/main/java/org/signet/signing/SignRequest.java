package org.signet.signing;

import org.signet.keys.CardUse;
import org.signet.document.Documents;
import org.signet.document.SpooledDocument;
import org.signet.model.HashAlgorithm;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignaturePackaging;
import org.signet.model.SignetException;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * What every face hands the {@link SigningService}: the seal, the format, level, packaging (null: the format's
 * default) and hash (null: SHA-256), the document, the PDF fields (ignored by formats that have none), and which
 * signature cards it may use, with an individual card's PIN, and the caller's one-time code for a seal that requires one.
 * For a detached CAdES signature the caller may send only the document's digest ({@code documentDigest}, made with
 * {@code hash}) instead of the document: the file never travels, whatever its size. A PDF larger than Signet holds
 * comes as {@code spooledDocument} instead of {@code document}, read where it waits.
 */
public record SignRequest(String sealName, SignatureFormat format, SignatureLevel level, SignaturePackaging packaging,
                          HashAlgorithm hash, byte[] document, String documentName, PdfSignatureFields pdfFields,
                          CardUse cards, String oneTimeCode, byte[] documentDigest, SpooledDocument spooledDocument) {

    public SignRequest(String sealName, SignatureFormat format, SignatureLevel level, SignaturePackaging packaging,
                       HashAlgorithm hash, byte[] document, String documentName, PdfSignatureFields pdfFields,
                       CardUse cards, String oneTimeCode, byte[] documentDigest) {
        this(sealName, format, level, packaging, hash, document, documentName, pdfFields, cards, oneTimeCode, documentDigest, null);
    }

    public SignRequest(String sealName, SignatureFormat format, SignatureLevel level, SignaturePackaging packaging,
                       HashAlgorithm hash, byte[] document, String documentName, PdfSignatureFields pdfFields) {
        this(sealName, format, level, packaging, hash, document, documentName, pdfFields, null, null, null);
    }

    public SignRequest {
        cards = cards == null ? CardUse.ANY : cards;
        Objects.requireNonNull(format, "format");
        level = level == null ? SignatureLevel.B : level;
        hash = hash == null ? HashAlgorithm.SHA256 : hash;
        documentName = documentName == null || documentName.isBlank() ? "document" : documentName;
        pdfFields = pdfFields == null ? PdfSignatureFields.NONE : pdfFields;
    }

    /** The document's SHA-256 (hex) for the audit trail: of the document, or the digest sent when it is one; else none. */
    public String documentSha256Hex() {
        if (document != null) {
            return Documents.sha256Hex(document);
        }
        return documentDigest != null && hash == HashAlgorithm.SHA256 ? HexFormat.of().formatHex(documentDigest) : null;
    }

    /** The digest sent instead of the document, refused when missing or not as long as the hash algorithm's. */
    public byte[] checkedDigest() {
        if (documentDigest == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a " + hash.standardName() + " digest is missing");
        }
        return hash.requireLength(documentDigest, "digest");
    }

    /** The packaging asked for, or the format's default; refuses one the format cannot make. */
    public SignaturePackaging packaging(SignaturePackaging fallback, Set<SignaturePackaging> possible) {
        SignaturePackaging chosen = packaging == null ? fallback : packaging;
        if (!possible.contains(chosen)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    format + " signatures can be " + possible + ", not " + chosen);
        }
        return chosen;
    }
}
