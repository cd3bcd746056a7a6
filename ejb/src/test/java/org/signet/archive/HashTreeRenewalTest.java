package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hash-tree renewal (RFC 4998 §5.3) over a day's tree: three renewals with new algorithms, each chain renewed three
 * times by time stamps, and every entry's final record judged by EU DSS (PASSED for the document, not for a changed
 * byte) and by Bouncy Castle's RFC 4998 code, which also makes the same single-document renewal independently.
 */
class HashTreeRenewalTest {

    private static final DigestAlgorithm[] RENEWALS = {DigestAlgorithm.SHA512, DigestAlgorithm.SHA3_512, DigestAlgorithm.SHA3_384};

    private static TestTimeStampAuthority tsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void authority() throws Exception {
        tsa = new TestTimeStampAuthority();
    }

    @Test
    void threeHashTreeRenewalsEachTimeStampedThreeTimesPassDssForEveryEntry() throws Exception {
        int n = 5;
        List<List<EvidenceRecords.Chain>> records = new ArrayList<>();
        byte[] leaves = new byte[n * HashTree.HASH_BYTES];
        for (int i = 0; i < n; i++) {
            System.arraycopy(hash(DigestAlgorithm.SHA256, document(i)), 0, leaves, i * HashTree.HASH_BYTES, HashTree.HASH_BYTES);
        }
        Path daily = dir.resolve("daily");
        byte[] token = tsa.timeStamp(HashTree.write(leaves, daily));
        List<byte[]> renewals = renewThreeTimes(DigestAlgorithm.SHA256, HashTree.reducedTree(daily, n, 0), token);
        for (int i = 0; i < n; i++) {
            records.add(new ArrayList<>(List.of(new EvidenceRecords.Chain(DigestAlgorithm.SHA256, HashTree.reducedTree(daily, n, i),
                    token, renewals))));
        }
        for (DigestAlgorithm algorithm : RENEWALS) {
            MessageDigest digest = MessageDigest.getInstance(algorithm.getJavaName());
            int size = digest.getDigestLength();
            byte[][] documentHashes = new byte[n][];
            byte[][] sequenceHashes = new byte[n][];
            byte[] renewedLeaves = new byte[n * size];
            for (int i = 0; i < n; i++) {
                documentHashes[i] = hash(algorithm, document(i));
                sequenceHashes[i] = EvidenceRecords.sequenceHash(records.get(i), digest);
                System.arraycopy(EvidenceRecords.renewedLeaf(digest, documentHashes[i], sequenceHashes[i]), 0, renewedLeaves, i * size, size);
            }
            Path file = dir.resolve(algorithm.name());
            byte[] root = HashTree.write(digest, renewedLeaves, file);
            byte[] renewedToken = tsa.timeStamp(new ASN1ObjectIdentifier(algorithm.getOid()), root);
            List<byte[][]> first = HashTree.reducedTree(file, n, 0, size);
            assertArrayEquals(root, HashTree.root(digest, first));
            List<byte[]> chainRenewals = renewThreeTimes(records.get(0), algorithm, first, renewedToken);
            for (int i = 0; i < n; i++) {
                records.get(i).add(new EvidenceRecords.Chain(algorithm, HashTree.reducedTree(file, n, i, size), renewedToken,
                        chainRenewals));
            }
        }
        for (int i = 0; i < n; i++) {
            byte[] record = EvidenceRecords.encode(records.get(i));
            SimpleReport report = dss(record, document(i));
            String id = report.getFirstEvidenceRecordId();
            assertEquals(Indication.PASSED, report.getIndication(id), "entry " + i + ": " + report.getSubIndication(id) + " "
                    + report.getAdESValidationErrors(id));
            assertEquals(16, report.getEvidenceRecordTimestamps(id).size(), "4 chains of 1 + 3 time stamps");
            byte[] changed = document(i);
            changed[changed.length - 1] ^= 1;
            SimpleReport other = dss(record, changed);
            assertNotEquals(Indication.PASSED, other.getIndication(other.getFirstEvidenceRecordId()));

            ERSEvidenceRecord bc = new ERSEvidenceRecord(record, tsa.digests());
            byte[] document = document(i);
            assertDoesNotThrow(() -> bc.validatePresent(new ERSByteData(document), new Date()));
            assertThrows(Exception.class, () -> bc.validatePresent(new ERSByteData(changed), new Date()));
        }
    }

    @Test
    void aOneEntryTreeRenewsToTheRecordBouncyCastleMakes() throws Exception {
        byte[] document = document(7);
        Path daily = dir.resolve("one");
        byte[] token = tsa.timeStamp(HashTree.write(hash(DigestAlgorithm.SHA256, document), daily));
        List<EvidenceRecords.Chain> chains = List.of(new EvidenceRecords.Chain(DigestAlgorithm.SHA256, HashTree.reducedTree(daily, 1, 0),
                token, List.of()));
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        byte[] leaf = EvidenceRecords.renewedLeaf(sha512, hash(DigestAlgorithm.SHA512, document), EvidenceRecords.sequenceHash(chains, sha512));

        var calculator = tsa.digests().get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                new ASN1ObjectIdentifier(DigestAlgorithm.SHA512.getOid())));
        TimeStampRequest request = new ERSEvidenceRecord(EvidenceRecords.record(chains), tsa.digests())
                .generateHashRenewalRequest(calculator, new ERSByteData(document), new org.bouncycastle.tsp.TimeStampRequestGenerator());
        assertArrayEquals(request.getMessageImprintDigest(), leaf, "Bouncy Castle time-stamps the same h(i)");
    }

    private static List<byte[]> renewThreeTimes(DigestAlgorithm algorithm, List<byte[][]> reducedTree, byte[] token) throws Exception {
        return renewThreeTimes(List.of(), algorithm, reducedTree, token);
    }

    /** Three time-stamp renewals of the chain that starts with {@code token}, after the chains {@code before}. */
    private static List<byte[]> renewThreeTimes(List<EvidenceRecords.Chain> before, DigestAlgorithm algorithm, List<byte[][]> reducedTree,
                                                byte[] token) throws Exception {
        List<byte[]> renewals = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<EvidenceRecords.Chain> chains = new ArrayList<>(before);
            chains.add(new EvidenceRecords.Chain(algorithm, reducedTree, token, renewals));
            var record = EvidenceRecords.record(chains);
            TimeStampRequest request = EvidenceRecords.renewalRequest(record);
            assertEquals(algorithm.getOid(), request.getMessageImprintAlgOID().getId());
            renewals.add(EvidenceRecords.renewal(record, tsa.timeStamp(request.getMessageImprintAlgOID(), request.getMessageImprintDigest())));
        }
        return renewals;
    }

    private static SimpleReport dss(byte[] record, byte[] document) throws Exception {
        return tsa.dss(record, "record.ers", document);
    }

    private static byte[] hash(DigestAlgorithm algorithm, byte[] data) throws Exception {
        return MessageDigest.getInstance(algorithm.getJavaName()).digest(data);
    }

    private static byte[] document(int i) {
        return ("archived document " + i).getBytes(StandardCharsets.UTF_8);
    }
}
