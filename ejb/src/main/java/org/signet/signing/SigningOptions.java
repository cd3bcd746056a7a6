package org.signet.signing;

import org.signet.document.Documents;
import org.signet.document.SpooledDocument;
import org.signet.keys.CardUse;
import org.signet.model.HashAlgorithm;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignaturePackaging;
import org.signet.model.SignetException;

import java.io.InputStream;

/**
 * A signing request's options as every face receives them (REST query or parts, SOAP fields, a hot folder's settings),
 * before any is interpreted: {@link #request} is the one place they become a {@link SignRequest}, so that each is parsed
 * and refused the same way whichever face it came through. PDF options are ignored for other formats only when absent.
 *
 * @param level      B, T, LT or LTA (absent: B)
 * @param packaging  CAdES detached or attached; XAdES enveloped, enveloping or detached (absent: the format's default)
 * @param hash       SHA-256, SHA-384 or SHA-512 (absent: SHA-256)
 * @param page       the stamp's page from 1, as text
 * @param rect       the stamp's "x,y,width,height" in points from the top-left of the page as displayed
 * @param cards      "none", or card (token) names separated by commas (absent: any)
 * @param pin        an individual card's PIN for this request; the request's {@link CardUse} owns it from here on
 * @param oneTimeCode the caller's one-time code (TOTP) or a recovery code, for a seal that requires a second factor
 */
public record SigningOptions(String seal, String level, String packaging, String hash, String documentName,
                             String signerName, String reason, String location, String contactInfo, String field,
                             String subFilter, Boolean visible, String page, String rect, byte[] stampImage, String stampText,
                             String cards, char[] pin, String oneTimeCode) {

    public SignRequest request(SignatureFormat format, byte[] document) {
        return request(format, document, null);
    }

    /** A PAdES request over a PDF larger than Signet holds, read where it waits. */
    public SignRequest pdfRequest(SpooledDocument pdf) {
        return request(SignatureFormat.PADES, null, pdf);
    }

    private SignRequest request(SignatureFormat format, byte[] document, SpooledDocument spooled) {
        return new SignRequest(seal, format, SignatureLevel.parse(level), SignaturePackaging.parse(packaging),
                HashAlgorithm.parse(hash), document, documentName,
                new PdfSignatureFields(signerName, reason, location, contactInfo, field, subFilter,
                        VisibleStamp.of(visible, page, rect, stampImage, stampText)),
                CardUse.of(cards, pin), oneTimeCode, null, spooled);
    }

    /**
     * Whether a document in {@code format} with this packaging is signed while it streams in, never held whole: a
     * detached CAdES signature needs only the document's digest, whatever its size.
     */
    public static boolean streams(SignatureFormat format, String packaging) {
        SignaturePackaging parsed;
        try {
            parsed = SignaturePackaging.parse(packaging);
        } catch (SignetException e) {
            return false; // refused where the options are read
        }
        return format == SignatureFormat.CADES && (parsed == null || parsed == SignaturePackaging.DETACHED);
    }

    /**
     * A CAdES request over the document {@code in} delivers. Detached, it is digested as it arrives and never held (the
     * same signature as over the whole document), up to {@code maxStreamedBytes}; attached, it is read whole within
     * {@code maxDocumentBytes}.
     */
    public SignRequest fileRequest(InputStream in, long maxDocumentBytes, long maxStreamedBytes, String what) {
        if (streams(SignatureFormat.CADES, packaging)) {
            return digestRequest(Documents.digestBounded(in, HashAlgorithm.parse(hash), maxStreamedBytes, what));
        }
        return request(SignatureFormat.CADES, Documents.readBounded(in, maxDocumentBytes, what));
    }

    /** A detached CAdES signature over a digest the caller made of its document with {@code hash}; the document stays there. */
    public SignRequest digestRequest(byte[] digest) {
        return new SignRequest(seal, SignatureFormat.CADES, SignatureLevel.parse(level), SignaturePackaging.parse(packaging),
                HashAlgorithm.parse(hash), null, documentName, PdfSignatureFields.NONE, CardUse.of(cards, pin), oneTimeCode, digest);
    }
}
