package org.signet.benchmark;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.signet.archive.EvidenceRecords;
import org.signet.archive.HashTree;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The archive's own work, outside the server: a day's hash tree over N entries written to its file, and evidence
 * records read back from it, next to raw SHA-256 over the same number of 64-byte inputs in the same run (the tree
 * hashes N of them). The database's part of a sealing (reading the journal, recording each entry's leaf) is not in it.
 *
 * usage: ArchiveBenchmark [--entries 1000000] [--records 10000] [--rounds 3]
 */
public final class ArchiveBenchmark {

    public static void main(String[] args) throws Exception {
        int entries = intArg(args, "--entries", 1_000_000);
        int records = intArg(args, "--records", 10_000);
        int rounds = intArg(args, "--rounds", 3);
        SecureRandom random = new SecureRandom();
        byte[] leaves = new byte[entries * HashTree.HASH_BYTES];
        random.nextBytes(leaves);
        Path dir = Files.createTempDirectory("signet-archive-bench");
        byte[] token = timeStampToken(random);
        long heapBefore = usedHeap();
        System.out.printf("%,d entries, %,d evidence records, %d rounds, Java %s, %d cores%n", entries, records, rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] pair = new byte[64];
            for (int i = 0; i < entries; i++) {
                System.arraycopy(leaves, (i % (entries - 1)) * HashTree.HASH_BYTES, pair, 0, 64);
                sha256.update(pair);
                sha256.digest();
            }
            double raw = seconds(start);

            Path file = dir.resolve("tree-" + round);
            start = System.nanoTime();
            HashTree.write(leaves, file);
            double tree = seconds(start);

            start = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < records; i++) {
                bytes += EvidenceRecords.encode(HashTree.reducedTree(file, entries, random.nextInt(entries)), token).length;
            }
            double perRecord = seconds(start) * 1000 / records;
            System.out.printf("round %d: raw SHA-256 of %,d x 64 bytes %.2f s; tree %.2f s (%.2f x raw); evidence record %.3f ms"
                    + " (%,d bytes); heap used %,d MB%n", round, entries, raw, tree, tree / raw, perRecord, bytes / records,
                    (usedHeap() - heapBefore) >> 20);
            Files.delete(file);
        }
        Files.delete(dir);
    }

    private static byte[] timeStampToken(SecureRandom random) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Archive benchmark TSA");
        Date now = new Date();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now,
                new Date(now.getTime() + 86_400_000L), name, keys.getPublic())
                .addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withRSA", keys.getPrivate(), certificate),
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                new ASN1ObjectIdentifier("1.2.3.4"));
        tokens.addCertificates(new JcaCertStore(List.of(certificate)));
        byte[] root = new byte[32];
        random.nextBytes(root);
        return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                .generate(new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, root, BigInteger.TEN), BigInteger.TWO, now)
                .getTimeStampToken().getEncoded();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static int intArg(String[] args, String name, int fallback) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? Integer.parseInt(args[at + 1]) : fallback;
    }
}
