package org.signet.archive;

import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.bouncycastle.tsp.ers.ERSException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every leaf of trees of awkward sizes leads to the root written, and its evidence record, with a real RFC 3161
 * token over that root, passes Bouncy Castle's RFC 4998 validation for the document and fails for another.
 */
class HashTreeTest {

    private static TestTimeStampAuthority tsa;
    private static DigestCalculatorProvider digests;

    @TempDir
    Path dir;

    @BeforeAll
    static void timeStampingAuthority() throws Exception {
        tsa = new TestTimeStampAuthority();
        digests = tsa.digests();
    }

    @Test
    void everyLeafOfEveryTreeSizeLeadsToItsRootAndItsRecordValidates() throws Exception {
        for (int n : new int[] {1, 2, 3, 5, 7, 8, 13, 100}) {
            byte[] leaves = new byte[n * HashTree.HASH_BYTES];
            for (int i = 0; i < n; i++) {
                System.arraycopy(sha256(document(n, i)), 0, leaves, i * HashTree.HASH_BYTES, HashTree.HASH_BYTES);
            }
            Path file = dir.resolve("tree-" + n);
            byte[] root = HashTree.write(leaves, file);
            byte[] token = timeStamp(root);
            for (int i = 0; i < n; i++) {
                List<byte[][]> reduced = HashTree.reducedTree(file, n, i);
                assertArrayEquals(root, HashTree.root(reduced), "leaf " + i + " of " + n);
                ERSEvidenceRecord record = new ERSEvidenceRecord(EvidenceRecords.encode(reduced, token), digests);
                byte[] document = document(n, i);
                assertDoesNotThrow(() -> record.validatePresent(new ERSByteData(document), new Date()), "leaf " + i + " of " + n);
                record.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate()));
                byte[] changed = document.clone();
                changed[0] ^= 1;
                assertThrows(ERSException.class, () -> record.validatePresent(new ERSByteData(changed), new Date()));
            }
        }
    }

    /** Two renewals of a tree's time stamp (RFC 4998 §5.2), made once for the tree, hold for every one of its leaves. */
    @Test
    void renewalsMadeOnceForATreeHoldForEveryLeaf() throws Exception {
        int n = 5;
        byte[] leaves = new byte[n * HashTree.HASH_BYTES];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sha256(document(n, i)), 0, leaves, i * HashTree.HASH_BYTES, HashTree.HASH_BYTES);
        }
        Path file = dir.resolve("renewed");
        byte[] token = timeStamp(HashTree.write(leaves, file));
        List<byte[]> renewals = new ArrayList<>();
        for (int renewal = 0; renewal < 2; renewal++) {
            var record = EvidenceRecords.record(HashTree.reducedTree(file, n, 0), token, renewals);
            renewals.add(EvidenceRecords.renewal(record, timeStamp(EvidenceRecords.renewalRequest(record).getMessageImprintDigest())));
        }
        for (int i = 0; i < n; i++) {
            ERSEvidenceRecord record = new ERSEvidenceRecord(EvidenceRecords.encode(HashTree.reducedTree(file, n, i), token, renewals),
                    digests);
            assertEquals(3, record.toASN1Structure().getArchiveTimeStampSequence().getArchiveTimeStampChains()[0]
                    .getArchiveTimestamps().length);
            byte[] document = document(n, i);
            assertDoesNotThrow(() -> record.validatePresent(new ERSByteData(document), new Date()), "leaf " + i);
            byte[] changed = document.clone();
            changed[0] ^= 1;
            assertThrows(ERSException.class, () -> record.validatePresent(new ERSByteData(changed), new Date()));
        }
    }

    @Test
    void aTreeOfOneLeafHasARootAboveIt() throws Exception {
        byte[] leaf = sha256(document(1, 0));
        byte[] root = HashTree.write(leaf, dir.resolve("one"));
        assertEquals(1, HashTree.reducedTree(dir.resolve("one"), 1, 0).size());
        assertArrayEquals(sha256(concat(leaf, leaf)), root);
    }

    private static byte[] document(int n, int i) {
        return ("document " + i + " of " + n).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] timeStamp(byte[] root) throws Exception {
        return tsa.timeStamp(root);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
