package org.signet.it;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.FileSignRequest;
import org.signet.client.soap.SignetFault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signet.it.Tokens.admin;
import static org.signet.it.Tokens.counter;
import static org.signet.it.Tokens.createSeal;
import static org.signet.it.Tokens.key;
import static org.signet.it.Tokens.makeKey;
import static org.signet.it.Tokens.softhsm;

/**
 * Signature cards and outside CAs, on real SoftHSM2 tokens: mass-signature cards activated once with a PIN that
 * lock themselves after a count or a period, a pool member taken out and brought back, requests restricted to
 * some cards or none, an individual card that takes its PIN with each request (counted at the PKCS#11 interface
 * by OpenSC's spy: a wrong PIN is tried exactly once), a PKCS#10 request certified by an openssl CA, and the
 * "test a key" operation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardsIT {

    private static final String MASS_PIN = "mass-pin-1357";
    private static final String PERSONAL_PIN = "personal-pin-2468";
    private static final String OUTSIDE_PIN = "outside-pin-9753";
    private static final String WRONG_PIN = "wrong-pin-1111";

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    @Order(1)
    void aMassSignatureCardSignsForItsActivationCountThenLocksItselfUntilActivatedAgain() {
        Tokens.register("mass-1", "mass-1", null, "\"mode\":\"mass-card\",\"activationSignatures\":5");
        assertTrue(Tokens.entry("mass-1").contains("locked"), "a new mass card is locked: " + Tokens.entry("mass-1"));

        HttpResponse<byte[]> wrong = activate("mass-1", WRONG_PIN);
        assertEquals(403, wrong.statusCode(), SignetServer.text(wrong));
        assertTrue(SignetServer.text(wrong).contains("CKR_PIN_INCORRECT"), SignetServer.text(wrong));
        assertEquals(204, activate("mass-1", MASS_PIN).statusCode());
        makeKey("mass-1", "seal", "CN=Mass Seal,O=Signet Test");
        createSeal("mass-seal", "\"mass-1/seal\"");

        for (int i = 0; i < 5; i++) {
            assertEquals(200, signFile("mass-seal", "statement " + i, null, null).statusCode());
        }
        HttpResponse<byte[]> sixth = signFile("mass-seal", "statement 6", null, null);
        assertEquals(503, sixth.statusCode(), SignetServer.text(sixth));
        assertTrue(SignetServer.text(sixth).contains("locked"), SignetServer.text(sixth));
        assertTrue(key("mass-1", "seal").contains("locked"), key("mass-1", "seal"));
        assertEquals(5, counter("mass-1", "seal"));

        assertEquals(204, activate("mass-1", MASS_PIN).statusCode());
        assertTrue(key("mass-1", "seal").contains("5 signatures left"), key("mass-1", "seal"));
        assertEquals(200, signFile("mass-seal", "after activation", null, null).statusCode());
        assertTrue(SignetServer.audited("\"action\":\"TOKEN_ACTIVATED\"", "mass-1"), "activation not audited");
    }

    @Test
    @Order(2)
    void aMassSignatureCardLocksItselfWhenItsPeriodEndsWithoutBeingAsked() throws Exception {
        Tokens.register("mass-2", "mass-2", MASS_PIN, "\"mode\":\"mass-card\",\"activationPeriod\":\"PT6S\"");
        makeKey("mass-2", "timed", "CN=Timed Seal,O=Signet Test");
        createSeal("timed-seal", "\"mass-2/timed\"");
        assertEquals(204, activate("mass-2", MASS_PIN).statusCode()); // a fresh period from here
        assertEquals(200, signFile("timed-seal", "in time", null, null).statusCode());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!key("mass-2", "timed").contains("locked") && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(key("mass-2", "timed").contains("locked"), "still activated after its period: " + key("mass-2", "timed"));
        assertEquals(503, signFile("timed-seal", "too late", null, null).statusCode());
    }

    @Test
    @Order(3)
    void aPoolMemberTakenOutOfServiceComesBackWhenActivatedAndRequestsMayExcludeCards() throws Exception {
        Tokens.register("outside-hsm", "outside-hsm", OUTSIDE_PIN, null);
        Tokens.register("mass-3", "mass-3", MASS_PIN, "\"mode\":\"mass-card\",\"activationSignatures\":1000");
        makeKey("outside-hsm", "pool", "CN=Mixed Pool Seal,O=Signet Test");
        makeKey("mass-3", "pool", "CN=Mixed Pool Seal,O=Signet Test");
        createSeal("mixed-pool", "\"outside-hsm/pool\",\"mass-3/pool\"");

        long hsm = counter("outside-hsm", "pool");
        long card = counter("mass-3", "pool");
        signTimes(10, "mixed-pool", null);
        assertTrue(counter("outside-hsm", "pool") > hsm && counter("mass-3", "pool") > card, "the work spreads over HSM and card");

        assertEquals(204, admin("DELETE", "/signet/api/admin/tokens/mass-3/activation", null).statusCode());
        assertTrue(key("mass-3", "pool").contains("deactivated"), key("mass-3", "pool"));
        card = counter("mass-3", "pool");
        signTimes(10, "mixed-pool", null);
        assertEquals(card, counter("mass-3", "pool"), "a deactivated card signs nothing");

        assertEquals(204, activate("mass-3", MASS_PIN).statusCode());
        signTimes(10, "mixed-pool", null);
        assertTrue(counter("mass-3", "pool") > card, "the card is back in the pool");

        // Restricted to no card: only the HSM key signs. HSM keys are never restricted.
        card = counter("mass-3", "pool");
        signTimes(6, "mixed-pool", "none");
        signTimes(6, "mixed-pool", "mass-1");
        assertEquals(card, counter("mass-3", "pool"), "a request that excludes the card never reaches it");
        HttpResponse<byte[]> noCard = signFile("mass-seal", "no card allowed", "none", null);
        assertEquals(503, noCard.statusCode(), SignetServer.text(noCard));
        assertTrue(SignetServer.text(noCard).contains("allows no card"), SignetServer.text(noCard));
        assertEquals(200, signFile("mass-seal", "this card allowed", "mass-1", null).statusCode());

        FileSignRequest soap = soapRequest("mass-seal", "over SOAP");
        soap.setCards("none");
        SignetFault fault = assertThrows(SignetFault.class, () -> SignetServer.demoSoap().signFile(soap));
        assertEquals("KEY_UNAVAILABLE", fault.getFaultInfo().getCode());
    }

    @Test
    @Order(4)
    void anIndividualCardTakesThePinWithEachRequestAndSignetTriesAWrongPinExactlyOnce() throws Exception {
        HttpResponse<byte[]> registered = admin("PUT", "/signet/api/admin/tokens/personal", "{\"library\":\"" + Tokens.spyLibrary()
                + "\",\"slot\":\"" + Tokens.slot("personal") + "\",\"mode\":\"individual-card\",\"pin\":\"" + PERSONAL_PIN + "\"}");
        assertEquals(201, registered.statusCode(), SignetServer.text(registered));
        createSeal("personal-seal", "\"personal/signer\"");
        assertTrue(key("personal", "signer").contains("PIN with each request"), key("personal", "signer"));

        int logins = logins();
        HttpResponse<byte[]> noPin = signFile("personal-seal", "contract", null, null);
        assertEquals(400, noPin.statusCode(), SignetServer.text(noPin));
        assertTrue(SignetServer.text(noPin).contains("PIN_REQUIRED"), SignetServer.text(noPin));
        HttpResponse<byte[]> inUrl = SignetServer.demoPost("/signet/api/sign/file?seal=personal-seal&pin=" + PERSONAL_PIN, "text/plain",
                "contract".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, inUrl.statusCode(), SignetServer.text(inUrl));
        assertEquals(logins, logins(), "no PIN, no login");

        HttpResponse<byte[]> wrong = signFile("personal-seal", "contract", null, WRONG_PIN);
        assertEquals(403, wrong.statusCode(), SignetServer.text(wrong));
        assertTrue(SignetServer.text(wrong).contains("CKR_PIN_INCORRECT"), SignetServer.text(wrong));
        assertEquals(logins + 1, logins(), "a wrong PIN is offered to the card exactly once");

        byte[] contract = "I agree. Erika Mustermann".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> signed = SignetServer.send("POST", "/signet/api/sign/file?seal=personal-seal", "demo",
                SignetServer.demoPassword(), "text/plain", contract, Map.of("X-Signet-PIN", PERSONAL_PIN));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        Path content = OutsideVerifiers.write(dir, "contract.txt", contract);
        Path signature = OutsideVerifiers.write(dir, "contract.txt.p7s", signed.body());
        OutsideVerifiers.Run cms = OutsideVerifiers.opensslCmsVerify(content, signature, outsideCa().resolve("ca.pem"));
        assertEquals(0, cms.exitCode(), cms.output());
        assertEquals(logins + 2, logins(), "one login for the request");
        assertTrue(spyLog().lastIndexOf("C_Logout") > spyLog().lastIndexOf("C_Login"), "the card is logged out after the request");

        // Wrong again, and the card still takes the right PIN: Signet's retries never locked it.
        assertEquals(403, signFile("personal-seal", "contract", null, WRONG_PIN).statusCode());
        assertEquals(200, signFile("personal-seal", "contract", null, PERSONAL_PIN).statusCode());
        FileSignRequest soap = soapRequest("personal-seal", "over SOAP");
        soap.setPin(PERSONAL_PIN);
        assertEquals("personal-seal", SignetServer.demoSoap().signFile(soap).getSeal());
        assertEquals(3, counter("personal", "signer"), "only the signatures made are counted");

        Path pin = Files.writeString(dir.resolve("pin.txt"), PERSONAL_PIN + "\n");
        Path letter = Files.writeString(dir.resolve("letter.txt"), "signed from the command line");
        CommandLineIT.Result cli = CommandLineIT.run(dir, CommandLineIT.demo(), "sign", "--seal", "personal-seal", "--in", letter.toString(),
                "--pin-file", pin.toString());
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());
        assertTrue(Files.exists(dir.resolve("letter.txt.p7s")));
    }

    @Test
    @Order(5)
    void aKeyMadeInAnHsmIsCertifiedByAnOutsideCaThroughAPkcs10Request() throws Exception {
        HttpResponse<byte[]> requested = admin("POST", "/signet/api/admin/tokens/outside-hsm/requests/outside",
                "{\"keySize\":2048,\"subject\":\"CN=Outside Certified Seal,O=Signet Test,C=DE\"}");
        assertEquals(201, requested.statusCode(), SignetServer.text(requested));
        Matcher pem = Pattern.compile("\"certificationRequest\":\"([^\"]+)\"").matcher(SignetServer.text(requested));
        assertTrue(pem.find(), SignetServer.text(requested));
        Path csr = Files.writeString(dir.resolve("outside.csr"), pem.group(1).replace("\\n", "\n").replace("\\/", "/"));
        OutsideVerifiers.Run check = OutsideVerifiers.run(List.of("openssl", "req", "-in", csr.toString(), "-noout", "-verify", "-subject"));
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("Outside Certified Seal"), check.output());

        HttpResponse<byte[]> early = admin("PUT", "/signet/api/admin/seals/outside-seal",
                "{\"formats\":[\"CADES\"],\"keys\":[\"outside-hsm/outside\"]}");
        assertEquals(400, early.statusCode(), SignetServer.text(early));
        assertTrue(SignetServer.text(early).contains("placeholder"), SignetServer.text(early));
        assertTrue(key("outside-hsm", "outside").contains("waiting for its certificate chain"), key("outside-hsm", "outside"));

        Path ca = outsideCa();
        Path issued = dir.resolve("outside.pem");
        OutsideVerifiers.Run sign = OutsideVerifiers.run(List.of("openssl", "x509", "-req", "-in", csr.toString(), "-CA",
                ca.resolve("ca.pem").toString(), "-CAkey", ca.resolve("ca.key").toString(), "-CAcreateserial", "-days", "30",
                "-extfile", ca.resolve("signer.ext").toString(), "-out", issued.toString()));
        assertEquals(0, sign.exitCode(), sign.output());

        HttpResponse<byte[]> wrongChain = importChain("outside-hsm", "outside", Files.readAllBytes(ca.resolve("personal-chain.pem")));
        assertEquals(400, wrongChain.statusCode(), SignetServer.text(wrongChain));
        assertTrue(SignetServer.text(wrongChain).contains("no certificate in the chain is for this key"), SignetServer.text(wrongChain));
        byte[] chain = (Files.readString(ca.resolve("ca.pem")) + Files.readString(issued)).getBytes(StandardCharsets.US_ASCII); // any order
        HttpResponse<byte[]> imported = importChain("outside-hsm", "outside", chain);
        assertEquals(200, imported.statusCode(), SignetServer.text(imported));
        assertTrue(SignetServer.text(imported).contains("Outside Test CA"), SignetServer.text(imported));

        createSeal("outside-seal", "\"outside-hsm/outside\"");
        byte[] invoice = "Invoice 2026-11-0042".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/file?seal=outside-seal", "text/plain", invoice);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        OutsideVerifiers.Run cms = OutsideVerifiers.opensslCmsVerify(OutsideVerifiers.write(dir, "invoice.txt", invoice),
                OutsideVerifiers.write(dir, "invoice.txt.p7s", signed.body()), ca.resolve("ca.pem"));
        assertEquals(0, cms.exitCode(), cms.output());
        assertTrue(SignetServer.audited("\"action\":\"CHAIN_IMPORTED\"", "outside-hsm/outside"), "import not audited");
    }

    @Test
    @Order(6)
    void testingAKeySignsAChallengeAndSaysWhyAKeyCannotSign() throws IOException {
        String ok = SignetServer.text(admin("POST", "/signet/api/admin/keys/outside-hsm/outside/test", null));
        assertTrue(ok.contains("\"ok\":true") && ok.contains("Outside Certified Seal"), ok);
        String noPin = SignetServer.text(admin("POST", "/signet/api/admin/keys/personal/signer/test", null));
        assertTrue(noPin.contains("\"ok\":false") && noPin.contains("PIN"), noPin);
        HttpResponse<byte[]> withPin = SignetServer.send("POST", "/signet/api/admin/keys/personal/signer/test", "demo",
                SignetServer.demoPassword(), null, null, Map.of("X-Signet-PIN", PERSONAL_PIN));
        assertTrue(SignetServer.text(withPin).contains("\"ok\":true"), SignetServer.text(withPin));

        assertEquals(204, admin("DELETE", "/signet/api/admin/tokens/mass-1/activation", null).statusCode());
        String locked = SignetServer.text(admin("POST", "/signet/api/admin/keys/mass-1/seal/test", null));
        assertTrue(locked.contains("\"ok\":false") && locked.contains("locked"), locked);

        CommandLineIT.Result cli = CommandLineIT.run(dir, CommandLineIT.demo(), "keys", "test", "--token", "outside-hsm", "--alias", "outside");
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());
        assertTrue(cli.stdout().contains("OK"), cli.stdout());
        CommandLineIT.Result list = CommandLineIT.run(dir, CommandLineIT.demo(), "keys", "list");
        assertTrue(list.stdout().contains("mass-1/seal") && list.stdout().contains("mass-signature card")
                && list.stdout().contains("deactivated"), list.stdout());
    }

    @Test
    @Order(7)
    void noPinReachesTheServerLogTheAuditTrailOrTheCredentialStoreInClear() throws IOException {
        List<String> pins = List.of(MASS_PIN, PERSONAL_PIN, OUTSIDE_PIN, WRONG_PIN);
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            List<String> leaks = lines.filter(l -> pins.stream().anyMatch(l::contains)).toList();
            assertTrue(leaks.isEmpty(), "PINs in the server log: " + leaks);
        }
        String trail = SignetServer.text(admin("GET", "/signet/api/admin/audit?limit=1000", null));
        assertFalse(pins.stream().anyMatch(trail::contains), "a PIN in the audit trail");
        Path store = Path.of(System.getProperty("jboss.home"), "standalone", "data", "signet-credentials.cs");
        assertTrue(Files.exists(store), "no Elytron credential store at " + store);
        String stored = new String(Files.readAllBytes(store), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains(OUTSIDE_PIN), "the HSM PIN is readable in the credential store file");
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("jboss.home"), "standalone", "data"))) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".pin") || f.toString().endsWith(".secret")),
                    "a secret file beside the data");
        }
    }

    // --- helpers ---

    private static HttpResponse<byte[]> activate(String token, String pin) {
        return admin("POST", "/signet/api/admin/tokens/" + token + "/activation", "{\"pin\":\"" + pin + "\"}");
    }

    private static HttpResponse<byte[]> importChain(String token, String alias, byte[] chain) {
        return SignetServer.send("PUT", "/signet/api/admin/keys/" + token + "/" + alias + "/chain", "demo", SignetServer.demoPassword(),
                "application/x-pem-file", chain);
    }

    private static HttpResponse<byte[]> signFile(String seal, String text, String cards, String pin) {
        String path = "/signet/api/sign/file?seal=" + seal + (cards == null ? "" : "&cards=" + cards);
        return SignetServer.send("POST", path, "demo", SignetServer.demoPassword(), "text/plain", text.getBytes(StandardCharsets.UTF_8),
                pin == null ? Map.of() : Map.of("X-Signet-PIN", pin));
    }

    private static void signTimes(int n, String seal, String cards) {
        for (int i = 0; i < n; i++) {
            HttpResponse<byte[]> signed = signFile(seal, "document " + i, cards, null);
            assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        }
    }

    private static FileSignRequest soapRequest(String seal, String text) throws IOException {
        FileSignRequest request = new FileSignRequest();
        request.setSeal(seal);
        request.setDocument(new DataHandler(new ByteArrayDataSource(text.getBytes(StandardCharsets.UTF_8), "text/plain")));
        request.setDocumentName("document.txt");
        return request;
    }

    private static Path outsideCa() {
        return softhsm().resolve("outside-ca");
    }

    private static String spyLog() {
        try {
            Path log = softhsm().resolve("spy.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** C_Login calls that reached the personal card through the spy. */
    private static int logins() {
        Matcher login = Pattern.compile("C_Login\\b").matcher(spyLog());
        int count = 0;
        while (login.find()) {
            count++;
        }
        return count;
    }
}
