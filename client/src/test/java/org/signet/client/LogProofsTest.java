package org.signet.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auditor's checks against proofs built here from RFC 9162's definitions (MTH §2.1.1, PATH §2.1.3.1, PROOF and
 * SUBPROOF §2.1.4.1), for every leaf and every pair of sizes up to 20: each true proof holds, each changed one fails.
 */
class LogProofsTest {

    @Test
    void everyInclusionProofHoldsAndAChangedOneFails() throws Exception {
        List<byte[]> leaves = leaves(20);
        for (int n = 1; n <= leaves.size(); n++) {
            List<byte[]> tree = leaves.subList(0, n);
            byte[] root = mth(tree);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = path(m, tree);
                assertTrue(LogProofs.included(m, n, tree.get(m), path, root), "leaf " + m + " of " + n);
                assertFalse(LogProofs.included(m, n, LogProofs.leafHash(new byte[] {9}), path, root), "another leaf, " + m + " of " + n);
                if (n > 1) {
                    assertFalse(LogProofs.included((m + 1) % n, n, tree.get(m), path, root), "another index, " + m + " of " + n);
                }
            }
        }
    }

    @Test
    void everyConsistencyProofHoldsAndAChangedOneFails() throws Exception {
        List<byte[]> leaves = leaves(20);
        for (int second = 1; second <= leaves.size(); second++) {
            byte[] secondRoot = mth(leaves.subList(0, second));
            for (int first = 1; first <= second; first++) {
                byte[] firstRoot = mth(leaves.subList(0, first));
                List<byte[]> proof = first == second ? List.of() : subproof(first, leaves.subList(0, second), true);
                assertTrue(LogProofs.consistent(first, second, firstRoot, secondRoot, proof), first + " to " + second);
                byte[] rewritten = mth(leaves(first).stream().map(l -> LogProofs.leafHash(l)).toList());
                assertFalse(LogProofs.consistent(first, second, rewritten, secondRoot, proof), "a rewritten past, " + first + " to " + second);
            }
        }
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(LogProofs.leafHash(("day " + i).getBytes(StandardCharsets.US_ASCII)));
        }
        return leaves;
    }

    private static int k(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static byte[] mth(List<byte[]> d) throws Exception {
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = k(d.size());
        return node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    private static List<byte[]> path(int m, List<byte[]> d) throws Exception {
        List<byte[]> path = new ArrayList<>();
        if (d.size() == 1) {
            return path;
        }
        int k = k(d.size());
        if (m < k) {
            path.addAll(path(m, d.subList(0, k)));
            path.add(mth(d.subList(k, d.size())));
        } else {
            path.addAll(path(m - k, d.subList(k, d.size())));
            path.add(mth(d.subList(0, k)));
        }
        return path;
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) throws Exception {
        List<byte[]> proof = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!b) {
                proof.add(mth(d));
            }
            return proof;
        }
        int k = k(n);
        if (m <= k) {
            proof.addAll(subproof(m, d.subList(0, k), b));
            proof.add(mth(d.subList(k, n)));
        } else {
            proof.addAll(subproof(m - k, d.subList(k, n), false));
            proof.add(mth(d.subList(0, k)));
        }
        return proof;
    }

    private static byte[] node(byte[] left, byte[] right) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 1);
        sha256.update(left);
        return sha256.digest(right);
    }
}
