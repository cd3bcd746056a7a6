package org.signet.signing;

import java.time.Instant;

/**
 * The result: a signed PDF for PAdES, the detached CMS signature (.p7s) for CAdES.
 *
 * @param fileName a suggested name for the output, derived from the input's name
 */
public record SignedDocument(byte[] content, String mimeType, String fileName, String sealName,
                             SignatureFormat format, SignatureLevel level, Instant signingTime) {
}
