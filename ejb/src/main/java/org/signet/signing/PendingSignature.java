package org.signet.signing;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;

import java.util.List;
import java.util.function.Function;

/**
 * A document prepared for signing: the bytes the key must sign, how to build the signed document once the
 * key has produced the signature value, and what a detached signature signs (to check the result).
 * {@code checkedWhenCompleted}: the writer reads its own output back in {@code complete}, so the pipeline need not
 * run DSS's validation over it again.
 */
public record PendingSignature(byte[] dataToSign, SignatureAlgorithm algorithm,
                               Function<byte[], DSSDocument> complete, String mimeType, String fileName,
                               List<DSSDocument> detachedContents, boolean checkedWhenCompleted) {

    public PendingSignature(byte[] dataToSign, SignatureAlgorithm algorithm, Function<byte[], DSSDocument> complete,
                            String mimeType, String fileName, List<DSSDocument> detachedContents) {
        this(dataToSign, algorithm, complete, mimeType, fileName, detachedContents, false);
    }
}
