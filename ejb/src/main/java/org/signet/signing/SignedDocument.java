package org.signet.signing;

import org.signet.document.Documents;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;

import java.time.Instant;

/**
 * The result: a signed PDF for PAdES, the detached CMS signature (.p7s) for CAdES.
 *
 * @param fileName    a suggested name for the output, derived from the input's name
 * @param knownSha256 the content's SHA-256 (hex) when known (the signing service always gives it), else null
 * @param signatureId the SHA-256 (hex) of the signature value as the key made it: the signature's id in the archive,
 *                    where it is entered on its own
 */
public record SignedDocument(byte[] content, String mimeType, String fileName, String sealName,
                             SignatureFormat format, SignatureLevel level, Instant signingTime, String knownSha256, String signatureId) {

    /** The content's SHA-256 in hex, for reports. */
    public String sha256Hex() {
        return knownSha256 != null ? knownSha256 : Documents.sha256Hex(content);
    }
}
