package org.signet.it;

import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signet.it.JsonFields.number;

/**
 * kill -9 in the middle of a hot-folder batch (10,000 files by default; -Dcrash.files=N for another size), then a
 * restart: every file ends signed exactly once, with no partial or duplicate output, a complete report, and an
 * audit trail that tells of the resumption. Then kill -9 while the archive's sealing waits for its time stamp, and a
 * restart: the overdue sealing runs by itself and puts every entry into exactly one time-stamped tree, and (SHA-256 now
 * configured as weak) the same job renews that tree's evidence into SHA-512 from the documents the root keeps. Runs its
 * own WildFly (a fresh copy of the provisioned server, port offset 400), because the Arquillian-managed one must not be
 * killed under the other tests.
 */
class CrashRecoveryIT {

    private static final int FILES = Integer.getInteger("crash.files", 10_000);
    private static final URI HTTP = URI.create("http://localhost:8480");
    private static final Path WORK = Path.of(System.getProperty("softhsm.dir")).resolveSibling("crash-it");
    private static final Path SERVER = WORK.resolve("wildfly");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process server;

    private static final CountDownLatch TSA_RELEASED = new CountDownLatch(1);
    private static HttpServer hangingTsa;

    @AfterAll
    static void killServer() {
        kill();
        TSA_RELEASED.countDown();
        if (hangingTsa != null) {
            hangingTsa.stop(0);
        }
    }

