package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's client commands, run through ./signet exactly as a shell script or a scheduler would. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CommandLineIT {

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    record Result(int exitCode, String stdout, String stderr) { }

    /** docs/archive.md's commands: a signed PDF, the archive sealed, its evidence record written next to it. */
    @Test
    void theEvidenceRecordOfASignedPdfAsTheManualShows() throws IOException {
        Path in = Files.write(dir.resolve("kept.pdf"), TestDocuments.pdf(1, "Kept for decades"));
        Path signed = dir.resolve("kept-signed.pdf");
        Result signing = signet(demo(), "sign", "--seal", "demo", "--in", in.toString(), "--out", signed.toString());
        assertEquals(0, signing.exitCode(), signing.stderr());
        Matcher signatureId = Pattern.compile("(?m)^signature id ([0-9a-f]{64})$").matcher(signing.stdout());
        assertTrue(signatureId.find(), signing.stdout());
        Result early = signet(demo(), "evidence", "get", "--in", signed.toString());
        assertEquals(3, early.exitCode(), early.stdout() + early.stderr());
        assertTrue(early.stderr().contains("NOT_YET_SEALED"), early.stderr());

        Result seal = signet(demo(), "archive", "seal");
        assertEquals(0, seal.exitCode(), seal.stderr());
        assertTrue(seal.stdout().matches("(?s)tree \\d+: \\d+ entries, root [0-9a-f]{64}, time-stamped .*"), seal.stdout());
        Result status = signet(demo(), "archive", "status");
        assertTrue(status.stdout().startsWith("0 entries wait for the next sealing"), status.stdout());

        Result get = signet(demo(), "evidence", "get", "--in", signed.toString());
        assertEquals(0, get.exitCode(), get.stderr());
        Result bySignature = signet(demo(), "evidence", "get", "--signature-id", signatureId.group(1), "--out",
                dir.resolve("value.ers").toString());
        assertEquals(0, bySignature.exitCode(), bySignature.stderr());
        assertTrue(Files.size(dir.resolve("value.ers")) > 0);
        byte[] record = Files.readAllBytes(dir.resolve("kept-signed.pdf.ers"));
        SimpleReport report = OutsideVerifiers.dss(record, Files.readAllBytes(signed));
        assertEquals(Indication.PASSED, report.getIndication(report.getFirstEvidenceRecordId()));

        Result renew = signet(demo(), "archive", "renew", "--days", "36500");
        assertEquals(0, renew.exitCode(), renew.stderr());
        assertTrue(renew.stdout().matches("(?s)[1-9]\\d* tree\\(s\\) time-stamped anew.*"), renew.stdout());
        Path returned = Files.createDirectories(dir.resolve("returned"));
        Files.copy(signed, returned.resolve("kept-signed.pdf"));
        Files.writeString(returned.resolve("unknown.txt"), "never archived");
        Files.createSymbolicLink(returned.resolve("link.pdf"), signed.toAbsolutePath());
        Result rehash = signet(demo(), "archive", "renew", "--in", returned.toString(), "--hash-algorithm", "SHA-384");
        assertEquals(0, rehash.exitCode(), rehash.stderr());
        assertTrue(rehash.stdout().matches("(?s)  not archived: \\S*unknown.txt\\s+1 document\\(s\\) brought back to the archive store, 1 not"
                + " archived\\s+[1-9]\\d* entries renewed into SHA-384 in \\d+ new tree\\(s\\); [1-9]\\d* wait for documents.*"
                + "not kept: [0-9a-f]{64}.*"), rehash.stdout());
        Result weakHash = signet(demo(), "archive", "renew", "--hash-algorithm", "SHA-1");
        assertTrue(weakHash.exitCode() != 0 && weakHash.stderr().contains("SHA-512"), weakHash.stdout() + weakHash.stderr());
        assertEquals(0, signet(demo(), "evidence", "get", "--in", signed.toString()).exitCode());

        Result verify = signet(demo(), "evidence", "verify", "--in", signed.toString(), "--er", dir.resolve("kept-signed.pdf.ers").toString());
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        assertTrue(verify.stdout().startsWith("VALID  PASSED  proven at "), verify.stdout());
        Path changed = Files.write(dir.resolve("changed.pdf"), TestDocuments.changedAfterSigning(Files.readAllBytes(signed), "Kept for decades"));
        Result refused = signet(demo(), "evidence", "verify", "--in", changed.toString(), "--er", dir.resolve("kept-signed.pdf.ers").toString());
        assertEquals(1, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(refused.stdout().startsWith("NOT VALID"), refused.stdout());
    }

    @Test
    void signThenVerifyAPdfAsTheReadmeShows() throws IOException {
        Path in = Files.write(dir.resolve("a.pdf"), TestDocuments.pdf(2, "Contract 7"));
        Result sign = signet(demo(), "sign", "--seal", "demo", "--in", in.toString(), "--out", dir.resolve("a-signed.pdf").toString(),
                "--reason", "Agreed");
        assertEquals(0, sign.exitCode(), sign.stderr());
        assertTrue(sign.stdout().contains("PADES-B"), sign.stdout());

        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(dir.resolve("a-signed.pdf"));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());

        Result verify = signet(demo(), "verify", "--in", dir.resolve("a-signed.pdf").toString());
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        assertTrue(verify.stdout().startsWith("0 VALID  PAdES-BASELINE-B"), verify.stdout());

        Files.write(dir.resolve("changed.pdf"), TestDocuments.changedAfterSigning(Files.readAllBytes(dir.resolve("a-signed.pdf")), "Contract 7"));
        Result changed = signet(demo(), "verify", "--in", dir.resolve("changed.pdf").toString());
        assertEquals(1, changed.exitCode(), changed.stdout());
        assertTrue(changed.stdout().startsWith("2 INVALID"), changed.stdout());

        Result unsigned = signet(demo(), "verify", "--in", in.toString());
        assertEquals(1, unsigned.exitCode(), "a PDF without signatures must not pass: " + unsigned.stdout());
    }

    @Test
    void aVisibleStampWithALogoGoesIntoTheFirstEmptyField() throws IOException {
        Path in = dir.resolve("note.pdf");
        try (var pdf = VisibleStampIT.class.getResourceAsStream("/inputs/ghostscript-field.pdf")) {
            Files.write(in, pdf.readAllBytes());
        }
        Path logo = Files.write(dir.resolve("logo.png"), VisibleStampIT.logo(true));
        Result sign = signet(demo(), "sign", "--seal", "demo", "--in", in.toString(), "--visible", "--field", "*",
                "--image", logo.toString(), "--stamp-text", "Sealed by {signer}\\nfor the seal {seal}");
        assertEquals(0, sign.exitCode(), sign.stderr());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(dir.resolve("note-signed.pdf"));
        assertTrue(pdfsig.output().contains("Signature Field Name: Approval"), pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());

        Result badRect = signet(demo(), "sign", "--seal", "demo", "--in", in.toString(), "--rect", "1,2", "--out",
                dir.resolve("never.pdf").toString());
        assertEquals(3, badRect.exitCode(), badRect.stderr());
        assertTrue(badRect.stderr().contains("is not x,y,width,height"), badRect.stderr());
        assertFalse(Files.exists(dir.resolve("never.pdf")), "a refused request leaves no output");
    }

    @Test
    void keysListShowsEveryKeyWithItsSealAndCounter() {
        Result keys = signet(demo(), "keys", "list");
        assertEquals(0, keys.exitCode(), keys.stderr());
        assertTrue(keys.stdout().contains("demo/demo-seal  PKCS12  seals [demo]"), keys.stdout());
        assertEquals(2, signet(demo(), "keys", "remove").exitCode());
    }

    @Test
    void anyOtherFileGetsADetachedSignatureNextToIt() throws IOException {
        Path in = Files.writeString(dir.resolve("ledger.csv"), "date;amount\n2026-11-22;12.50\n");
        Result sign = signet(demo(), "sign", "--seal", "demo", "--level", "LT", "--in", in.toString());
        assertEquals(0, sign.exitCode(), sign.stderr());
        assertTrue(sign.stdout().contains("CADES-LT"), sign.stdout());
        Path p7s = dir.resolve("ledger.csv.p7s");
        assertTrue(Files.exists(p7s));
        OutsideVerifiers.Run openssl = OutsideVerifiers.opensslCmsVerify(in, p7s, SignetServer.demoCa());
        assertEquals(0, openssl.exitCode(), openssl.output());
        assertEquals(0, signet(demo(), "verify", "--in", in.toString(), "--signature", p7s.toString()).exitCode());
    }

    /** A file named .pdf that is no PDF is refused, not silently sealed as "any file"; --format cades still signs it. */
    @Test
    void aFileNamedPdfThatIsNotOneIsRefusedUnlessCadesIsAskedFor() throws IOException {
        byte[] random = new byte[64 * 1024];
        new SecureRandom().nextBytes(random);
        Path in = Files.write(dir.resolve("report.pdf"), random);
        assertOneLineError(signet(demo(), "sign", "--seal", "demo", "--in", in.toString()), 2, "is named .pdf but is not a PDF");
        assertFalse(Files.exists(dir.resolve("report.pdf.p7s")), "nothing may be signed");
        Result cades = signet(demo(), "sign", "--seal", "demo", "--format", "cades", "--in", in.toString());
        assertEquals(0, cades.exitCode(), cades.stderr());
        assertTrue(Files.exists(dir.resolve("report.pdf.p7s")), cades.stdout());
    }

    @Test
    void timestampWritesATokenOpensslVerifies() throws IOException {
        Path in = Files.writeString(dir.resolve("minutes.txt"), "minutes of the board meeting\n");
        Result stamp = signet(demo(), "timestamp", "--in", in.toString());
        assertEquals(0, stamp.exitCode(), stamp.stderr());
        Path token = dir.resolve("minutes.txt.tsr");
        assertTrue(Files.exists(token), stamp.stdout());
        OutsideVerifiers.Run verify = OutsideVerifiers.run(List.of("openssl", "ts", "-verify", "-data", in.toString(),
                "-in", token.toString(), "-CAfile", SignetServer.demoCa().toString()));
        assertTrue(verify.output().contains("Verification: OK"), verify.output());

        Result wrong = signet(Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", "demo", "SIGNET_PASSWORD", "nope-nope"),
                "timestamp", "--in", in.toString(), "--out", dir.resolve("x.tsr").toString());
        assertOneLineError(wrong, 3, "NOT_AUTHENTICATED");
    }

    @Test
    void errorsAreOneLineWithAnExitCodeASchedulerCanUse() throws IOException {
        Path in = Files.write(dir.resolve("b.pdf"), TestDocuments.pdf(1, "b"));
        Path out = dir.resolve("b-signed.pdf");

        Result wrongPassword = signet(Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", "demo",
                "SIGNET_PASSWORD", "wrong-password"), "sign", "--seal", "demo", "--in", in.toString(), "--out", out.toString());
        assertOneLineError(wrongPassword, 3, "NOT_AUTHENTICATED");

        assertOneLineError(signet(demo(), "sign", "--seal", "nope", "--in", in.toString(), "--out", out.toString()), 3, "no seal named 'nope'");
        assertOneLineError(signet(demo(), "sign", "--seal", "demo", "--in", dir.resolve("missing.pdf").toString()), 2, "cannot read");
        assertOneLineError(signet(demo(), "sign", "--in", in.toString()), 2, "--seal is required");
        assertOneLineError(signet(Map.of("SIGNET_URL", "http://localhost:9", "SIGNET_USER", "demo", "SIGNET_PASSWORD", "x"),
                "seals"), 4, "unreachable");
        assertFalse(Files.exists(out), "a refused request must leave no output file");
    }

    private static void assertOneLineError(Result result, int exitCode, String text) {
        assertEquals(exitCode, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(1, result.stderr().strip().lines().count(), "expected one line: " + result.stderr());
        assertTrue(result.stderr().startsWith("signet: "), result.stderr());
        assertTrue(result.stderr().contains(text), result.stderr());
    }

    static Map<String, String> demo() {
        return Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", "demo", "SIGNET_PASSWORD", SignetServer.demoPassword());
    }

    private Result signet(Map<String, String> env, String... args) {
        return run(dir, env, args);
    }

    /** Runs ./signet in {@code dir} with only the given connection settings (no developer's config file). */
    static Result run(Path dir, Map<String, String> env, String... args) {
        return run(dir, env, 120, args);
    }

    static Result run(Path dir, Map<String, String> env, int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("signet.repository"), "signet").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("SIGNET_CONFIG");
        builder.environment().put("HOME", dir.toString()); // no ~/.signet/client.properties from the developer
        builder.environment().putAll(env);
        try {
            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./signet " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
