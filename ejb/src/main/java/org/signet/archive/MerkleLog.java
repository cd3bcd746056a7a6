package org.signet.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of an append-only log (RFC 9162 §2.1, SHA-256): leaf and node hashes with their 0x00 and 0x01
 * prefixes, inclusion and consistency proofs, and their verification. The archive's log has a leaf per sealed tree
 * (its root), a few hundred a year, so the hashes are computed from the leaves each time.
 */
public final class MerkleLog {

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private MerkleLog() { }

    /** MTH({d}) = SHA-256(0x00 || d). */
    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF);
        return sha256.digest(leafInput);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** The root of the first {@code size} leaves (given by their leaf hashes); of none, SHA-256 of nothing. */
    public static byte[] root(List<byte[]> leafHashes, int size) {
        requireSize(leafHashes, size);
        return size == 0 ? sha256().digest() : subtree(leafHashes, 0, size);
    }

    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        if (to - from == 1) {
            return leaves.get(from);
        }
        int k = from + largestPowerOfTwoBelow(to - from);
        return nodeHash(subtree(leaves, from, k), subtree(leaves, k, to));
    }

    /** PATH(m, D[size]) of RFC 9162 §2.1.3.1: the siblings from leaf {@code index} up to the root of the first {@code size}. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index, int size) {
        requireSize(leafHashes, size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a log of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafHashes, index, 0, size, path);
        return path;
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> path) {
        if (to - from <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(to - from);
        if (m < k) {
            path(leaves, m, from, from + k, path);
            path.add(subtree(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, path);
            path.add(subtree(leaves, from, from + k));
        }
    }

    /** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the first {@code first} leaves are the start of the first {@code second}. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int first, int second) {
        requireSize(leafHashes, second);
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("a log of " + first + " cannot be the start of one of " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(leafHashes, first, 0, second, true, proof);
        }
        return proof;
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean complete, List<byte[]> proof) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(subtree(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, complete, proof);
            proof.add(subtree(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, proof);
            proof.add(subtree(leaves, from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof does not fit the index and size. */
    public static byte[] rootFromInclusionProof(int index, int size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size || leafHash == null || leafHash.length != 32) {
            return null;
        }
        long fn = index;
        long sn = size - 1L;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (p == null || p.length != 32 || sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) { // fn was the last node of its level: up to where it is a right child
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** RFC 9162 §2.1.4.2: whether {@code proof} shows the log of {@code first} with {@code firstRoot} to start the one of {@code second}. */
    public static boolean verifyConsistency(int first, int second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first < 0 || first > second || firstRoot == null || secondRoot == null) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty() || proof.stream().anyMatch(p -> p == null || p.length != 32)) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) { // first is a power of two: its root is the first node of the path
            path.add(0, firstRoot);
        }
        long fn = first - 1L;
        long sn = second - 1L;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static void requireSize(List<byte[]> leaves, int size) {
        if (size < 0 || size > leaves.size()) {
            throw new IllegalArgumentException("the log has " + leaves.size() + " leaves, not " + size);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
