package org.signet.document;

import java.io.InputStream;

/**
 * Where a face puts a document too large to hold while its request lasts: on disk, encrypted under a key of that
 * request, deleted when the request ends. The request spool offers one to a SOAP request with attachments under
 * {@link #REQUEST_ATTRIBUTE}.
 */
public interface DocumentSpool {

    String REQUEST_ATTRIBUTE = DocumentSpool.class.getName();

    /**
     * What {@code in} delivers, to its end, refused (DOCUMENT_TOO_LARGE, naming {@code property}) past {@code limit}
     * bytes, and SERVER_BUSY when the disk has no room for it.
     */
    SpooledDocument take(InputStream in, long limit, String property);
}
