package org.signet.document;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A document larger than Signet holds in memory, waiting on disk as it arrived: read in pieces where a signer needs
 * them, or from its start as a stream. It lives as long as the request that brought it.
 */
public interface SpooledDocument {

    /** The name of the request attribute under which the REST face finds the spooled raw body of a request. */
    String REQUEST_ATTRIBUTE = SpooledDocument.class.getName();

    long length();

    /** {@code count} bytes from {@code offset}, which must lie within the document. */
    byte[] read(long offset, int count) throws IOException;

    /** The document from its first byte. */
    InputStream open() throws IOException;

    /** The state of a SHA-256 that has read the whole document, taken as it arrived (a copy); null when none was. */
    default MessageDigest sha256() {
        return null;
    }
}
