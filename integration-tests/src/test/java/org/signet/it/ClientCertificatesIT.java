package org.signet.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS client certificates on the HTTPS listener configured as docs/install.md shows (use-tls.sh): a process logs in
 * on the REST face with the certificate registered for it, with curl and Java's HttpClient; a certificate of the
 * trusted authority that was never registered, or whose holder is disabled or unregistered, or one from another
 * authority, logs in as nobody; without a certificate a password still works, also for SOAP with MTOM from the command
 * line over the same listener; the command line signs over SOAP with the certificate alone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientCertificatesIT {

    private static final URI HTTPS = URI.create("https://localhost:8543");
    private static final Path TLS = Path.of(System.getProperty("signet.it.dir"), "tls");
    private static final String KEY_STORE_PASSWORD = "tls-client-secret";

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    /** The password Signet made for the process: it logs in with either. */
    private static String processPassword;

    @BeforeAll
    static void processWithItsCertificate() throws IOException {
        HttpResponse<byte[]> created = SignetServer.admin("PUT", "/signet/api/admin/users/tls-process", "{\"kind\":\"process\",\"roles\":[\"signer\"]}");
        assertEquals(201, created.statusCode(), SignetServer.text(created));
        processPassword = JsonFields.text(SignetServer.text(created), "password");
        HttpResponse<byte[]> seal = SignetServer.admin("PUT", "/signet/api/admin/seals/tls-invoices", "{\"formats\":[\"PADES\"],\"maxLevel\":\"B\"}");
        assertTrue(seal.statusCode() / 100 == 2, SignetServer.text(seal));
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/tls-invoices/users/tls-process", null).statusCode());
        HttpResponse<byte[]> registered = register("tls-process", Files.readAllBytes(TLS.resolve("tls-process.pem")));
        assertEquals(204, registered.statusCode(), SignetServer.text(registered));
    }

    private static HttpResponse<byte[]> register(String user, byte[] certificate) {
        return SignetServer.send("PUT", "/signet/api/admin/users/" + user + "/client-certificate", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), "application/x-pem-file", certificate);
    }

    /** Java's HttpClient presenting the given client key store (none: no certificate), trusting the server's certificate alone. */
    private static HttpClient client(String keyStore) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(TLS.resolve("server.pem"))) {
            anchors.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(TLS.resolve(keyStore + ".p12"))) {
                store.load(in, KEY_STORE_PASSWORD.toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, KEY_STORE_PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static int seals(HttpClient client, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(HTTPS.resolve("/signet/api/seals")).timeout(Duration.ofSeconds(30));
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() != 200 || basic != null || response.body().contains("\"tls-invoices\""), response.body());
        return response.statusCode();
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return output;
    }

    @Test
    void curlSignsWithTheRegisteredCertificate() throws Exception {
        Path in = Files.write(dir.resolve("invoice.pdf"), TestDocuments.pdf(1, "an invoice over mutual TLS"));
        Path out = dir.resolve("signed.pdf");
        String status = run(List.of("curl", "-sS", "--cacert", TLS.resolve("server.pem").toString(),
                "--cert", TLS.resolve("tls-process.pem").toString(), "--key", TLS.resolve("tls-process.key").toString(),
                "-H", "Content-Type: application/pdf", "--data-binary", "@" + in, "-o", out.toString(), "-w", "%{http_code}",
                HTTPS.resolve("/signet/api/sign/pdf?seal=tls-invoices").toString()));
        assertEquals("200", status.strip(), status + " " + (Files.exists(out) ? Files.readString(out, StandardCharsets.ISO_8859_1) : ""));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(out);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(SignetServer.audited("\"actor\":\"tls-process\"", "\"seal\":\"tls-invoices\""), "signed as the certificate's user");

        String unregistered = run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", TLS.resolve("server.pem").toString(),
                "--cert", TLS.resolve("tls-unregistered.pem").toString(), "--key", TLS.resolve("tls-unregistered.key").toString(),
                HTTPS.resolve("/signet/api/seals").toString()));
        assertEquals("401", unregistered.strip(), "a certificate of the trusted authority that was never registered");
    }

    @Test
    void javaHttpClientLogsInOnlyWithARegisteredCertificateOfAnEnabledUser() throws Exception {
        assertEquals(200, seals(client("tls-process"), null));
        assertEquals(401, seals(client("tls-unregistered"), null));
        assertEquals(401, seals(client(null), null), "no certificate and no password");
        assertEquals(200, seals(client(null), SignetServer.DEMO_USER + ":" + SignetServer.demoPassword()), "a password still works over HTTPS");
        int outsider;
        try {
            outsider = seals(client("outsider"), null);
        } catch (IOException e) {
            outsider = -1; // the handshake refused it
        }
        assertTrue(outsider == 401 || outsider == -1, "a certificate from an authority the listener does not trust: " + outsider);

        assertEquals(409, register("demo", Files.readAllBytes(TLS.resolve("tls-process.pem"))).statusCode(), "one certificate, one user");
        assertEquals(400, register("demo", "not a certificate".getBytes(StandardCharsets.US_ASCII)).statusCode());
        String users = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/users", null));
        assertTrue(users.contains("\"clientCertificate\":\"" + sha256(TLS.resolve("tls-process.pem")) + "\""), users);

        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/tls-process/enabled", "{\"enabled\":false}").statusCode());
        try {
            assertEquals(401, seals(client("tls-process"), null), "a disabled user's certificate");
        } finally {
            assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/users/tls-process/enabled", "{\"enabled\":true}").statusCode());
        }
        assertEquals(204, SignetServer.admin("DELETE", "/signet/api/admin/users/tls-process/client-certificate", null).statusCode());
        try {
            assertEquals(401, seals(client("tls-process"), null), "a certificate no longer registered");
        } finally {
            assertEquals(204, register("tls-process", Files.readAllBytes(TLS.resolve("tls-process.pem"))).statusCode());
        }
        assertEquals(200, seals(client("tls-process"), null));
    }

    /** A process whose certificate is renewed every year is registered once, by its certificate's subject and issuer. */
    @Test
    void aProcessRegisteredBySubjectAndIssuerLogsInWithItsRenewedCertificate() throws Exception {
        assertEquals(201, SignetServer.admin("PUT", "/signet/api/admin/users/tls-batch", "{\"kind\":\"process\",\"roles\":[\"signer\"]}")
                .statusCode());
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/tls-invoices/users/tls-batch", null).statusCode());
        assertEquals(401, seals(client("tls-batch-renewed"), null), "nothing registered yet");
        Map<String, String> admin = Map.of("SIGNET_URL", SignetServer.HTTP.toString(), "SIGNET_USER", SignetServer.DEMO_USER,
                "SIGNET_PASSWORD", SignetServer.demoPassword());
        CommandLineIT.Result registered = CommandLineIT.run(dir, admin, "users", "client-certificate", "--name", "tls-batch",
                "--in", TLS.resolve("tls-batch.pem").toString(), "--by-subject");
        assertEquals("user tls-batch logs in with every client certificate of O=Signet tests,CN=tls-batch, issued by O=Signet tests,CN=clients-ca\n",
                registered.stdout(), registered.stderr());
        assertEquals(200, seals(client("tls-batch"), null));
        assertEquals(200, seals(client("tls-batch-renewed"), null), "the renewed certificate: a new key, the same subject and issuer");
        assertEquals(401, seals(client("tls-unregistered"), null), "another subject of the same authority");
        assertTrue(CommandLineIT.run(dir, admin, "users", "list").stdout().lines().anyMatch(l -> l.startsWith("tls-batch  process  roles [signer]")
                && l.contains("client certificates of O=Signet tests,CN=tls-batch, issued by O=Signet tests,CN=clients-ca")));

        HttpResponse<byte[]> taken = SignetServer.send("PUT", "/signet/api/admin/users/demo/client-certificate?match=subject", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), "application/x-pem-file", Files.readAllBytes(TLS.resolve("tls-batch-renewed.pem")));
        assertEquals(409, taken.statusCode(), "one subject of one issuer, one user: " + SignetServer.text(taken));
        assertEquals(400, SignetServer.send("PUT", "/signet/api/admin/users/tls-batch/client-certificate?match=issuer", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), "application/x-pem-file", Files.readAllBytes(TLS.resolve("tls-batch.pem"))).statusCode());

        CommandLineIT.Result removed = CommandLineIT.run(dir, admin, "users", "client-certificate", "--name", "tls-batch", "--none");
        assertEquals(0, removed.exitCode(), removed.stdout() + removed.stderr());
        assertEquals(401, seals(client("tls-batch-renewed"), null), "registration removed");
    }

    @Test
    void aSealThatRequiresAClientCertificateRefusesThePasswordOfTheSameProcess() throws Exception {
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/tls-invoices/client-certificate", "{\"required\":true}").statusCode());
        try {
            HttpResponse<byte[]> byPassword = SignetServer.send("POST", "/signet/api/sign/pdf?seal=tls-invoices", "tls-process", processPassword,
                    "application/pdf", TestDocuments.pdf(1, "x"));
            assertEquals(403, byPassword.statusCode(), SignetServer.text(byPassword));
            assertTrue(SignetServer.text(byPassword).contains("log in with a client certificate; this one came with a password"),
                    SignetServer.text(byPassword));
            HttpResponse<byte[]> byCertificate = client("tls-process").send(HttpRequest.newBuilder(HTTPS.resolve("/signet/api/sign/pdf?seal=tls-invoices"))
                    .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(TestDocuments.pdf(1, "y"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, byCertificate.statusCode(), SignetServer.text(byCertificate));
            String who = SignetServer.text(SignetServer.admin("GET", "/signet/api/admin/seals/tls-invoices/authorisations", null));
            assertTrue(who.contains("\"clientCertificateRequired\":true"), who);
        } finally {
            assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/tls-invoices/client-certificate", "{\"required\":false}").statusCode());
        }
        assertEquals(200, SignetServer.send("POST", "/signet/api/sign/pdf?seal=tls-invoices", "tls-process", processPassword,
                "application/pdf", TestDocuments.pdf(1, "z")).statusCode(), "lifted: the password signs again");
    }

    @Test
    void theCommandLineSignsOverSoapAndHttpsTrustingTheServersCertificate() throws Exception {
        Path in = Files.write(dir.resolve("invoice.pdf"), TestDocuments.pdf(1, "an invoice from the command line over HTTPS"));
        CommandLineIT.Result signed = CommandLineIT.run(dir, Map.of("SIGNET_URL", HTTPS.toString(), "SIGNET_USER", "tls-process",
                "SIGNET_PASSWORD", processPassword), "sign", "--seal", "tls-invoices", "--in", in.toString(), "--out",
                dir.resolve("cli.pdf").toString(), "--trust-file", TLS.resolve("server.pem").toString());
        assertEquals(0, signed.exitCode(), signed.stdout() + signed.stderr());
        assertTrue(OutsideVerifiers.pdfsig(dir.resolve("cli.pdf")).output().contains("Signature is Valid."));

        CommandLineIT.Result untrusted = CommandLineIT.run(dir, Map.of("SIGNET_URL", HTTPS.toString(), "SIGNET_USER", "tls-process",
                "SIGNET_PASSWORD", processPassword), "seals", "--trust-file", TLS.resolve("clients-ca.pem").toString());
        assertEquals(4, untrusted.exitCode(), "a server certificate the client was not told to trust: " + untrusted.stdout() + untrusted.stderr());
    }

    @Test
    void theCommandLineSignsOverSoapWithTheProcessCertificateAlone() throws Exception {
        Path password = Files.writeString(dir.resolve("key-password"), KEY_STORE_PASSWORD + "\n");
        Path in = Files.write(dir.resolve("invoice.pdf"), TestDocuments.pdf(1, "an invoice signed by certificate over SOAP"));
        Map<String, String> https = Map.of("SIGNET_URL", HTTPS.toString(), "SIGNET_TRUST_FILE", TLS.resolve("server.pem").toString(),
                "SIGNET_CLIENT_KEY_PASSWORD_FILE", password.toString());
        // the seal signs only for a caller whose certificate logged it in: a password could not have made this signature
        assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/tls-invoices/client-certificate", "{\"required\":true}").statusCode());
        try {
            CommandLineIT.Result signed = CommandLineIT.run(dir, https, "sign", "--seal", "tls-invoices", "--in", in.toString(),
                    "--out", dir.resolve("by-certificate.pdf").toString(), "--client-key", TLS.resolve("tls-process.p12").toString());
            assertEquals(0, signed.exitCode(), signed.stdout() + signed.stderr());
            assertTrue(OutsideVerifiers.pdfsig(dir.resolve("by-certificate.pdf")).output().contains("Signature is Valid."));

            CommandLineIT.Result byPassword = CommandLineIT.run(dir, Map.of("SIGNET_URL", HTTPS.toString(), "SIGNET_USER", "tls-process",
                    "SIGNET_PASSWORD", processPassword, "SIGNET_TRUST_FILE", TLS.resolve("server.pem").toString()),
                    "sign", "--seal", "tls-invoices", "--in", in.toString(), "--out", dir.resolve("by-password.pdf").toString());
            assertEquals(3, byPassword.exitCode(), byPassword.stdout() + byPassword.stderr());
            assertTrue(byPassword.stderr().contains("client certificate"), byPassword.stderr());
            assertTrue(Files.notExists(dir.resolve("by-password.pdf")));
        } finally {
            assertEquals(204, SignetServer.admin("PUT", "/signet/api/admin/seals/tls-invoices/client-certificate", "{\"required\":false}").statusCode());
        }

        CommandLineIT.Result unregistered = CommandLineIT.run(dir, https, "seals", "--client-key", TLS.resolve("tls-unregistered.p12").toString());
        assertEquals(3, unregistered.exitCode(), "a certificate of the trusted authority that names nobody: " + unregistered.stdout() + unregistered.stderr());
        assertTrue(unregistered.stderr().contains("NOT_AUTHENTICATED"), unregistered.stderr());
    }

    private static String sha256(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        }
    }
}
