package org.signet.it;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signet.client.soap.BatchDocument;
import org.signet.client.soap.BatchProgress;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.document.TestPdfs;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signet.it.Tokens.admin;

/**
 * Hot folders on the running server: a batch is left alone until its approval file appears, then every file is
 * signed or failed with its reason, the report and the ready semaphore come last; links out of the root are not
 * followed; a seal that runs out mid-batch stops the batch, which resumes without signing any file twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HotFolderIT {

    private static final Path BASE = Path.of(System.getProperty("softhsm.dir")).resolveSibling("hotfolder-it-" + System.nanoTime());

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @Test
    @Order(1)
    void anApprovedBatchIsSignedFileByFileWithAReportAndTheReadyFileLast() throws Exception {
        Root root = putRoot("scans", "\"format\":\"pades\",\"level\":\"B\",\"seal\":\"demo\",\"filter\":\"*.pdf\",\"keepDocuments\":true");
        Path in = root.in();
        Path out = root.out();
        Path err = root.err();

        Path batch = Files.createDirectories(in.resolve("batch-1"));
        for (int i = 1; i <= 5; i++) {
            Files.write(batch.resolve("scan-" + i + ".pdf"), TestDocuments.pdf(2, "Scanned page " + i));
        }
        Files.writeString(batch.resolve("fake.pdf"), "this is not a PDF");
        Files.writeString(batch.resolve("notes.txt"), "not for signing");
        Path outside = Files.write(BASE.resolve("outside.pdf"), TestDocuments.pdf(1, "outside the root"));
        Files.createSymbolicLink(batch.resolve("link.pdf"), outside);

        Thread.sleep(7000); // longer than the scan period: without approval nothing happens
        assertFalse(Files.exists(out.resolve("batch-1")), "a batch was touched before its approval");

        Files.writeString(batch.resolve("APPROVED"), "");
        Path ready = awaitFile(out.resolve("batch-1/READY"));
        assertEquals("signed=5\nfailed=2\n", Files.readString(ready));

        for (int i = 1; i <= 5; i++) {
            OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(out.resolve("batch-1/scan-" + i + ".pdf"));
            assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        }
        List<String> report = Files.readAllLines(out.resolve("batch-1/report.csv"));
        assertEquals("file,result,output,output_sha256,error", report.get(0));
        assertEquals(8, report.size(), String.join("\n", report));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("fake.pdf,FAILED,,,not a PDF")), String.join("\n", report));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("link.pdf,FAILED,,,not a regular file")), String.join("\n", report));
        assertTrue(report.stream().filter(l -> l.contains(",SIGNED,scan-")).allMatch(l -> l.matches(".*,[0-9a-f]{64},$")),
                String.join("\n", report));
        for (String signed : report.stream().filter(l -> l.contains(",SIGNED,")).toList()) { // each output entered the archive
            String sha256 = signed.split(",")[3];
            assertTrue(archived(sha256), signed);
            Path kept = SignetServer.dataDirectory().resolve("archive/documents").resolve(sha256.substring(0, 2))
                    .resolve(sha256.substring(2, 4)).resolve(sha256);
            assertArrayEquals(Files.readAllBytes(out.resolve("batch-1").resolve(signed.split(",")[2])), Files.readAllBytes(kept),
                    "the root keeps its documents in the archive's store: " + signed);
        }
        // Its evidence record, by the file's name in the batch as by its output's hash.
        assertEquals(200, admin("POST", "/signet/api/archive/seal", null).statusCode());
        String scan1 = report.stream().filter(l -> l.startsWith("scan-1.pdf,")).findFirst().orElseThrow().split(",")[3];
        HttpResponse<byte[]> byName = admin("GET", "/signet/api/archive/evidence?hotFolder=scans&batch=batch-1&file=scan-1.pdf", null);
        assertEquals(200, byName.statusCode(), SignetServer.text(byName));
        assertArrayEquals(admin("GET", "/signet/api/archive/evidence/" + scan1, null).body(), byName.body());
        assertEquals(404, admin("GET", "/signet/api/archive/evidence?hotFolder=scans&batch=batch-1&file=fake.pdf", null).statusCode());
        SignetServer.putUser("batch-outsider", "batch-outsider-password", "signer");
        assertEquals(404, SignetServer.send("GET", "/signet/api/archive/evidence?hotFolder=scans&batch=batch-1&file=scan-1.pdf",
                "batch-outsider", "batch-outsider-password", null, null).statusCode(), "only an admin or the batch's signer");
        assertEquals(400, admin("GET", "/signet/api/archive/evidence?hotFolder=scans&file=scan-1.pdf", null).statusCode());
        Path cliDir = Files.createDirectories(BASE.resolve("evidence-cli"));
        CommandLineIT.Result cli = CommandLineIT.run(cliDir, CommandLineIT.demo(), "evidence", "get", "--hotfolder", "scans",
                "--batch", "batch-1", "--file", "scan-1.pdf");
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());
        assertArrayEquals(byName.body(), Files.readAllBytes(cliDir.resolve("scan-1.pdf.ers")));
        assertTrue(Files.exists(err.resolve("batch-1/fake.pdf")) && Files.readString(err.resolve("batch-1/fake.pdf.error.txt"))
                .contains("not a PDF"));
        // Originals of signed files and the approval are gone; what was not signed stays; the link's target is untouched.
        try (Stream<Path> left = Files.list(batch)) {
            assertEquals(List.of("link.pdf", "notes.txt"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.exists(outside));
        try (Stream<Path> all = Files.walk(BASE)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".signet-part")), "a temporary file was left");
        }
        String batches = SignetServer.text(admin("GET", "/signet/api/admin/batches", null));
        assertTrue(batches.contains("\"name\":\"batch-1\"") && batches.contains("\"state\":\"COMPLETED\""), batches);
        assertTrue(SignetServer.audited("\"action\":\"BATCH_COMPLETED\"", "batch-1", "5 signed, 2 failed"), "the batch's end is not audited");
    }

    @Test
    @Order(2)
    void aBatchFolderThatLinksOutOfTheRootIsNeverFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(BASE.resolve("elsewhere"));
        Files.write(elsewhere.resolve("private.pdf"), TestDocuments.pdf(1, "not for the hot folder"));
        Files.writeString(elsewhere.resolve("APPROVED"), "");
        Files.createSymbolicLink(BASE.resolve("scans/in/evil"), elsewhere);
        Thread.sleep(7000);
        assertFalse(Files.exists(BASE.resolve("scans/out/evil")), "a linked batch folder was processed");
        assertTrue(Files.exists(elsewhere.resolve("private.pdf")) && Files.exists(elsewhere.resolve("APPROVED")));
    }

    @Test
    @Order(3)
    void detachedCadesSignaturesGoNextToCopiesAndTheRootMayKeepItsOriginals() throws Exception {
        Path in = BASE.resolve("ledgers/in");
        Path out = BASE.resolve("ledgers/out");
        putHotFolder("ledgers", in, out, BASE.resolve("ledgers/err"),
                "\"format\":\"CADES\",\"seal\":\"demo\",\"keepOriginals\":true,\"approvalFile\":\"GO\",\"readyFile\":\"DONE\","
                + "\"archive\":false");
        Path batch = Files.createDirectories(in.resolve("2026-11"));
        Files.writeString(batch.resolve("ledger.csv"), "date,amount\n2026-11-01,100\n");
        Files.writeString(batch.resolve("GO"), "");
        awaitFile(out.resolve("2026-11/DONE"));
        OutsideVerifiers.Run cms = OutsideVerifiers.opensslCmsVerify(out.resolve("2026-11/ledger.csv"), out.resolve("2026-11/ledger.csv.p7s"),
                SignetServer.demoCa());
        assertEquals(0, cms.exitCode(), cms.output());
        assertTrue(Files.exists(batch.resolve("ledger.csv")), "the root keeps its originals");
        assertFalse(Files.exists(batch.resolve("GO")), "the approval is taken away once the batch is done");
        String signed = Files.readAllLines(out.resolve("2026-11/report.csv")).get(1);
        assertFalse(archived(signed.split(",")[3]), "a root switched off keeps its outputs out of the archive: " + signed);
        String folders = SignetServer.text(admin("GET", "/signet/api/admin/hotfolders", null));
        assertTrue(Arrays.stream(folders.split("\\},\\{")).anyMatch(folder -> folder.contains("\"name\":\"ledgers\"")
                && folder.contains("\"archive\":false")), folders);
    }

    /** Whether the archive knows the output: sealed or waiting for its sealing, but not unknown. */
    private static boolean archived(String sha256) {
        HttpResponse<byte[]> evidence = admin("GET", "/signet/api/archive/evidence/" + sha256, null);
        assertTrue(List.of(200, 404, 409).contains(evidence.statusCode()), SignetServer.text(evidence));
        return evidence.statusCode() != 404;
    }

    @Test
    @Order(4)
    void aSealThatRunsOutStopsTheBatchWhichResumesWithoutSigningAnyFileTwice() throws Exception {
        HttpResponse<byte[]> seal = admin("PUT", "/signet/api/admin/seals/rationed",
                "{\"description\":\"hot folder test\",\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}");
        assertEquals(201, seal.statusCode(), SignetServer.text(seal));
        assertEquals(204, SignetServer.send("PUT", "/signet/api/admin/seals/rationed/users/demo", "demo", SignetServer.demoPassword(),
                null, null).statusCode());
        assertEquals(204, admin("PUT", "/signet/api/admin/keys/seal-rationed/seal/limits", "{\"maxSignatures\":2}").statusCode());
        Path in = BASE.resolve("rationed/in");
        Path out = BASE.resolve("rationed/out");
        putHotFolder("rationed", in, out, BASE.resolve("rationed/err"), "\"format\":\"PADES\",\"seal\":\"rationed\"");

        Path batch = Files.createDirectories(in.resolve("statements"));
        for (int i = 1; i <= 4; i++) {
            Files.write(batch.resolve("statement-" + i + ".pdf"), TestDocuments.pdf(1, "Statement " + i));
        }
        Path approval = Files.writeString(batch.resolve("APPROVED"), "");
        Path failed = awaitFile(out.resolve("statements/FAILED"));
        assertTrue(Files.readString(failed).contains("KEY_LIMIT_REACHED") || Files.readString(failed).contains("limit"),
                Files.readString(failed));
        assertFalse(Files.exists(out.resolve("statements/READY")));
        Map<String, byte[]> first = outputs(out.resolve("statements"));
        assertEquals(2, first.size(), first.keySet().toString());
        try (Stream<Path> left = Files.list(batch)) {
            // The originals of the signed files go once their outputs are recorded; the rest and the approval stay.
            Set<String> names = left.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            Set<String> expected = new HashSet<>(Set.of("APPROVED", "statement-1.pdf", "statement-2.pdf", "statement-3.pdf",
                    "statement-4.pdf"));
            expected.removeAll(first.keySet());
            assertEquals(expected, names);
        }

        assertEquals(204, admin("PUT", "/signet/api/admin/keys/seal-rationed/seal/limits", "{\"maxSignatures\":10}").statusCode());
        Files.setLastModifiedTime(approval, FileTime.from(Instant.now().plusSeconds(1))); // the operator approves again
        Path ready = awaitFile(out.resolve("statements/READY"));
        assertEquals("signed=4\nfailed=0\n", Files.readString(ready));
        assertFalse(Files.exists(failed), "the FAILED semaphore of the stop is gone once the batch completes");
        Map<String, byte[]> all = outputs(out.resolve("statements"));
        assertEquals(4, all.size());
        first.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, all.get(name)), name + " was written again"));
        assertEquals(4, Tokens.counter("seal-rationed", "seal"), "every file signed exactly once");
        assertTrue(SignetServer.audited("\"action\":\"BATCH_FAILED\"", "statements"), "the stop is not audited");
    }

    @Test
    @Order(5)
    void overlappingFoldersAreRefusedAndTheCommandLineManagesHotFolders() throws Exception {
        HttpResponse<byte[]> nested = admin("PUT", "/signet/api/admin/hotfolders/nested", json(BASE.resolve("nested/in"),
                BASE.resolve("nested/in/out"), BASE.resolve("nested/err"), "\"format\":\"pades\",\"seal\":\"demo\""));
        assertEquals(400, nested.statusCode(), SignetServer.text(nested));
        HttpResponse<byte[]> overlap = admin("PUT", "/signet/api/admin/hotfolders/overlap", json(BASE.resolve("scans/in/sub"),
                BASE.resolve("o/out"), BASE.resolve("o/err"), "\"format\":\"pades\",\"seal\":\"demo\""));
        assertEquals(400, overlap.statusCode(), SignetServer.text(overlap));
        assertTrue(SignetServer.text(overlap).contains("overlaps"), SignetServer.text(overlap));
        HttpResponse<byte[]> relative = admin("PUT", "/signet/api/admin/hotfolders/relative",
                "{\"root\":\"in\",\"out\":\"out\",\"error\":\"err\",\"format\":\"pades\",\"seal\":\"demo\"}");
        assertEquals(400, relative.statusCode(), SignetServer.text(relative));

        // Only under the configured base folders (signet.hotfolder.base-dirs), never in or around the server's own
        // directories, and through no planted link: else an admin could take the key stores out as a batch's results.
        Path server = Path.of(System.getProperty("jboss.home"));
        for (Path hostile : List.of(SignetServer.dataDirectory().resolve("batches"), server.resolve("standalone/configuration"),
                server, Path.of("/etc/signet-batches"), BASE.resolve("../../../etc"))) {
            HttpResponse<byte[]> refused = admin("PUT", "/signet/api/admin/hotfolders/hostile", json(hostile, BASE.resolve("h/out"),
                    BASE.resolve("h/err"), "\"format\":\"pades\",\"seal\":\"demo\""));
            assertEquals(400, refused.statusCode(), hostile + ": " + SignetServer.text(refused));
            assertTrue(SignetServer.text(refused).matches(".*(the server's own directory|is not under a folder this server allows).*"),
                    SignetServer.text(refused));
        }
        assertFalse(Files.exists(SignetServer.dataDirectory().resolve("batches")), "nothing is made in the server's directories");
        Files.createSymbolicLink(Files.createDirectories(BASE.resolve("linked")).resolve("in"), SignetServer.dataDirectory());
        HttpResponse<byte[]> linked = admin("PUT", "/signet/api/admin/hotfolders/linked", json(BASE.resolve("linked/in"),
                BASE.resolve("linked/out"), BASE.resolve("linked/err"), "\"format\":\"pades\",\"seal\":\"demo\""));
        assertEquals(400, linked.statusCode(), SignetServer.text(linked));
        assertTrue(SignetServer.text(linked).contains("symbolic link"), SignetServer.text(linked));

        Path dir = Files.createDirectories(BASE.resolve("cli"));
        CommandLineIT.Result add = CommandLineIT.run(dir, CommandLineIT.demo(), "hotfolder", "add", "--name", "invoices", "--root", "in",
                "--out", "out", "--error", "err", "--format", "pades", "--level", "B", "--seal", "demo");
        assertEquals(0, add.exitCode(), add.stdout() + add.stderr());
        CommandLineIT.Result list = CommandLineIT.run(dir, CommandLineIT.demo(), "hotfolder", "list");
        assertTrue(list.stdout().contains("invoices  " + dir.resolve("in").toRealPath()), list.stdout());
        CommandLineIT.Result remove = CommandLineIT.run(dir, CommandLineIT.demo(), "hotfolder", "remove", "--name", "invoices");
        assertEquals(0, remove.exitCode(), remove.stderr());
        assertFalse(CommandLineIT.run(dir, CommandLineIT.demo(), "hotfolder", "list").stdout().contains("invoices"));
    }

    @Test
    @Order(6)
    void aSchedulerApprovesStopsRestartsAndWaitsWithExitCodesItUnderstands() throws Exception {
        Path in = BASE.resolve("nightly/in");
        Path out = BASE.resolve("nightly/out");
        putHotFolder("nightly", in, out, BASE.resolve("nightly/err"), "\"format\":\"PADES\",\"seal\":\"demo\"");
        Path batch = Files.createDirectories(in.resolve("run-1"));
        // A stop takes effect after the chunk in hand (100 files per worker, 3 workers here): enough files for more.
        int files = 800;
        for (int i = 0; i < files; i++) {
            Files.write(batch.resolve(String.format("invoice-%03d.pdf", i)), TestDocuments.pdf(1, "Invoice " + i));
        }
        Files.writeString(batch.resolve("broken.pdf"), "not a PDF either");

        HttpResponse<byte[]> approved = admin("POST", "/signet/api/batches?hotFolder=nightly&name=run-1", null);
        assertEquals(201, approved.statusCode(), SignetServer.text(approved));
        Matcher idMatch = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(SignetServer.text(approved));
        assertTrue(idMatch.find(), SignetServer.text(approved));
        String id = idMatch.group(1);
        assertEquals(204, admin("POST", "/signet/api/batches/" + id + "/stop", null).statusCode());
        String progress = awaitState(id, "STOPPED");
        Matcher signed = Pattern.compile("\"signed\":(\\d+)").matcher(progress);
        assertTrue(signed.find() && Integer.parseInt(signed.group(1)) < files, "the batch did not stop: " + progress);
        assertFalse(Files.exists(out.resolve("run-1/READY")));

        Path dir = Files.createDirectories(BASE.resolve("scheduler"));
        CommandLineIT.Result status = CommandLineIT.run(dir, CommandLineIT.demo(), "batch", "status", "--id", id);
        assertEquals(11, status.exitCode(), status.stdout() + status.stderr());
        assertTrue(status.stdout().contains("STOPPED"), status.stdout());
        SignetServer.putUser("night-clerk", "night-clerk-password", "signer");
        CommandLineIT.Result stranger = CommandLineIT.run(dir, Map.of("SIGNET_URL", SignetServer.HTTP.toString(),
                "SIGNET_USER", "night-clerk", "SIGNET_PASSWORD", "night-clerk-password"), "batch", "status", "--id", id);
        assertEquals(3, stranger.exitCode(), stranger.stdout() + stranger.stderr());

        CommandLineIT.Result restart = CommandLineIT.run(dir, CommandLineIT.demo(), "batch", "restart", "--id", id, "--wait");
        assertEquals(10, restart.exitCode(), "one file failed, the rest signed: " + restart.stdout() + restart.stderr());
        assertTrue(restart.stdout().contains("COMPLETED") && restart.stdout().contains("signed " + files)
                && restart.stdout().contains("failed 1"), restart.stdout());
        assertEquals("signed=" + files + "\nfailed=1\n", Files.readString(out.resolve("run-1/READY")));
        String stops = SignetServer.text(admin("GET", "/signet/api/admin/audit?action=BATCH_STOPPED", null));
        assertTrue(stops.contains("batch 'run-1'"), "the stop is not audited: " + stops);
    }

    @Test
    @Order(7)
    void documentsUploadedOverRestAreSignedAndTheirResultsFetched() throws Exception {
        putHotFolder("uploads", BASE.resolve("uploads/in"), BASE.resolve("uploads/out"), BASE.resolve("uploads/err"),
                "\"format\":\"PADES\",\"seal\":\"demo\"");
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> put = SignetServer.send("PUT", "/signet/api/batches/uploads/web-1/documents/letter-" + i + ".pdf", "demo",
                    SignetServer.demoPassword(), "application/pdf", TestDocuments.pdf(1, "Letter " + i));
            assertEquals(201, put.statusCode(), SignetServer.text(put));
        }
        SignetServer.Multipart many = new SignetServer.Multipart().file("a", "letter-3.pdf", TestDocuments.pdf(1, "Letter 3"))
                .file("b", "letter-4.pdf", TestDocuments.pdf(1, "Letter 4"));
        HttpResponse<byte[]> uploaded = SignetServer.send("POST", "/signet/api/batches/uploads/web-1/documents", "demo",
                SignetServer.demoPassword(), many.contentType(), many.body());
        assertEquals(201, uploaded.statusCode(), SignetServer.text(uploaded));
        HttpResponse<byte[]> again = SignetServer.send("PUT", "/signet/api/batches/uploads/web-1/documents/letter-0.pdf", "demo",
                SignetServer.demoPassword(), "application/pdf", TestDocuments.pdf(1, "Letter 0 again"));
        assertEquals(400, again.statusCode(), "an uploaded file was replaced");
        HttpResponse<byte[]> traversal = SignetServer.send("PUT", "/signet/api/batches/uploads/web-1/documents/..%2F..%2Fescape.pdf", "demo",
                SignetServer.demoPassword(), "application/pdf", TestDocuments.pdf(1, "escape"));
        assertTrue(traversal.statusCode() == 400 || traversal.statusCode() == 404, "path traversal answered " + traversal.statusCode());
        assertFalse(Files.exists(BASE.resolve("uploads/escape.pdf")) || Files.exists(BASE.resolve("escape.pdf")));

        HttpResponse<byte[]> approved = admin("POST", "/signet/api/batches?hotFolder=uploads&name=web-1", null);
        assertEquals(201, approved.statusCode(), SignetServer.text(approved));
        Matcher idMatch = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(SignetServer.text(approved));
        assertTrue(idMatch.find());
        String id = idMatch.group(1);
        String done = awaitState(id, "COMPLETED");
        assertTrue(done.contains("\"signed\":5") && done.contains("\"failed\":0") && done.contains("\"pending\":0"), done);
        HttpResponse<byte[]> report = SignetServer.send("GET", "/signet/api/batches/" + id + "/results/report.csv", "demo",
                SignetServer.demoPassword(), null, null);
        assertEquals(200, report.statusCode());
        assertEquals(6, SignetServer.text(report).strip().lines().count(), SignetServer.text(report));
        HttpResponse<byte[]> signed = SignetServer.send("GET", "/signet/api/batches/" + id + "/results/letter-1.pdf", "demo",
                SignetServer.demoPassword(), null, null);
        assertEquals(200, signed.statusCode());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(Files.createDirectories(BASE.resolve("fetched")),
                "letter-1.pdf", signed.body()));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertEquals(400, SignetServer.send("GET", "/signet/api/batches/" + id + "/results/..", "demo", SignetServer.demoPassword(),
                null, null).statusCode());
    }

    private static String awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        String progress = "";
        while (System.nanoTime() < deadline) {
            progress = SignetServer.text(admin("GET", "/signet/api/batches/" + id, null));
            if (progress.contains("\"state\":\"" + state + "\"")) {
                return progress;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("batch " + id + " is not " + state + " within 90 s: " + progress);
    }

    @Test
    @Order(8)
    void aHotFolderFromTheServerConfigurationSignsAndIsChangedOnlyThere() throws Exception {
        Path base = Path.of(System.getProperty("signet.it.dir"), "configured-hotfolder");
        HttpResponse<byte[]> list = admin("GET", "/signet/api/admin/hotfolders", null);
        assertEquals(200, list.statusCode());
        assertTrue(SignetServer.text(list).contains("\"name\":\"configured\""), SignetServer.text(list));
        Path batch = Files.createDirectories(base.resolve("in/day-1"));
        Files.writeString(batch.resolve("statement.txt"), "balance 42\n");
        Files.writeString(batch.resolve("GO"), "");
        awaitFile(base.resolve("out/day-1/READY"));
        OutsideVerifiers.Run cms = OutsideVerifiers.opensslCmsVerify(base.resolve("out/day-1/statement.txt"),
                base.resolve("out/day-1/statement.txt.p7s"), SignetServer.demoCa());
        assertEquals(0, cms.exitCode(), cms.output());

        HttpResponse<byte[]> change = admin("PUT", "/signet/api/admin/hotfolders/configured",
                json(base.resolve("x/in"), base.resolve("x/out"), base.resolve("x/err"), "\"format\":\"PADES\",\"seal\":\"demo\""));
        assertEquals(409, change.statusCode(), SignetServer.text(change));
        assertTrue(SignetServer.text(change).contains("signet.hotfolder.configured"), SignetServer.text(change));
        assertEquals(409, admin("DELETE", "/signet/api/admin/hotfolders/configured", null).statusCode());
    }

    @Test
    @Order(9)
    void documentsSubmittedOverSoapAreSignedAndTheirResultsFetched() throws Exception {
        putHotFolder("soap-uploads", BASE.resolve("soap/in"), BASE.resolve("soap/out"), BASE.resolve("soap/err"),
                "\"format\":\"PADES\",\"seal\":\"demo\"");
        Signing soap = SignetServer.demoSoap();
        soap.uploadBatchDocuments("soap-uploads", "mainframe-1", List.of(soapDocument("invoice-1.pdf", TestDocuments.pdf(1, "Invoice 1"))));
        SignetFault traversal = Assertions.assertThrows(SignetFault.class,
                () -> soap.uploadBatchDocuments("soap-uploads", "mainframe-1", List.of(soapDocument("../x.pdf", TestDocuments.pdf(1, "x")))));
        assertTrue(traversal.getMessage().contains("not a plain name"), traversal.getMessage());
        BatchProgress progress = soap.submitBatch("soap-uploads", "mainframe-1",
                List.of(soapDocument("invoice-2.pdf", TestDocuments.pdf(1, "Invoice 2"))));
        String done = awaitState(progress.getId(), "COMPLETED");
        assertTrue(done.contains("\"signed\":2") && done.contains("\"failed\":0"), done);
        byte[] signed;
        try (InputStream in = soap.batchResult(progress.getId(), "invoice-2.pdf").getInputStream()) {
            signed = in.readAllBytes();
        }
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(Files.createDirectories(BASE.resolve("soap-fetched")),
                "invoice-2.pdf", signed));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        SignetFault missing = Assertions.assertThrows(SignetFault.class,
                () -> soap.batchResult(progress.getId(), "nothing.pdf"));
        assertTrue(missing.getMessage().contains("nothing.pdf"), missing.getMessage());
    }

    @Test
    @Order(10)
    void anOutputNameThatIsTakenIsNeverOverwrittenNotEvenByWayOfABrokenLink() throws Exception {
        Root root = putRoot("taken", "\"format\":\"PADES\",\"seal\":\"demo\"");
        Path batch = Files.createDirectories(root.in().resolve("b-1"));
        for (String name : List.of("theirs.pdf", "linked.pdf", "free.pdf", "crashed.pdf", "lookalike.pdf")) {
            Files.write(batch.resolve(name), TestDocuments.pdf(1, name));
        }
        Path outDir = Files.createDirectories(root.out().resolve("b-1"));
        Files.writeString(outDir.resolve("theirs.pdf"), "somebody else's file");
        Path nowhere = BASE.resolve("taken/nowhere.pdf");
        Files.createSymbolicLink(outDir.resolve("linked.pdf"), nowhere);
        // What a crash between naming an output and recording it leaves: the temporary name is a second name of the
        // output, Signet's proof that it is its own. A separate file under the temporary name with the same content is
        // no such proof.
        String before = "the output signed before the crash";
        Files.writeString(outDir.resolve("crashed.pdf"), before);
        Files.createLink(outDir.resolve(".crashed.pdf.signet-part"), outDir.resolve("crashed.pdf"));
        Files.writeString(outDir.resolve("lookalike.pdf"), before);
        Files.writeString(outDir.resolve(".lookalike.pdf.signet-part"), before);

        Files.writeString(batch.resolve("APPROVED"), "");
        assertEquals("signed=2\nfailed=3\n", Files.readString(awaitFile(outDir.resolve("READY"))));
        assertEquals(before, Files.readString(outDir.resolve("crashed.pdf")));
        assertEquals(before, Files.readString(outDir.resolve("lookalike.pdf")));
        assertFalse(Files.exists(batch.resolve("crashed.pdf")), "the original of a file taken as signed stays");
        assertEquals("somebody else's file", Files.readString(outDir.resolve("theirs.pdf")));
        assertTrue(Files.isSymbolicLink(outDir.resolve("linked.pdf")) && !Files.exists(nowhere), "the link was replaced or followed");
        List<String> report = Files.readAllLines(outDir.resolve("report.csv"));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("theirs.pdf,FAILED,,,") && l.contains("does not overwrite")), String.join("\n", report));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("linked.pdf,FAILED,,,") && l.contains("does not overwrite")), String.join("\n", report));
        String crashedDigest = TestDocuments.sha256Hex(before.getBytes(StandardCharsets.UTF_8));
        assertTrue(report.contains("crashed.pdf,SIGNED,crashed.pdf," + crashedDigest + ","),
                String.join("\n", report));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("lookalike.pdf,FAILED,,,") && l.contains("exists already")),
                String.join("\n", report));
        assertTrue(OutsideVerifiers.pdfsig(outDir.resolve("free.pdf")).output().contains("Signature is Valid."));
        assertTrue(Files.exists(root.err().resolve("b-1/theirs.pdf")) && Files.exists(root.err().resolve("b-1/linked.pdf")),
                "the originals of failed files go to the error folder");
        try (Stream<Path> all = Files.walk(BASE.resolve("taken"))) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".signet-part")), "a temporary file was left");
        }
    }

    @Test
    @Order(11)
    void originalsBecomeTheirOutputsAndOnesACrashCaughtHalfWayAreSignedFromTheirOriginalBytes() throws Exception {
        Root root = putRoot("moved", "\"format\":\"PADES\",\"seal\":\"demo\"");
        Path batch = Files.createDirectories(root.in().resolve("b-1"));
        Path outDir = Files.createDirectories(root.out().resolve("b-1"));
        byte[] fresh = TestDocuments.pdf(1, "fresh");
        Object freshInode = Files.getAttribute(Files.write(batch.resolve("fresh.pdf"), fresh), "unix:ino");
        // What a kill -9 leaves while an original is turned into its output: moved next to it under a name that holds
        // its length, part of its revision appended, no output name yet. It must be signed from its own bytes.
        byte[] half = TestDocuments.pdf(1, "half");
        byte[] halfExtended = Arrays.copyOf(half, half.length + 700);
        Arrays.fill(halfExtended, half.length, halfExtended.length, (byte) '7');
        Files.write(outDir.resolve(".half.pdf." + half.length + ".signet-moved"), halfExtended);
        // And one caught after its output was named, before it was recorded: Signet's own, taken as signed.
        String before = "the output signed before the crash";
        Path named = Files.writeString(outDir.resolve(".named.pdf.123.signet-moved"), before);
        Files.createLink(outDir.resolve("named.pdf"), named);

        Files.writeString(batch.resolve("APPROVED"), "");
        assertEquals("signed=3\nfailed=0\n", Files.readString(awaitFile(outDir.resolve("READY"))));
        byte[] halfSigned = Files.readAllBytes(outDir.resolve("half.pdf"));
        assertTrue(Arrays.equals(halfSigned, 0, half.length, half, 0, half.length)
                && halfSigned[half.length] != '7', "half.pdf was not signed from its original bytes alone");
        assertTrue(OutsideVerifiers.pdfsig(outDir.resolve("half.pdf")).output().contains("Signature is Valid."));
        Path freshOut = outDir.resolve("fresh.pdf");
        assertTrue(OutsideVerifiers.pdfsig(freshOut).output().contains("Signature is Valid."));
        assertEquals(freshInode, Files.getAttribute(freshOut, "unix:ino"), "the output was copied, not made of its original");
        assertEquals(before, Files.readString(outDir.resolve("named.pdf")));
        List<String> report = Files.readAllLines(outDir.resolve("report.csv"));
        assertTrue(report.contains("named.pdf,SIGNED,named.pdf," + TestDocuments.sha256Hex(before.getBytes(StandardCharsets.UTF_8)) + ","),
                String.join("\n", report));
        assertTrue(report.contains("half.pdf,SIGNED,half.pdf," + TestDocuments.sha256Hex(halfSigned) + ","), String.join("\n", report));
        assertFalse(Files.exists(batch), "the batch folder stays");
        try (Stream<Path> all = Files.walk(BASE.resolve("moved"))) {
            List<Path> left = all.filter(p -> p.getFileName().toString().startsWith(".")).toList();
            assertTrue(left.isEmpty(), "temporary names were left: " + left);
        }
    }

    /**
     * Files over signet.max-document-size (4M here) are signed where they lie, never held: a PDF gains its revision,
     * and the original itself becomes the output; a file for a detached CAdES signature is signed by its digest and
     * copied next to it from its original, checked against the SHA-256 read before (the root keeps its originals). A
     * visible stamp is not drawn into such a PDF: the file fails naming the limit. pdfsig and openssl check the outputs.
     */
    @Test
    @Order(12)
    void filesOverTheDocumentLimitAreSignedWhereTheyLie() throws Exception {
        byte[] large = TestPdfs.withStream(TestDocuments.pdf(1, "a large scan"), "<< /Length " + (6 << 20) + " >>", new byte[6 << 20]);
        Root pdfs = putRoot("large", "\"format\":\"PADES\",\"seal\":\"demo\"");
        Path batch = Files.createDirectories(pdfs.in().resolve("b-1"));
        Object inode = Files.getAttribute(Files.write(batch.resolve("scan.pdf"), large), "unix:ino");
        Files.write(batch.resolve("small.pdf"), TestDocuments.pdf(1, "small"));
        Files.writeString(batch.resolve("APPROVED"), "");
        Path outDir = pdfs.out().resolve("b-1");
        assertEquals("signed=2\nfailed=0\n", Files.readString(awaitFile(outDir.resolve("READY"))));
        byte[] signed = Files.readAllBytes(outDir.resolve("scan.pdf"));
        assertTrue(signed.length > large.length && signed.length < large.length + (1 << 20)
                && Arrays.equals(signed, 0, large.length, large, 0, large.length), "the original's bytes changed, or nothing was appended");
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(outDir.resolve("scan.pdf"));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertEquals(inode, Files.getAttribute(outDir.resolve("scan.pdf"), "unix:ino"), "the output was copied, not made of its original");
        assertTrue(Files.readAllLines(outDir.resolve("report.csv")).contains("scan.pdf,SIGNED,scan.pdf," + TestDocuments.sha256Hex(signed) + ","),
                Files.readString(outDir.resolve("report.csv")));
        assertFalse(Files.exists(batch));

        Root ledgers = putRoot("large-cades", "\"format\":\"CADES\",\"seal\":\"demo\",\"keepOriginals\":true");
        Path cadesBatch = Files.createDirectories(ledgers.in().resolve("b-1"));
        byte[] export = new byte[5 << 20];
        new java.util.Random(7).nextBytes(export);
        Files.write(cadesBatch.resolve("export.bin"), export);
        Files.writeString(cadesBatch.resolve("APPROVED"), "");
        Path cadesOut = ledgers.out().resolve("b-1");
        assertEquals("signed=1\nfailed=0\n", Files.readString(awaitFile(cadesOut.resolve("READY"))));
        assertArrayEquals(export, Files.readAllBytes(cadesOut.resolve("export.bin")));
        assertArrayEquals(export, Files.readAllBytes(cadesBatch.resolve("export.bin")), "the root keeps its originals");
        OutsideVerifiers.Run cms = OutsideVerifiers.opensslCmsVerify(cadesOut.resolve("export.bin"), cadesOut.resolve("export.bin.p7s"),
                SignetServer.demoCa());
        assertEquals(0, cms.exitCode(), cms.output());

        Root stamped = putRoot("large-stamped", "\"format\":\"PADES\",\"seal\":\"demo\",\"stampText\":\"Received\"");
        Path stampedBatch = Files.createDirectories(stamped.in().resolve("b-1"));
        Files.write(stampedBatch.resolve("scan.pdf"), large);
        Files.writeString(stampedBatch.resolve("APPROVED"), "");
        assertEquals("signed=0\nfailed=1\n", Files.readString(awaitFile(stamped.out().resolve("b-1/READY"))));
        String why = Files.readString(stamped.err().resolve("b-1/scan.pdf.error.txt"));
        assertTrue(why.contains("signet.max-document-size") && why.contains("invisibly"), why);
        assertArrayEquals(large, Files.readAllBytes(stamped.err().resolve("b-1/scan.pdf")), "the failed file is not in the error folder as it was");
    }

    // --- helpers ---

    private static BatchDocument soapDocument(String name, byte[] content) {
        BatchDocument document = new BatchDocument();
        document.setName(name);
        document.setContent(new DataHandler(new ByteArrayDataSource(content, "application/pdf")));
        return document;
    }

    /** A hot folder's three folders, under {@code BASE/<name>/}. */
    private record Root(Path in, Path out, Path err) { }

    private static Root putRoot(String name, String options) {
        Path dir = BASE.resolve(name);
        Root root = new Root(dir.resolve("in"), dir.resolve("out"), dir.resolve("err"));
        putHotFolder(name, root.in(), root.out(), root.err(), options);
        return root;
    }

    private static void putHotFolder(String name, Path in, Path out, Path err, String options) {
        HttpResponse<byte[]> put = admin("PUT", "/signet/api/admin/hotfolders/" + name, json(in, out, err, options));
        assertEquals(200, put.statusCode(), SignetServer.text(put));
    }

    private static String json(Path in, Path out, Path err, String options) {
        return "{\"root\":\"" + in + "\",\"out\":\"" + out + "\",\"error\":\"" + err + "\"," + options + "}";
    }

    private static Path awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertTrue(Files.exists(file), "no " + file + " within 90 s");
        return file;
    }

    private static Map<String, byte[]> outputs(Path dir) throws IOException {
        Map<String, byte[]> outputs = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pdf")).toList()) {
                outputs.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return outputs;
    }

}
