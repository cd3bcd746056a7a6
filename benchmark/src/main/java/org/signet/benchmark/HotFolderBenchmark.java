package org.signet.benchmark;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Hot-folder throughput end to end: N PDFs of about 80 KB dropped into a batch folder of a running Signet (on this
 * machine), timed from the approval file to the ready file, next to a bare EU DSS PAdES-B-B loop, raw JCA RSA-2048
 * signatures/s (before and after the rounds) and the hot folder's file handling alone, measured in the same run with
 * the same number of threads.
 *
 * The server's JIT needs a few thousand documents before hot folders run at full speed (the first batch after a start
 * runs at about half), so the batch is dropped {@code --rounds} times (and the baselines warm up for
 * {@code --warmup} seconds) and the last round is the figure: a server that signs every night is warm. Because the
 * machine's pace drifts, raw RSA is also measured for 3 s between the rounds (and before the first and after the last),
 * each round is compared with the mean of the measurements just before and just after it, and the median of the last
 * half of these per-round ratios is printed next to the last round's.
 *
 * usage: ./signet bench hotfolder [--files 3000] [--rounds 10] [--threads 2] [--seconds 10] [--warmup 15]
 */
public final class HotFolderBenchmark {

    public static void main(String[] args) throws Exception {
        int files = intArg(args, "--files", 3000);
        int rounds = intArg(args, "--rounds", 10);
        int threads = intArg(args, "--threads", 2);
        int seconds = intArg(args, "--seconds", 10);
        int warmup = intArg(args, "--warmup", 15); // DSS's loop needs about as long as the server to reach its pace
        Properties settings = SigningBenchmark.server();
        byte[] pdf = SigningBenchmark.pdf(17);
        System.out.printf("Hot-folder benchmark: %d PDFs of %d KB, %d thread(s) for the baselines, %d s per baseline%n",
                files, pdf.length / 1024, threads, seconds);

        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        double rawBefore = SigningBenchmark.rawRsa(rsa, threads, warmup, seconds);
        X509Certificate certificate = selfSigned(rsa);
        PAdESService service = new PAdESService(new CommonCertificateVerifier());
        double dss = SigningBenchmark.measure("bare EU DSS PAdES-B-B loop", threads, warmup, seconds, () -> {
            PAdESSignatureParameters parameters = new PAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(new CertificateToken(certificate));
            parameters.setCertificateChain(List.of(new CertificateToken(certificate)));
            DSSDocument document = new InMemoryDocument(pdf, "in.pdf");
            ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(rsa.getPrivate());
            s.update(toBeSigned.getBytes());
            service.signDocument(document, parameters, new SignatureValue(SignatureAlgorithm.RSA_SHA256, s.sign()))
                    .writeTo(OutputStream.nullOutputStream());
        });

        double fileHandling = fileHandling(pdf, files, threads);

        URI base = URI.create(settings.getProperty("url"));
        String authorization = "Basic " + Base64.getEncoder().encodeToString((settings.getProperty("user") + ":"
                + settings.getProperty("password")).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        // under a base folder the server allows for hot folders (./signet names it in signet.hotfolder.base-dirs)
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("signet.hotfolder.base",
                System.getProperty("java.io.tmpdir")))), "signet-hotfolder-bench");
        String name = "bench" + System.currentTimeMillis();
        double endToEnd;
        List<Double> roundRates = new ArrayList<>();
        List<Double> rawBetween = new ArrayList<>();
        try {
            String json = "{\"root\":\"" + dir.resolve("in") + "\",\"out\":\"" + dir.resolve("out") + "\",\"error\":\"" + dir.resolve("err")
                    + "\",\"format\":\"PADES\",\"level\":\"B\",\"seal\":\"demo\"}";
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.resolve("/signet/api/admin/hotfolders/" + name))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("the hot folder could not be added: " + put.statusCode() + " " + put.body());
            }
            endToEnd = 0;
            // Raw RSA for 3 s before, between and after the rounds: the machine's pace drifts within a run (by a third
            // within minutes), and a ratio to baselines taken seconds either side is steadier than one to a baseline
            // taken minutes before, or only on one side.
            rawBetween.add(SigningBenchmark.rawRsa(rsa, threads, 1, 3));
            for (int round = 1; round <= rounds; round++) {
                endToEnd = oneBatch(dir, "batch-" + round, pdf, files, round + "/" + rounds);
                roundRates.add(endToEnd);
                rawBetween.add(SigningBenchmark.rawRsa(rsa, threads, 1, 3));
            }
            http.send(HttpRequest.newBuilder(base.resolve("/signet/api/admin/hotfolders/" + name)).header("Authorization", authorization)
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        // The machine's pace drifts while the rounds run (other tenants): raw RSA again after them, and the mean of both.
        double rawAfter = SigningBenchmark.rawRsa(rsa, threads, warmup, seconds);
        double raw = (rawBefore + rawAfter) / 2;
        System.out.printf("%nRatios in this run (raw RSA-2048 %.0f/s: %.0f before the rounds, %.0f after; bare DSS PAdES-B %.1f/s;"
                + " hot folder: the last round):%n", raw, rawBefore, rawAfter, dss);
        System.out.printf("  hot folder end to end %8.1f docs/s   %.3f x raw RSA   %.2f x bare DSS loop%n", endToEnd, endToEnd / raw, endToEnd / dss);
        List<Double> warm = new ArrayList<>();
        for (int round = rounds / 2; round < rounds; round++) {
            warm.add(roundRates.get(round) / ((rawBetween.get(round) + rawBetween.get(round + 1)) / 2));
        }
        warm.sort(null);
        System.out.printf("  each round against the mean of the raw RSA just before and just after it, the last %d rounds: median %.3f x raw RSA"
                + " (%.3f-%.3f)%n", warm.size(), warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1));
        System.out.printf("  bare DSS loop         %8.1f docs/s   %.3f x raw RSA%n", dss, dss / raw);
        // One signature and the file handling per document, one after the other on the same cores, nothing else. Not a
        // ceiling: the hot folder overlaps flush waits with signing.
        double serial = 1 / (1 / raw + 1 / fileHandling);
        System.out.printf("  RSA and file handling alone, one after the other: %.1f docs/s   %.3f x raw RSA (the hot folder: %.0f%% of it)%n",
                serial, serial / raw, 100 * endToEnd / serial);
    }

    /** About what the revision holding an RSA-2048 signature and the demo chain adds to a PDF. */
    private static final byte[] REVISION = new byte[11 * 1024];

    /**
     * What a PAdES hot folder that removes its originals does with files, and nothing else, on the same number of
     * threads: read the input, move it next to its output under a temporary name, append a signature's revision (11 KB)
     * and flush it, give it the output's name, remove the temporary name (and flush the folders every 100 files). On a
     * virtual machine this is not free: creating a file alone could cost a fifth of an RSA signature's CPU, which is
     * why the hot folder no longer creates one per output.
     */
    private static double fileHandling(byte[] pdf, int files, int threads) throws Exception {
        Path dir = Files.createTempDirectory("signet-file-handling");
        try {
            double perSecond = 0;
            for (int round = 0; round < 2; round++) { // the first warms up
                Path in = Files.createDirectories(dir.resolve("in" + round));
                Path out = Files.createDirectories(dir.resolve("out" + round));
                for (int i = 0; i < files; i++) {
                    Files.write(in.resolve("document-" + i + ".pdf"), pdf);
                }
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long start = System.nanoTime();
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int first = t;
                        done.add(pool.submit(() -> {
                            for (int i = first; i < files; i += threads) {
                                String name = "document-" + i + ".pdf";
                                Path input = in.resolve(name);
                                byte[] content = Files.readAllBytes(input);
                                Path moved = out.resolve("." + name + "." + content.length + ".moved");
                                Files.move(input, moved, StandardCopyOption.ATOMIC_MOVE);
                                try (FileChannel channel = FileChannel.open(moved, StandardOpenOption.WRITE)) {
                                    ByteBuffer buffer = ByteBuffer.wrap(REVISION);
                                    long position = content.length;
                                    while (buffer.hasRemaining()) {
                                        position += channel.write(buffer, position);
                                    }
                                    channel.force(true);
                                }
                                Files.createLink(out.resolve(name), moved);
                                Files.delete(moved);
                                if (i % 100 < threads) {
                                    for (Path folder : List.of(in, out)) {
                                        try (FileChannel channel = FileChannel.open(folder)) {
                                            channel.force(true);
                                        }
                                    }
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                perSecond = files / ((System.nanoTime() - start) / 1e9);
            }
            System.out.printf("%-32s %10.1f /s   (%d files: read, move, append 11 KB, flush, link, unlink)%n", "file handling alone", perSecond, files);
            return perSecond;
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Drops the files, approves the batch and waits for its ready file: documents per second end to end. */
    private static double oneBatch(Path dir, String batchName, byte[] pdf, int files, String round) throws Exception {
        Path batch = Files.createDirectories(dir.resolve("in").resolve(batchName));
        for (int i = 0; i < files; i++) {
            Files.write(batch.resolve(String.format("document-%05d.pdf", i)), pdf);
        }
        Path ready = dir.resolve("out").resolve(batchName).resolve("READY");
        Path failed = ready.resolveSibling("FAILED");
        long start = System.nanoTime();
        long approvedAt = System.currentTimeMillis();
        Files.writeString(batch.resolve("APPROVED"), "");
        while (!Files.exists(ready)) {
            Thread.sleep(20);
            if (Files.exists(failed)) {
                throw new IllegalStateException("the batch failed: " + Files.readString(failed));
            }
            if (System.nanoTime() - start > 3_600_000_000_000L) {
                throw new IllegalStateException("no READY within an hour");
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-32s %10.1f /s   (round %s: %d in %.1f s: %s; %s)%n", "hot folder end to end", files / elapsed, round,
                files, elapsed, Files.readString(ready).replace('\n', ' ').strip(), phases(approvedAt, ready));
        return files / elapsed;
    }

    /** Where the time went, from the files' modification times: until the first output, outputs, report and READY. */
    private static String phases(long approval, Path ready) throws Exception {
        long first = Long.MAX_VALUE;
        long last = 0;
        try (Stream<Path> outputs = Files.list(ready.getParent())) {
            for (Path output : outputs.filter(p -> p.getFileName().toString().endsWith(".pdf")).toList()) {
                long modified = Files.getLastModifiedTime(output).toMillis();
                first = Math.min(first, modified);
                last = Math.max(last, modified);
            }
        }
        return String.format("first output after %.2f s, outputs for %.2f s, READY %.2f s after the last", (first - approval) / 1e3,
                (last - first) / 1e3, (Files.getLastModifiedTime(ready).toMillis() - last) / 1e3);
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=Hot folder benchmark");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(keys.getPrivate())));
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
