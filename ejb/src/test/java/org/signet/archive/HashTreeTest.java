package org.signet.archive;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.bouncycastle.tsp.ers.ERSException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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

    private static KeyPair tsaKeys;
    private static X509CertificateHolder tsaCertificate;
    private static DigestCalculatorProvider digests;

    @TempDir
    Path dir;

    @BeforeAll
    static void timeStampingAuthority() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        tsaKeys = generator.generateKeyPair();
        Date now = new Date();
        tsaCertificate = new JcaX509v3CertificateBuilder(new X500Name("CN=Test TSA"), BigInteger.ONE, new Date(now.getTime() - 60_000),
                new Date(now.getTime() + 3_600_000), new X500Name("CN=Test TSA"), tsaKeys.getPublic())
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(tsaKeys.getPrivate()));
        digests = new JcaDigestCalculatorProviderBuilder().build();
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
                record.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCertificate));
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
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", tsaKeys.getPrivate(), new JcaX509CertificateConverter().getCertificate(tsaCertificate)),
                digests.get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                new ASN1ObjectIdentifier("1.2.3.4"));
        var request = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, root, BigInteger.TEN);
        return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED).generate(request, BigInteger.TWO, new Date())
                .getTimeStampToken().getEncoded();
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
