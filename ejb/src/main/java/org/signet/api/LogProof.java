package org.signet.api;

import org.signet.archive.TransparencyLog;

import java.util.List;

/**
 * A proof of the archive's log (RFC 9162 §2.1.3 and §2.1.4), its hashes in hex: of inclusion, with the leaf's index in
 * the log of {@code treeSize}; or of consistency, from the log of {@code firstSize} to the one of {@code treeSize}.
 */
public record LogProof(Long leafIndex, Long firstSize, long treeSize, List<String> path) {

    public static LogProof inclusion(TransparencyLog.Proof proof) {
        return new LogProof(proof.leafIndex(), null, proof.treeSize(), proof.path());
    }

    public static LogProof consistency(TransparencyLog.Proof proof) {
        return new LogProof(null, proof.firstSize(), proof.treeSize(), proof.path());
    }
}
