package org.signet.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The README's first command on a machine that never ran Signet: {@code ./signet start} (what {@code run} does, in the
 * background) serves HTTPS with a certificate of the demo CA for this host's names, which curl, Java's HttpClient and
 * the command line check against that CA alone; after a restart the same certificate is served. A server of its own
 * (port offset 300, state in target/launcher), beside the tests' managed one.
 */
class LauncherIT {

    private static final int OFFSET = 300;
    private static final String HTTPS = "https://localhost:" + (8443 + OFFSET);
    private static final Path STATE = Path.of("target", "launcher").toAbsolutePath();

    @TempDir
    static Path dir;

    private static Map<String, String> env() {
        return Map.of("SIGNET_STATE", STATE.toString(), "SIGNET_PORT_OFFSET", String.valueOf(OFFSET), "SIGNET_BUILD", "never");
    }

    @BeforeAll
    static void start() throws Exception {
        // the launcher's server keeps its embedded Derby whatever database the other tests use: once is enough
        assumeFalse("postgresql".equals(System.getProperty("signet.it.database")));
        OutsideVerifiers.run(List.of("rm", "-rf", STATE.toString()));
        CommandLineIT.Result started = CommandLineIT.run(dir, env(), 400, "start");
        assertEquals(0, started.exitCode(), started.stdout() + started.stderr());
        assertTrue(started.stdout().contains("SOAP (WSDL)   " + HTTPS + "/signet-soap/SigningService?wsdl"), started.stdout());
        assertTrue(started.stdout().contains("TLS           certified by the demo CA for dns:localhost,ip:127.0.0.1"), started.stdout());
    }

    @AfterAll
    static void stop() {
        if (Files.exists(STATE)) {
            CommandLineIT.run(dir, env(), 120, "stop");
        }
    }

    @Test
    void httpsIsServedWithTheDemoCasCertificateForThisHostsNamesOnlyAndKeptAcrossARestart() throws Exception {
        Path ca = STATE.resolve("server/data/signet/trust/signet-demo-ca.pem");
        Properties client = new Properties();
        try (InputStream in = Files.newInputStream(STATE.resolve("client.properties"))) {
            client.load(in);
        }
        assertEquals(ca.toString(), client.getProperty("trust-file"));
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (client.getProperty("user") + ":" + client.getProperty("password")).getBytes(StandardCharsets.UTF_8));

        OutsideVerifiers.Run curl = OutsideVerifiers.run(List.of("curl", "-sS", "--cacert", ca.toString(), "-o", "/dev/null",
                "-w", "%{http_code}", HTTPS + "/signet/health/ready"));
        assertEquals("200", curl.output().strip(), curl.output());
        OutsideVerifiers.Run elsewhere = OutsideVerifiers.run(List.of("curl", "-sS", "--cacert", ca.toString(), "--resolve",
                "signet.example.org:" + (8443 + OFFSET) + ":127.0.0.1", "https://signet.example.org:" + (8443 + OFFSET) + "/signet/health/ready"));
        assertEquals(60, elsewhere.exitCode(), "a name the certificate was not asked for: " + elsewhere.output());

        HttpClient java = HttpClient.newBuilder().sslContext(trusting(ca)).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> seals = java.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + (8443 + OFFSET) + "/signet/api/seals"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, seals.statusCode(), seals.body());
        assertTrue(seals.body().contains("\"name\":\"demo\""), seals.body());
        SSLSession session = seals.sslSession().orElseThrow();
        assertEquals("TLSv1.3", session.getProtocol());
        X509Certificate served = (X509Certificate) session.getPeerCertificates()[0];
        assertTrue(served.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(HTTPS + "/signet/health/ready")).build(), HttpResponse.BodyHandlers.discarding()),
                "a client that trusts only the JVM's authorities");

        CommandLineIT.Result cli = CommandLineIT.run(dir, Map.of("SIGNET_CONFIG", STATE.resolve("client.properties").toString(),
                "SIGNET_URL", HTTPS), "seals");
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());
        assertTrue(cli.stdout().startsWith("demo "), cli.stdout());

        CommandLineIT.Result stopped = CommandLineIT.run(dir, env(), 120, "stop");
        assertEquals(0, stopped.exitCode(), stopped.stdout() + stopped.stderr());
        CommandLineIT.Result again = CommandLineIT.run(dir, env(), 400, "start");
        assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
        HttpResponse<Void> restarted = java.send(HttpRequest.newBuilder(URI.create(HTTPS + "/signet/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, restarted.statusCode());
        assertEquals(served, restarted.sslSession().orElseThrow().getPeerCertificates()[0], "the same key and certificate");
        assertNotEquals(served.getIssuerX500Principal(), served.getSubjectX500Principal(), "not the launcher's placeholder");
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            anchors.setCertificateEntry("demo-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
