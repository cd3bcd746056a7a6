package org.signet.signing;

import org.signet.document.Documents;
import org.signet.document.SpooledDocument;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;

/**
 * The result: a signed PDF for PAdES, the detached CMS signature (.p7s) for CAdES.
 *
 * @param fileName    a suggested name for the output, derived from the input's name
 * @param knownSha256 the content's SHA-256 (hex) when known (the signing service always gives it), else null
 * @param signatureId the SHA-256 (hex) of the signature value as the key made it: the signature's id in the archive,
 *                    where it is entered on its own
 * @param original    for a PDF too large to hold, the document as it came, which {@code content} (the revision holding
 *                    the signature) follows: the signed PDF is both, one after the other; otherwise null
 */
public record SignedDocument(byte[] content, String mimeType, String fileName, String sealName,
                             SignatureFormat format, SignatureLevel level, Instant signingTime, String knownSha256, String signatureId,
                             SpooledDocument original) {

    public SignedDocument(byte[] content, String mimeType, String fileName, String sealName, SignatureFormat format,
                          SignatureLevel level, Instant signingTime, String knownSha256, String signatureId) {
        this(content, mimeType, fileName, sealName, format, level, signingTime, knownSha256, signatureId, null);
    }

    /** The signed document's length in bytes. */
    public long length() {
        return (original == null ? 0 : original.length()) + content.length;
    }

    /** The signed document from its first byte: the original, if any, then the content. */
    public InputStream open() throws IOException {
        InputStream rest = new ByteArrayInputStream(content);
        return original == null ? rest : new SequenceInputStream(original.open(), rest);
    }

    /** The content's SHA-256 in hex, for reports. */
    public String sha256Hex() {
        return knownSha256 != null ? knownSha256 : Documents.sha256Hex(content);
    }
}
