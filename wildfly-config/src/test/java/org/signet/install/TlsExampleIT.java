package org.signet.install;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS set-up of docs/install.md, as written there, applied to the provisioned server: it then serves HTTPS with
 * the key store it was given, over TLS 1.3 and 1.2, to curl and Java's HttpClient trusting that certificate alone.
 */
class TlsExampleIT {

    private static final int OFFSET = 300;
    private static final URI HTTPS = URI.create("https://localhost:" + (8443 + OFFSET) + "/");
    private static final String PASSWORD = "tls-example-secret";
    private static final Pattern CLI_BLOCK = Pattern.compile("## TLS\\R.*?```\\R(.*?)```", Pattern.DOTALL);

    private static Path base;
    private static Path certificate;
    private static Process server;

    @BeforeAll
    static void serverWithTheDocumentedTls() throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home"));
        base = Files.createTempDirectory(Path.of(System.getProperty("tls.it.dir")), "tls-example");
        copy(home.resolve("standalone/configuration"), base.resolve("configuration"));
        run(List.of("keytool", "-genkeypair", "-alias", "signet-tls", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=signet-tls-example", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", base.resolve("configuration/tls.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        certificate = base.resolve("tls.pem");
        run(List.of("keytool", "-exportcert", "-rfc", "-alias", "signet-tls", "-keystore", base.resolve("configuration/tls.p12").toString(),
                "-storepass", PASSWORD, "-file", certificate.toString()));

        Matcher block = CLI_BLOCK.matcher(Files.readString(Path.of(System.getProperty("install.md"))));
        assertTrue(block.find(), "docs/install.md has no CLI block under '## TLS'");
        String commands = block.group(1).replace("clear-text=...", "clear-text=" + PASSWORD);
        assertTrue(commands.contains("ssl-context") && !commands.contains("..."), commands);
        Path cli = base.resolve("tls.cli");
        Files.writeString(cli, "embed-server --std-out=discard --server-config=standalone.xml\n" + commands + "\nstop-embedded-server\n");
        run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + cli), "-Djboss.server.base.dir=" + base);

        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(), "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + OFFSET).redirectErrorStream(true).redirectOutput(base.resolve("server.log").toFile());
        start.environment().remove("JAVA_OPTS");
        server = start.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!listening()) {
            assertTrue(server.isAlive() && System.nanoTime() < deadline, "the server did not open " + HTTPS + ": see " + base.resolve("server.log"));
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            List<ProcessHandle> all = new ArrayList<>(server.descendants().toList());
            all.add(server.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle process : all) {
                process.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void javaHttpClientTrustingTheGivenCertificateGetsTls13FromIt() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(HTTPS).build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(response.statusCode() < 500, "status " + response.statusCode());
        assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
        X509Certificate served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals("CN=signet-tls-example", served.getSubjectX500Principal().getName());
    }

    @Test
    void aClientTrustingOnlyPublicAuthoritiesRefusesIt() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        assertThrows(SSLHandshakeException.class, () -> client.send(HttpRequest.newBuilder(HTTPS).build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void curlGetsTls12WhenItAsksForIt() throws Exception {
        String out = run(List.of("curl", "-sS", "-o", "/dev/null", "--cacert", certificate.toString(), "--tlsv1.2", "--tls-max", "1.2",
                "-w", "%{http_code}", HTTPS.toString()));
        assertNotEquals("000", out.strip(), out);
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", HTTPS.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("signet", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String run(List<String> command, String... javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (javaOpts.length > 0) {
            builder.environment().put("JAVA_OPTS", String.join(" ", javaOpts));
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        return output;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                try {
                    Files.copy(source, to.resolve(from.relativize(source).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
