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
import org.signet.archive.ArchiveEntry;
import org.signet.archive.EvidenceRecords;
import org.signet.archive.HashTree;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The archive's own work, outside the server: a day's hash tree over N entries written to its file, and evidence
 * records read back from it, next to raw SHA-256 over the same number of 64-byte inputs in the same run (the tree
 * hashes N of them). Then the database's part against embedded Derby: entering N entries as the signing path does
 * (batches of 100, a commit per batch), and a sealing's read of the journal and its one transaction recording each
 * entry's leaf.
 *
 * usage: ArchiveBenchmark [--entries 1000000] [--records 10000] [--rounds 3] [--journal 1000000 (0: none)]
 */
public final class ArchiveBenchmark {

    public static void main(String[] args) throws Exception {
        int entries = intArg(args, "--entries", 1_000_000);
        int records = intArg(args, "--records", 10_000);
        int rounds = intArg(args, "--rounds", 3);
        int journal = intArg(args, "--journal", entries);
        SecureRandom random = new SecureRandom();
        byte[] leaves = new byte[entries * HashTree.HASH_BYTES];
        random.nextBytes(leaves);
        Path dir = Files.createTempDirectory("signet-archive-bench");
        byte[] token = timeStampToken(random);
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
                    + " (%,d bytes)%n", round, entries, raw, tree, tree / raw, perRecord, bytes / records);
            Files.delete(file);
        }
        Files.delete(dir);
        if (journal > 0) {
            journal(journal, random, stringArg(args, "--jdbc"));
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf("peak heap %,d MB (the leaves alone: %,d MB)%n", peak >> 20, (long) leaves.length >> 20);
    }

    /**
     * The journal's statements, as ArchiveJournal, ArchiveSealing and ArchiveTrees run them, on embedded Derby, or on
     * the database {@code jdbc} names (./signet bench archive --postgresql gives one of its own).
     */
    private static void journal(int entries, SecureRandom random, String jdbc) throws Exception {
        Path dir = Files.createTempDirectory("signet-archive-derby");
        String url = jdbc != null ? jdbc : "jdbc:derby:" + dir.resolve("db") + ";create=true";
        try (Connection connection = DriverManager.getConnection(url)) {
            String database = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE SIGNET_ARCHIVE_ENTRY (ID BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL, ACTOR VARCHAR(128)"
                        + " NOT NULL, DOCUMENT_NAME VARCHAR(255), DOCUMENT_SHA256 VARCHAR(64) NOT NULL, ENTERED_AT TIMESTAMP NOT NULL,"
                        + " FORMAT VARCHAR(16), LEAF INTEGER, SEAL_NAME VARCHAR(128), TREE_ID BIGINT, BATCH_NAME VARCHAR(200),"
                        + " PRIMARY KEY (ID))");
                ddl.execute("CREATE INDEX SIGNET_ARCHIVE_ENTRY_SHA256 ON SIGNET_ARCHIVE_ENTRY (DOCUMENT_SHA256)");
                ddl.execute("CREATE INDEX SIGNET_ARCHIVE_ENTRY_TREE ON SIGNET_ARCHIVE_ENTRY (TREE_ID)");
                ddl.execute("CREATE INDEX SIGNET_ARCHIVE_ENTRY_BATCH ON SIGNET_ARCHIVE_ENTRY (BATCH_NAME, DOCUMENT_NAME)");
            }
            connection.setAutoCommit(false);
            HexFormat hex = HexFormat.of();
            byte[] hash = new byte[32];
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(ArchiveEntry.INSERT)) {
                for (int i = 0; i < entries; i++) {
                    random.nextBytes(hash);
                    new ArchiveEntry.New(hex.formatHex(hash), Instant.now(), "bench", "demo", "document-" + i + ".pdf", "PADES",
                            "bench/batch-" + i / 10_000).bind(insert);
                    insert.addBatch();
                    if ((i + 1) % 100 == 0 || i == entries - 1) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            double entering = seconds(start);

            start = System.nanoTime();
            long[] ids = new long[entries];
            int count = 0;
            try (PreparedStatement select = connection.prepareStatement(ArchiveEntry.SELECT_WAITING)) {
                select.setFetchSize(10_000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids[count++] = rows.getLong(1);
                        hex.parseHex(rows.getString(2));
                    }
                }
            }
            double reading = seconds(start);

            start = System.nanoTime();
            try (PreparedStatement update = connection.prepareStatement(ArchiveEntry.SET_LEAF)) {
                for (int leaf = 0; leaf < count; leaf++) {
                    update.setLong(1, 1);
                    update.setInt(2, leaf);
                    update.setLong(3, ids[leaf]);
                    update.addBatch();
                    if ((leaf + 1) % 1000 == 0 || leaf == count - 1) {
                        update.executeBatch();
                    }
                }
            }
            connection.commit();
            double recording = seconds(start);
            System.out.printf("journal on %s, %,d entries: entering %.1f s (%.3f ms an entry, a commit per 100);"
                    + " a sealing reads them in %.1f s and records their leaves in one transaction in %.1f s%n",
                    database, count, entering, entering * 1000 / count, reading, recording);
            if (jdbc != null) {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("DROP TABLE SIGNET_ARCHIVE_ENTRY");
                }
                connection.commit();
            }
        } finally {
            if (jdbc == null) {
                try {
                    DriverManager.getConnection("jdbc:derby:;shutdown=true");
                } catch (SQLException expected) {
                    // Derby says it shut down by an exception
                }
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
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

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String stringArg(String[] args, String name) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? args[at + 1] : null;
    }

    private static int intArg(String[] args, String name, int fallback) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? Integer.parseInt(args[at + 1]) : fallback;
    }
}
