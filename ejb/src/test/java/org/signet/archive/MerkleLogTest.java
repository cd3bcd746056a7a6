package org.signet.archive;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log's hashes and proofs against the RFC 6962/9162 test vectors that transparency-dev's merkle library tests with
 * (eight leaves, the roots of every size, inclusion and consistency proofs), and every proof of every size made
 * here verifies while a changed one does not.
 */
class MerkleLogTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<byte[]> LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"), hex("40414243"),
            hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static List<byte[]> leafHashes() {
        return LEAVES.stream().map(MerkleLog::leafHash).toList();
    }

    @Test
    void theRootOfEverySizeIsTheVectors() {
        for (int size = 0; size <= LEAVES.size(); size++) {
            assertEquals(ROOTS.get(size), HEX.formatHex(MerkleLog.root(leafHashes(), size)), "size " + size);
        }
    }

    @Test
    void inclusionProofsAreTheVectors() {
        assertProof(List.of(), MerkleLog.inclusionProof(leafHashes(), 0, 1));
        assertProof(List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), MerkleLog.inclusionProof(leafHashes(), 0, 8));
        assertProof(List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), MerkleLog.inclusionProof(leafHashes(), 5, 8));
        assertProof(List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
                MerkleLog.inclusionProof(leafHashes(), 2, 3));
        assertProof(List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), MerkleLog.inclusionProof(leafHashes(), 1, 5));
    }

    @Test
    void consistencyProofsAreTheVectors() {
        assertProof(List.of(), MerkleLog.consistencyProof(leafHashes(), 1, 1));
        assertProof(List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), MerkleLog.consistencyProof(leafHashes(), 1, 8));
        assertProof(List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), MerkleLog.consistencyProof(leafHashes(), 6, 8));
        assertProof(List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), MerkleLog.consistencyProof(leafHashes(), 2, 5));
        assertProof(List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), MerkleLog.consistencyProof(leafHashes(), 6, 7));
    }

    @Test
    void everyProofOfEverySizeVerifiesAndNoChangedOneDoes() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            leaves.add(MerkleLog.leafHash(new byte[] {(byte) i, 42}));
        }
        for (int size = 1; size <= leaves.size(); size++) {
            byte[] root = MerkleLog.root(leaves, size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleLog.inclusionProof(leaves, index, size);
                assertArrayEquals(root, MerkleLog.rootFromInclusionProof(index, size, leaves.get(index), proof), index + " of " + size);
                if (size > 1) {
                    assertFalse(java.util.Arrays.equals(root, MerkleLog.rootFromInclusionProof((index + 1) % size, size,
                            leaves.get(index), proof)), "another index, " + index + " of " + size);
                }
                for (int i = 0; i < proof.size(); i++) {
                    List<byte[]> changed = new ArrayList<>(proof);
                    byte[] node = changed.get(i).clone();
                    node[0] ^= 8;
                    changed.set(i, node);
                    assertFalse(java.util.Arrays.equals(root, MerkleLog.rootFromInclusionProof(index, size, leaves.get(index), changed)));
                }
            }
            for (int first = 1; first <= size; first++) {
                byte[] firstRoot = MerkleLog.root(leaves, first);
                List<byte[]> proof = MerkleLog.consistencyProof(leaves, first, size);
                assertTrue(MerkleLog.verifyConsistency(first, size, firstRoot, root, proof), first + " to " + size);
                if (first < size) {
                    assertFalse(MerkleLog.verifyConsistency(first, size, root, firstRoot, proof), "swapped roots, " + first + " to " + size);
                    List<byte[]> shorter = proof.subList(0, proof.size() - 1);
                    assertFalse(MerkleLog.verifyConsistency(first, size, firstRoot, root, shorter), "truncated, " + first + " to " + size);
                    byte[] otherFirst = MerkleLog.root(leaves.subList(1, leaves.size()), Math.min(first, size - 1));
                    assertFalse(MerkleLog.verifyConsistency(first, size, otherFirst, root, proof), "a rewritten past");
                }
            }
        }
        assertNull(MerkleLog.rootFromInclusionProof(3, 3, leaves.get(0), List.of()));
    }

    private static void assertProof(List<String> expected, List<byte[]> proof) {
        assertEquals(expected, proof.stream().map(HEX::formatHex).toList());
    }

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }
}
