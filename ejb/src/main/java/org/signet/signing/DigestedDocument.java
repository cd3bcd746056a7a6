package org.signet.signing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeType;
import eu.europa.esig.dss.model.InMemoryDocument;

import java.util.HexFormat;

/**
 * A signed document whose writer already knows the SHA-256 of its input and of itself, taken on the way while
 * digesting the byte range. The audit trail and the batch report need both; hashing each 80 KB document twice more
 * cost as much as its RSA signature when the JIT had not (or not yet) put SHA-256 on the CPU's SHA instructions.
 */
class DigestedDocument extends InMemoryDocument {

    private final byte[] inputSha256;

    DigestedDocument(byte[] content, String name, MimeType mimeType, byte[] inputSha256, byte[] sha256) {
        super(content, name, mimeType);
        this.inputSha256 = inputSha256;
        digestMap.put(DigestAlgorithm.SHA256, sha256);
    }

    String inputSha256Hex() {
        return HexFormat.of().formatHex(inputSha256);
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(getDigestValue(DigestAlgorithm.SHA256));
    }
}
