package org.signet.timestamp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signet.config.SignetConfiguration;
import org.signet.pki.Certificates;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The external TSA client against real HTTP servers on loopback: one down, one lying, one good. */
class ExternalTspSourceTest {

    private static HttpServer server;
    private static URI base;
    private static final AtomicInteger granted = new AtomicInteger();
    private static final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeAll
    static void trustCentres() throws Exception {
        KeyPair caKeys = Certificates.rsaKeyPair(2048);
        X509Certificate ca = Certificates.selfSignedCa(caKeys, "CN=Test CA", Instant.now().minusSeconds(60), Duration.ofDays(1));
        KeyPair tsaKeys = Certificates.rsaKeyPair(2048);
        X509Certificate tsa = Certificates.issue(Certificates.Profile.TIME_STAMPING, tsaKeys.getPublic(), "CN=Test TSA", ca,
                caKeys.getPrivate(), Instant.now().minusSeconds(60), Duration.ofDays(1), null);
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", tsaKeys.getPrivate(), tsa),
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.2.3.4"));
        tokens.addCertificates(new JcaCertStore(List.of(tsa)));
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA512));

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/lying", exchange -> {
            // grants a token, but for other data than asked
            try {
                TimeStampRequest asked = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                TimeStampRequest other = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256,
                        new byte[32], asked.getNonce());
                reply(exchange, responses.generateGrantedResponse(other, BigInteger.ONE, new Date()).getEncoded());
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            }
        });
        server.createContext("/tsa", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                TimeStampRequest asked = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                reply(exchange, responses.generateGrantedResponse(asked, BigInteger.valueOf(granted.incrementAndGet()), new Date()).getEncoded());
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theFirstTrustCentreThatGrantsAMatchingTokenWins() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("document".getBytes());
        URI withCredentials = URI.create("http://signer:s3cret@127.0.0.1:" + base.getPort() + "/tsa");
        ExternalTspSource source = new ExternalTspSource(List.of(base.resolve("/down"), base.resolve("/lying"), withCredentials),
                Duration.ofSeconds(5));
        int before = granted.get();
        TimeStampToken token = new TimeStampToken(new CMSSignedData(
                source.getTimeStampResponse(DigestAlgorithm.SHA256, digest).getBytes()));
        assertArrayEquals(digest, token.getTimeStampInfo().getMessageImprintDigest());
        assertEquals(before + 1, granted.get(), "the good one answered, after the two bad ones");
        assertEquals("Basic " + Base64.getEncoder().encodeToString("signer:s3cret".getBytes()), authorization.get());
    }

    @Test
    void whenNoneGrantsTheErrorNamesEachWithoutCredentials() {
        ExternalTspSource source = new ExternalTspSource(List.of(URI.create("http://user:pw@127.0.0.1:" + base.getPort() + "/down"),
                base.resolve("/lying")), Duration.ofSeconds(5));
        byte[] digest = new byte[32];
        Arrays.fill(digest, (byte) 7); // not the zeros the lying TSA stamps
        DSSException failed = assertThrows(DSSException.class, () -> source.getTimeStampResponse(DigestAlgorithm.SHA256, digest));
        assertTrue(failed.getMessage().contains("/down: HTTP 503") && failed.getMessage().contains("/lying: "), failed.getMessage());
        assertFalse(failed.getMessage().contains("pw"), "credentials must not appear: " + failed.getMessage());
    }

    @Test
    void configurationTakesAListAndHidesCredentialsInItsErrors() {
        assertEquals(2, SignetConfiguration.from(Map.of("jboss.server.data.dir", "/d",
                "signet.tsa.urls", "https://a.example/tsa, http://u:p@b.example:8080/tsr")::get).timeStampUrls().size());
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> SignetConfiguration.from(
                Map.of("jboss.server.data.dir", "/d", "signet.tsa.urls", "ftp://u:secret@x/tsa")::get));
        assertTrue(bad.getMessage().contains("signet.tsa.urls") && !bad.getMessage().contains("secret"), bad.getMessage());
    }
}
