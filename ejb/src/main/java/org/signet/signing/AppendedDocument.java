package org.signet.signing;

import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import org.signet.document.SpooledDocument;

/**
 * A signed PDF too large to hold: the original where it waits, followed by the revision holding the signature
 * (this document's bytes). Its writer took the SHA-256 of both on the way.
 */
final class AppendedDocument extends DigestedDocument {

    private final SpooledDocument original;

    AppendedDocument(SpooledDocument original, byte[] revision, String name, byte[] inputSha256, byte[] sha256) {
        super(revision, name, MimeTypeEnum.PDF, inputSha256, sha256);
        this.original = original;
    }

    SpooledDocument original() {
        return original;
    }
}
