package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
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
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.admin.KeyDescription;
import org.signet.client.soap.admin.SignetFault;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signet.it.Tokens.admin;
import static org.signet.it.Tokens.counter;
import static org.signet.it.Tokens.createSeal;
import static org.signet.it.Tokens.slot;
import static org.signet.it.Tokens.softhsm;

/**
 * Keys in a real PKCS#11 token (SoftHSM2, made by src/test/softhsm/init-tokens.sh before the server starts):
 * registration, key generation inside the token, an HSM-backed seal, a pool of three cards that loses one
 * mid-run, usage counters under concurrency and their limits, and PINs that never reach a log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeysIT {

    private static final String LIBRARY = Tokens.LIBRARY;
    private static final String HSM_PIN = "hsm-pin-4711";
    private static final String CARD_PIN = "card-pin-0815";

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    /**
     * The demo seal's software key signs through the native provider the provisioned server has as a module, and its
     * signatures pass poppler and DSS as the JDK's do.
     */
    @Test
    @Order(0)
    void softwareKeysSignWithTheNativeProvider() throws Exception {
        byte[] signed = sign(SignetServer.DEMO_SEAL, TestDocuments.pdf(1, "Sealed with a native RSA"));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "native.pdf", signed));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(signed, null);
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()));
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            assertTrue(lines.anyMatch(line -> line.contains("Signet's software keys sign with AmazonCorrettoCryptoProvider 2.5.0 (native)")),
                    "the server did not load the native provider for software keys");
        }
    }

    @Test
    @Order(1)
    void anHsmKeyMadeInsideTheTokenSealsPdfsThatOutsideVerifiersAccept() throws Exception {
        Tokens.register("hsm", "hsm", HSM_PIN, null);
        java.time.Instant asked = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<byte[]> key = admin("POST", "/signet/api/admin/tokens/hsm/keys/invoices",
                "{\"algorithm\":\"RSA\",\"keySize\":2048,\"subject\":\"CN=Invoice Seal HSM,O=Signet Test\"}");
        assertEquals(201, key.statusCode(), SignetServer.text(key));
        java.security.cert.X509CRL crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(SignetServer.publishedCrl()));
        assertFalse(crl.getThisUpdate().toInstant().isBefore(asked), "a CRL issued before the new certificate says nothing about it"
                + " (DSS: inconsistent revocation data): Signet issues a new one, not " + crl.getThisUpdate());
        createSeal("hsm-seal", "\"hsm/invoices\"");

        byte[] signed = sign("hsm-seal", TestDocuments.pdf(2, "Invoice sealed in an HSM"));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "hsm.pdf", signed));
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(pdfsig.output().contains("Invoice Seal HSM"), pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(signed, null);
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()));

        String keys = SignetServer.text(admin("GET", "/signet/api/admin/keys", null));
        assertTrue(keys.contains("\"token\":\"hsm\"") && keys.contains("\"alias\":\"invoices\"") && keys.contains("\"hsm-seal\""), keys);
    }

    @Test
    @Order(2)
    void aWrongPinIsRefusedWithoutTheRegistrationOrThePinAppearingAnywhere() {
        HttpResponse<byte[]> wrong = admin("PUT", "/signet/api/admin/tokens/card-wrong",
                "{\"library\":\"" + LIBRARY + "\",\"slot\":\"" + slot("card-1") + "\",\"pin\":\"not-the-pin-9\"}");
        assertEquals(403, wrong.statusCode(), SignetServer.text(wrong));
        assertTrue(SignetServer.text(wrong).contains("WRONG_PIN") && SignetServer.text(wrong).contains("CKR_PIN_INCORRECT"),
                SignetServer.text(wrong));
        assertFalse(SignetServer.text(wrong).contains("not-the-pin-9"), SignetServer.text(wrong));
        assertFalse(SignetServer.text(admin("GET", "/signet/api/admin/keys", null)).contains("card-wrong"));
    }

    /**
     * A PKCS#11 library is native code the server loads: only those listed in signet.pkcs11.libraries, compared by
     * real path: a copy of SoftHSM itself elsewhere is refused, so is a link to it (every other test registers the listed one).
     */
    @Test
    @Order(2)
    void onlyTheLibrariesTheServerListsAreLoaded() throws IOException {
        Path copy = Files.copy(Path.of(LIBRARY), dir.resolve("libsofthsm2.so"));
        Path link = Files.createSymbolicLink(dir.resolve("linked.so"), copy);
        for (Path library : List.of(copy, link)) {
            HttpResponse<byte[]> refused = admin("PUT", "/signet/api/admin/tokens/unlisted",
                    "{\"library\":\"" + library + "\",\"slot\":\"" + slot("card-1") + "\",\"pin\":\"" + CARD_PIN + "\"}");
            assertEquals(400, refused.statusCode(), SignetServer.text(refused));
            assertTrue(SignetServer.text(refused).contains("signet.pkcs11.libraries"), SignetServer.text(refused));
        }
        HttpResponse<byte[]> newline = admin("PUT", "/signet/api/admin/tokens/unlisted", "{\"library\":\"" + LIBRARY
                + "\\nslotListIndex = 0\",\"slot\":\"" + slot("card-1") + "\",\"pin\":\"" + CARD_PIN + "\"}");
        assertEquals(400, newline.statusCode(), SignetServer.text(newline));
        assertFalse(SignetServer.text(admin("GET", "/signet/api/admin/keys", null)).contains("unlisted"));
    }

    @Test
    @Order(3)
    void fiftyParallelRequestsCountExactlyFiftySignaturesAndALimitStopsTheKey() throws Exception {
        Tokens.register("card-1", "card-1", CARD_PIN, null);
        assertEquals(201, admin("POST", "/signet/api/admin/tokens/card-1/keys/counted",
                "{\"keySize\":2048,\"subject\":\"CN=Counted Seal,O=Signet Test\"}").statusCode());
        createSeal("counted-seal", "\"card-1/counted\"");

        List<Integer> statuses = parallel(50, i -> SignetServer.demoPost("/signet/api/sign/file?seal=counted-seal", "text/plain",
                ("statement " + i).getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(50, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(50, counter("card-1", "counted"));

        // A limit of 53: three more signatures, then the key refuses, audited.
        assertEquals(204, admin("PUT", "/signet/api/admin/keys/card-1/counted/limits", "{\"maxSignatures\":53}").statusCode());
        List<Integer> more = parallel(6, i -> SignetServer.demoPost("/signet/api/sign/file?seal=counted-seal", "text/plain",
                ("more " + i).getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(3, more.stream().filter(s -> s == 200).count(), more.toString());
        assertEquals(3, more.stream().filter(s -> s == 503).count(), more.toString());
        assertEquals(53, counter("card-1", "counted"));
        HttpResponse<byte[]> refused = SignetServer.demoPost("/signet/api/sign/file?seal=counted-seal", "text/plain", new byte[] {1});
        assertTrue(SignetServer.text(refused).contains("KEY_LIMIT_REACHED") && SignetServer.text(refused).contains("53"),
                SignetServer.text(refused));
        assertTrue(SignetServer.audited("\"action\":\"KEY_LIMIT_REACHED\"", "\"seal\":\"counted-seal\""), "limit not audited");
    }

    @Test
    @Order(4)
    void aPoolOfThreeCardsLosesOneMidRunAndNoRequestIsLost() throws Exception {
        Tokens.register("card-2", "card-2", CARD_PIN, null);
        Tokens.register("card-3", "card-3", CARD_PIN, null);
        // A multi-card seal: one identity, a key on each card (each certified by Signet's CA).
        for (String card : List.of("card-1", "card-2", "card-3")) {
            HttpResponse<byte[]> made = admin("POST", "/signet/api/admin/tokens/" + card + "/keys/pool",
                    "{\"keySize\":2048,\"subject\":\"CN=Statement Seal,O=Signet Test\"}");
            assertEquals(201, made.statusCode(), SignetServer.text(made));
        }
        createSeal("pool-seal", "\"card-1/pool\",\"card-2/pool\",\"card-3/pool\"");

        int requests = 60;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                byte[] pdf = TestDocuments.pdf(1, "Statement " + i);
                answers.add(pool.submit(() -> SignetServer.demoPost("/signet/api/sign/pdf?seal=pool-seal", "application/pdf", pdf)));
                if (i == requests / 3) {
                    // The card is pulled while requests are in flight.
                    OutsideVerifiers.Run pulled = OutsideVerifiers.run(List.of("env", "SOFTHSM2_CONF=" + softhsm().resolve("softhsm2.conf"),
                            "softhsm2-util", "--delete-token", "--token", "card-3"));
                    assertEquals(0, pulled.exitCode(), pulled.output());
                }
            }
            int signedAfterPull = 0;
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.get();
                assertEquals(200, response.statusCode(), () -> SignetServer.text(response));
                signedAfterPull++;
            }
            assertEquals(requests, signedAfterPull);
        } finally {
            pool.shutdownNow();
        }
        long total = counter("card-1", "pool") + counter("card-2", "pool") + counter("card-3", "pool");
        assertEquals(requests, total, "every signature counted once, on the card that made it");
        assertTrue(counter("card-1", "pool") > 0 && counter("card-2", "pool") > 0, "the work spreads over the cards");
        String keys = SignetServer.text(admin("GET", "/signet/api/admin/keys", null));
        assertTrue(keys.contains("card-3") && keys.contains("unavailable"), "the pulled card shows as unavailable: " + keys);

        byte[] last = sign("pool-seal", TestDocuments.pdf(1, "after the pull"));
        SimpleReport dss = OutsideVerifiers.dss(last, null);
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()));
    }

    @Test
    @Order(5)
    void noPinEverReachesTheServerLog() throws IOException {
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        assertTrue(Files.exists(log), "no server log at " + log);
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            List<String> leaks = lines.filter(l -> l.contains(HSM_PIN) || l.contains(CARD_PIN) || l.contains("not-the-pin-9")).toList();
            assertTrue(leaks.isEmpty(), "PINs in the server log: " + leaks);
        }
        String trail = SignetServer.text(admin("GET", "/signet/api/admin/audit?limit=1000", null));
        assertTrue(trail.contains("TOKEN_REGISTERED"), "registrations are audited");
        assertFalse(trail.contains(HSM_PIN) || trail.contains(CARD_PIN), "a PIN in the audit trail");
    }

    @Test
    @Order(6)
    void soapAdministrationListsTheSameKeysAndCounters() throws Exception {
        List<KeyDescription> keys = SignetServer.demoAdministration().listKeys();
        KeyDescription counted = keys.stream()
                .filter(k -> "card-1".equals(k.getToken()) && "counted".equals(k.getAlias())).findFirst().orElseThrow();
        assertEquals(53, counted.getSignatures());
        assertEquals(53L, counted.getMaxSignatures());
        assertEquals(List.of("counted-seal"), counted.getSeal());
        SignetFault notAdmin = Assertions.assertThrows(
                SignetFault.class, () -> {
                    SignetServer.putUser("key-clerk", "key-clerk-password", "signer");
                    SignetServer.administration("key-clerk", "key-clerk-password").listKeys();
                });
        assertEquals("NOT_AUTHORISED", notAdmin.getFaultInfo().getCode());
    }

    // --- helpers ---

    private static byte[] sign(String seal, byte[] pdf) {
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=" + seal, "application/pdf", pdf);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        return signed.body();
    }

    private interface Call {
        int run(int i) throws Exception;
    }

    private static List<Integer> parallel(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.run(index)));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