    @Test
    void aBatchKilledMidwayAndRestartedEndsWithEveryFileSignedExactlyOnce() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        copyTree(Path.of(System.getProperty("signet.repository"), "wildfly-config", "target", "wildfly"), SERVER);
        Files.copy(Path.of(System.getProperty("signet.ear")), SERVER.resolve("standalone/deployments/signet.ear"));
        if ("postgresql".equals(System.getProperty("signet.it.database"))) {
            usePostgreSql();
        }
        // The archive's time stamps come from a TSA that refuses connections, then from one that never answers: a
        // sealing fails over to the second and hangs there until the kill.
        int refusing;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusing = closed.getLocalPort();
        }
        hangingTsa = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CountDownLatch asked = new CountDownLatch(1);
        hangingTsa.createContext("/tsr", exchange -> {
            asked.countDown();
            try {
                TSA_RELEASED.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hangingTsa.start();
        // no daily sealing during the batch: its time was an hour ago
        String[] archiveSettings = {"-Dsignet.archive.seal-time=" + LocalTime.now().minusHours(1).truncatedTo(ChronoUnit.SECONDS),
                "-Dsignet.tsa.timeout-seconds=120", "-Dsignet.tsa.urls=http://127.0.0.1:" + refusing + "/tsr,http://127.0.0.1:"
                + hangingTsa.getAddress().getPort() + "/tsr"};
        start(archiveSettings);

        assertEquals(201, call("PUT", "/signet/api/admin/seals/crash-seal",
                "{\"description\":\"crash test\",\"formats\":[\"CADES\"],\"maxLevel\":\"B\"}").statusCode());
        assertEquals(204, call("PUT", "/signet/api/admin/seals/crash-seal/users/demo", null).statusCode());
        Path in = WORK.resolve("in");
        Path out = WORK.resolve("out");
        HttpResponse<String> folder = call("PUT", "/signet/api/admin/hotfolders/crash", "{\"root\":\"" + in + "\",\"out\":\"" + out
                + "\",\"error\":\"" + WORK.resolve("err") + "\",\"format\":\"CADES\",\"seal\":\"crash-seal\",\"keepDocuments\":true}");
        assertEquals(200, folder.statusCode(), folder.body());

        Path batch = Files.createDirectories(in.resolve("big"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(batch.resolve(String.format("statement-%05d.txt", i)), "Statement " + i + " of the crash test\n");
        }
        Files.writeString(batch.resolve("APPROVED"), "");
        Path outputs = out.resolve("big");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (signatures(outputs) < FILES / 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        int beforeKill = signatures(outputs);
        assertTrue(beforeKill >= FILES / 3, "the batch did not get a third of the way: " + beforeKill);
        kill();
        assertFalse(Files.exists(outputs.resolve("READY")), "the batch finished before the kill; make it larger");
        int atKill = signatures(outputs);
        assertTrue(atKill < FILES, "everything was signed before the kill");

        start(archiveSettings);
        Path ready = outputs.resolve("READY");
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        Path failed = outputs.resolve("FAILED");
        while (!Files.exists(ready) && !Files.exists(failed) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertFalse(Files.exists(failed), () -> "the resumed batch failed: " + read(failed) + serverTrouble());
        assertTrue(Files.exists(ready), () -> "no READY after the restart, " + read(outputs) + serverTrouble());
        assertEquals("signed=" + FILES + "\nfailed=0\n", Files.readString(ready));

        // Every file once: a copy and one complete, valid detached signature for each, nothing partial.
        List<String> report = Files.readAllLines(outputs.resolve("report.csv"));
        assertEquals(FILES + 1, report.size());
        Set<String> reported = new HashSet<>();
        for (String line : report.subList(1, report.size())) {
            assertTrue(line.contains(",SIGNED,"), line);
            assertTrue(reported.add(line.substring(0, line.indexOf(','))), "reported twice: " + line);
        }
        try (Stream<Path> all = Files.walk(WORK.resolve("out"))) {
            // .signet-part (an output being written) or .signet-moved (an original being turned into its copy)
            List<Path> left = all.filter(p -> p.getFileName().toString().startsWith(".")).toList();
            assertTrue(left.isEmpty(), "a temporary file was left: " + left);
        }
        assertEquals(FILES, signatures(outputs));
        for (int i = 0; i < FILES; i++) {
            String name = String.format("statement-%05d.txt", i);
            byte[] content = Files.readAllBytes(outputs.resolve(name));
            assertEquals("Statement " + i + " of the crash test\n", new String(content, StandardCharsets.UTF_8));
            assertOneValidSignature(content, Files.readAllBytes(outputs.resolve(name + ".p7s")), name);
        }
        for (int i = 0; i < FILES; i += Math.max(1, FILES / 10)) { // and a verifier nobody here wrote, on a sample
            String name = String.format("statement-%05d.txt", i);
            OutsideVerifiers.Run cms = OutsideVerifiers.run(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                    "-in", outputs.resolve(name + ".p7s").toString(), "-content", outputs.resolve(name).toString(), "-CAfile",
                    SERVER.resolve("standalone/data/signet/trust/signet-demo-ca.pem").toString(), "-out", "/dev/null"));
            assertEquals(0, cms.exitCode(), cms.output());
        }
        assertFalse(Files.exists(batch), "the batch folder stays after every file was signed");

        // The key's counter counts reservations: each worker reserves its chunk's signatures in one block, and the kill
        // strands what a chunk in flight had reserved and not used (at most 100 per worker, 2 workers). Never fewer.
        String keys = call("GET", "/signet/api/admin/keys", null).body();
        Matcher entry = Pattern.compile("\\{[^{}]*\"token\":\"seal-crash-seal\"[^{}]*\\}").matcher(keys);
        assertTrue(entry.find(), keys);
        Matcher counter = Pattern.compile("\"signatures\":(\\d+)").matcher(entry.group());
        assertTrue(counter.find(), entry.group());
        long signed = Long.parseLong(counter.group(1));
        assertTrue(signed >= FILES && signed <= FILES + 2 * 100, "the key counted " + signed + " signatures for " + FILES + " files");
        String resumed = call("GET", "/signet/api/admin/audit?action=BATCH_RESUMED", null).body();
        assertTrue(resumed.contains("batch 'big'"), "the resumption is not audited: " + resumed);
        String completed = call("GET", "/signet/api/admin/audit?action=BATCH_COMPLETED", null).body();
        assertTrue(completed.contains(FILES + " signed, 0 failed"), "the completion is not audited: " + completed);
        System.out.printf("crash test: %d files, killed with %d signed, all %d signed once after the restart%n", FILES, atKill, FILES);

        sealingKilledWhileTimeStampingIsDoneOnceAfterTheRestart(asked, outputs);
        workflowKilledBetweenTwoStepsGoesOnAfterTheRestart();
        workflowRootKilledMidBatchStartsEachWorkflowOnce();
    }

    /**
     * kill -9 right after a workflow's first signature, when the second signer's mail may still wait in the outbox: after
     * the restart the workflow waits for the second signer, the mail goes out (the tests' SMTP server), and the second
     * signature completes the document with both signatures.
     */
    private void workflowKilledBetweenTwoStepsGoesOnAfterTheRestart() throws Exception {
        String[] mail = {"-Dsignet.smtp.host=127.0.0.1", "-Dsignet.smtp.port=3025", "-Dsignet.mail.from=crash@signet.test"};
        kill();
        start(mail);
        for (String person : List.of("crash-first", "crash-second")) {
            assertEquals(204, call("PUT", "/signet/api/admin/users/" + person, "{\"password\":\"" + person + "-password\",\"email\":\""
                    + person + "@signet.test\"}").statusCode());
            assertEquals(201, call("POST", "/signet/api/admin/users/" + person + "/certificate", "{}").statusCode());
        }
        SignetServer.Multipart form = new SignetServer.Multipart().file("document", "crash.pdf", TestDocuments.form(null, "First", "Second"))
                .text("workflow", "{\"steps\":[{\"signer\":\"crash-first\",\"field\":\"First\"},"
                        + "{\"signer\":\"crash-second\",\"field\":\"Second\"}],\"level\":\"B\"}");
        HttpResponse<String> started = CLIENT.send(request("POST", "/signet/api/workflows", null)
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, started.statusCode(), started.body());
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(started.body());
        assertTrue(id.find(), started.body());
        HttpResponse<String> first = as("crash-first", "POST", "/signet/api/workflows/" + id.group(1) + "/signature");
        assertEquals(200, first.statusCode(), first.body());
        kill();

        start(mail);
        HttpResponse<String> state = as("crash-second", "GET", "/signet/api/workflows/" + id.group(1));
        assertTrue(state.body().contains("\"waitingFor\":[\"crash-second\"]"), "after the restart: " + state.body());
        Mailboxes.await("crash-second@signet.test", "Please sign: crash.pdf");
        HttpResponse<String> second = as("crash-second", "POST", "/signet/api/workflows/" + id.group(1) + "/signature");
        assertEquals(200, second.statusCode(), second.body());
        assertTrue(second.body().contains("\"state\":\"completed\""), second.body());
        HttpResponse<byte[]> document = CLIENT.send(HttpRequest.newBuilder(HTTP.resolve("/signet/api/workflows/" + id.group(1) + "/document"))
                .header("Authorization", basic("crash-second")).build(), HttpResponse.BodyHandlers.ofByteArray());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(WORK, "crash-signed.pdf", document.body()));
        assertEquals(2, pdfsig.output().split("Signature is Valid\\.", -1).length - 1, pdfsig.output());
        System.out.println("crash test: a workflow killed between its two signatures went on after the restart");
    }

    /**
     * kill -9 while a hot-folder root with a workflow template starts one workflow per PDF: after the restart the batch
     * ends with each document's workflow started exactly once (one receipt each, and as many workflows in the signer's
     * inbox as there were documents, no two for one document).
     */
    private void workflowRootKilledMidBatchStartsEachWorkflowOnce() throws Exception {
        String[] mail = {"-Dsignet.smtp.host=127.0.0.1", "-Dsignet.smtp.port=3025", "-Dsignet.mail.from=crash@signet.test"};
        int documents = 240;
        assertEquals(204, call("PUT", "/signet/api/admin/workflow-templates/crash-offers",
                "{\"steps\":[{\"signer\":\"crash-first\"}],\"starters\":[\"crash-second\"]}").statusCode());
        Path in = WORK.resolve("wf-in");
        Path out = WORK.resolve("wf-out");
        HttpResponse<String> folder = call("PUT", "/signet/api/admin/hotfolders/crash-offers", "{\"root\":\"" + in + "\",\"out\":\""
                + out + "\",\"error\":\"" + WORK.resolve("wf-err") + "\",\"workflow\":\"crash-offers\",\"runAs\":\"crash-second\"}");
        assertEquals(200, folder.statusCode(), folder.body());
        Path batch = Files.createDirectories(in.resolve("offers"));
        for (int i = 0; i < documents; i++) {
            Files.write(batch.resolve(String.format("offer-%05d.pdf", i)), TestDocuments.pdf(1, "Offer " + i));
        }
        Files.writeString(batch.resolve("APPROVED"), "");
        Path outputs = out.resolve("offers");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (receipts(outputs) < documents / 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(receipts(outputs) >= documents / 3, "the batch did not get a third of the way: " + receipts(outputs));
        kill();
        assertFalse(Files.exists(outputs.resolve("READY")), "the batch finished before the kill; make it larger");
        int atKill = receipts(outputs);

        start(mail);
        Path ready = outputs.resolve("READY");
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!Files.exists(ready) && !Files.exists(outputs.resolve("FAILED")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(Files.exists(ready), () -> "no READY after the restart, " + read(outputs.resolve("FAILED")) + serverTrouble());
        assertEquals("started=" + documents + "\nfailed=0\n", Files.readString(ready));
        assertEquals(documents, receipts(outputs));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < documents; i++) {
            String receipt = Files.readString(outputs.resolve(String.format("offer-%05d.pdf.workflow.json", i)));
            Matcher id = Pattern.compile("\"workflow\":\"([0-9a-f-]{36})\"").matcher(receipt);
            assertTrue(id.find() && ids.add(id.group(1)), "one workflow of its own for each document: " + receipt);
        }
        String inbox = as("crash-first", "GET", "/signet/api/workflows").body();
        Matcher offer = Pattern.compile("\"documentName\":\"(offer-\\d{5}\\.pdf)\"").matcher(inbox);
        List<String> waiting = new ArrayList<>();
        while (offer.find()) {
            waiting.add(offer.group(1));
        }
        assertEquals(documents, waiting.size(), "the signer waits for each document once: " + waiting.size() + " workflows");
        assertEquals(documents, new HashSet<>(waiting).size());
        System.out.printf("crash test: a workflow root killed with %d of %d workflows started; each started once after the restart%n",
                atKill, documents);
    }

    private static int receipts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".workflow.json")).count();
        }
    }

    private static HttpResponse<String> as(String person, String method, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(HTTP.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", basic(person))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String person) {
        return "Basic " + Base64.getEncoder().encodeToString((person + ":" + person + "-password").getBytes(StandardCharsets.UTF_8));
    }

    private void sealingKilledWhileTimeStampingIsDoneOnceAfterTheRestart(CountDownLatch asked, Path outputs) throws Exception {
        long entries = number(call("GET", "/signet/api/archive", null).body(), "unsealedEntries");
        assertTrue(entries >= FILES, "every signature enters the archive: " + entries + " entries for " + FILES + " files");
        CompletableFuture<HttpResponse<String>> sealing = CLIENT.sendAsync(request("POST", "/signet/api/archive/seal", null).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(asked.await(2, TimeUnit.MINUTES), "nothing failed over to the second time-stamping authority");
        // The audit chain's checkpoint may be the first to ask it; the sealing writes its tree, then waits there too.
        Path treeFile = SERVER.resolve("standalone/data/signet/archive/trees/1.sha256tree");
        long treeDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!(Files.exists(treeFile) && Files.size(treeFile) > 0) && System.nanoTime() < treeDeadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(treeFile) && Files.size(treeFile) > 0, "the tree is written before it is time-stamped");
        Thread.sleep(500); // the sealing's own request reaches the refusing authority, then the one that never answers
        kill();
        assertTrue(sealing.handle((answer, failure) -> failure != null).get(1, TimeUnit.MINUTES), "the sealing answered before the kill");

        // The restart takes Signet's own TSA; the daily sealing time has just passed, so the waiting entries are overdue.
        // SHA-256 now counts as weak: the daily job, after sealing, renews the new tree's evidence into SHA-512 (RFC 4998 §5.3)
        // from the documents the root keeps.
        start("-Dsignet.archive.seal-time=" + LocalTime.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS),
                "-Dsignet.archive.weak-hash-algorithms=SHA-256");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String state = call("GET", "/signet/api/archive", null).body();
        while (number(state, "unsealedEntries") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            state = call("GET", "/signet/api/archive", null).body();
        }
        assertEquals(0, number(state, "unsealedEntries"), "the overdue sealing did not run after the restart: " + state);
        assertEquals(1, number(state, "trees"), "one tree, whose number the killed sealing never committed: " + state);
        assertEquals(entries, number(state, "sealedEntries"), state);
        assertEquals(entries, number(state, "entries"), "the tree covers every entry, each once: " + state);
        // the sealing commits its tree, time-stamps the log's head, then audits: the entries read sealed a moment before
        String sealed = call("GET", "/signet/api/admin/audit?action=ARCHIVE_SEALED", null).body();
        while (!sealed.contains("tree 1: ") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            sealed = call("GET", "/signet/api/admin/audit?action=ARCHIVE_SEALED", null).body();
        }
        assertTrue(sealed.contains("\"actor\":\"signet\"") && sealed.contains("tree 1: " + entries + " entries"), sealed);
        String renewed = call("GET", "/signet/api/admin/audit?action=ARCHIVE_RENEWED", null).body();
        while (!renewed.contains("renewed into SHA-512") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            renewed = call("GET", "/signet/api/admin/audit?action=ARCHIVE_RENEWED", null).body();
        }
        assertTrue(renewed.contains("\"actor\":\"signet\"") && renewed.contains("hash trees renewed into SHA-512: " + entries
                + " entries in 1 new trees; 0 entries wait"), renewed);
        assertFalse(renewed.contains("\"outcome\":\"FAILED\""), "every chain was renewed or needed none: " + renewed);

        // Every signature has its evidence record from that tree; EU DSS validates a sample over the signature files.
        byte[] crl = CLIENT.send(HttpRequest.newBuilder(HTTP.resolve("/signet/crl/ca.crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        Path ca = SERVER.resolve("standalone/data/signet/trust/signet-demo-ca.pem");
        for (int i = 0; i < FILES; i++) {
            byte[] p7s = Files.readAllBytes(outputs.resolve(String.format("statement-%05d.txt.p7s", i)));
            HttpResponse<byte[]> record = CLIENT.send(request("GET", "/signet/api/archive/evidence/"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(p7s)), null).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, record.statusCode(), "statement " + i + ": " + new String(record.body(), StandardCharsets.UTF_8));
            if (i % Math.max(1, FILES / 10) == 0) {
                var chains = EvidenceRecord.getInstance(record.body()).getArchiveTimeStampSequence().getArchiveTimeStampChains();
                assertEquals(2, chains.length, "statement " + i + ": the day's chain and the SHA-512 one");
                // with SHA-256 weak, Signet's own authority signs with SHA-384
                assertEquals("2.16.840.1.101.3.4.2.2", new CMSSignedData(chains[1].getArchiveTimestamps()[0].getTimeStamp().getEncoded())
                        .getSignerInfos().getSigners().iterator().next().getDigestAlgOID(), "statement " + i);
                SimpleReport report = OutsideVerifiers.dss(record.body(), p7s, "statement.p7s", ca, crl);
                assertEquals(Indication.PASSED, report.getIndication(report.getFirstEvidenceRecordId()),
                        "statement " + i + ": " + report.getSubIndication(report.getFirstEvidenceRecordId()));
            }
        }
        System.out.printf("crash test: the archive's sealing killed while time-stamping; after the restart one tree of %d entries%n",
                entries);
    }

    private static void assertOneValidSignature(byte[] content, byte[] p7s, String name) throws Exception {
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), p7s);
        assertEquals(1, signed.getSignerInfos().size(), name + " has more than one signature");
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder certificate = (X509CertificateHolder) signed.getCertificates().getMatches(signer.getSID()).iterator().next();
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate)), name + ": the signature does not verify");
    }

    private static int signatures(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".p7s")).count();
        }
    }

    private static void start(String... systemProperties) throws Exception {
        List<String> command = new ArrayList<>(List.of(SERVER.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=400", "-Dsignet.demo=true", "-Dsignet.hotfolder.base-dirs=" + WORK));
        command.addAll(List.of(systemProperties));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("console.log").toFile());
        builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx1g -Djava.awt.headless=true --add-opens java.base/java.nio=ALL-UNNAMED");
        server = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (Files.exists(credentials())) {
                try {
                    if (call("GET", "/signet/api/seals", null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not up yet
                }
            }
            assertTrue(server.isAlive(), "the server died while starting; see " + WORK.resolve("console.log"));
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not start within 4 minutes; see " + WORK.resolve("console.log"));
    }

    /** SIGKILL to the server's JVM: no shutdown hook, no orderly stop of the batch job. */
    private static void kill() {
        if (server == null) {
            return;
        }
        server.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        try {
            server.waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(1000); // the JVM's ports and Derby's lock files are released
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /** A file's text, or for a folder how many signatures it holds. */
    private static String read(Path file) {
        try {
            return Files.isDirectory(file) ? signatures(file) + " signatures" : Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The server's warnings and errors and its batch state, for a failure to tell what happened. */
    private static String serverTrouble() {
        StringBuilder trouble = new StringBuilder();
        try {
            trouble.append("\nbatches: ").append(call("GET", "/signet/api/admin/batches", null).body());
        } catch (IOException | InterruptedException | RuntimeException e) {
            trouble.append("\nbatches: ").append(e);
        }
        try (Stream<String> lines = Files.lines(SERVER.resolve("standalone/log/server.log"))) {
            lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Signet resumes"))
                    .limit(60).forEach(l -> trouble.append('\n').append(l.length() > 400 ? l.substring(0, 400) : l));
        } catch (IOException | RuntimeException e) {
            trouble.append("\nserver.log: ").append(e);
        }
        return trouble.toString();
    }

    private static Path credentials() {
        return SERVER.resolve("standalone/data/signet/demo-credentials.properties");
    }

    private static HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return CLIENT.send(request(method, path, json).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request as the demo admin. */
    private static HttpRequest.Builder request(String method, String path, String json) throws IOException {
        Properties demo = new Properties();
        try (InputStream in = Files.newInputStream(credentials())) {
            demo.load(in);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(HTTP.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("demo:" + demo.getProperty("password"))
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    /**
     * On the PostgreSQL run, this server gets a database of its own ("signet_crash", next to the Arquillian-managed
     * server's "signet"; see src/test/postgresql/use-postgresql.sh), the driver module that script installed there.
     */
    private static void usePostgreSql() throws IOException {
        Path itServer = Path.of(System.getProperty("jboss.home"));
        copyTree(itServer.resolve("modules/org/postgresql"), SERVER.resolve("modules/org/postgresql"));
        String port = Files.readString(Path.of(System.getProperty("signet.it.dir"), "postgresql", "port")).strip();
        Path configuration = SERVER.resolve("standalone/configuration/standalone.xml");
        String xml = Files.readString(configuration);
        String patched = xml.replace("<connection-url>jdbc:derby:${jboss.server.data.dir}/signet-db;create=true</connection-url>",
                        "<connection-url>jdbc:postgresql://127.0.0.1:" + port + "/signet_crash</connection-url>")
                .replace("<driver>derby</driver>", "<driver>postgresql</driver>")
                .replace("<drivers>", "<drivers><driver name=\"postgresql\" module=\"org.postgresql\"><driver-class>org.postgresql.Driver"
                        + "</driver-class></driver>");
        assertFalse(patched.contains("jdbc:derby") || patched.equals(xml), "SignetDS could not be pointed at PostgreSQL");
        Files.writeString(configuration, patched);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
