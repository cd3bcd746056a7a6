package org.signet.connector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The remote token against a service played here on loopback with the JDK's HTTP server, answering as the CSC v2
 * specification's examples do: hashes go out, values are checked against the certificate, the service's errors are
 * named, a login the service no longer takes is renewed once, a seal's SCAL 2 credentials are refused, a person's
 * credentials are reached with the person's authorization code (PKCE) and then refresh tokens, and sign under SCAL 2
 * with the person's one-time code.
 */
class CscTokenTest {

    private static final String PASSWORD = "service-password";
    private static final String CLIENT_SECRET = "client-secret-of-signet";
    private static PrivateKey key;
    private static X509Certificate certificate;

    @TempDir
    static Path dir;

    private HttpServer server;
    private final List<JsonObject> requests = new ArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> tokenRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the service does wrong this time. */
    private volatile String fault = "";

    @BeforeAll
    static void keytool() throws Exception {
        KeyStore keys = keytool("service.p12", "c1", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Remote Credential");
        key = (PrivateKey) keys.getKey("c1", "changeit".toCharArray());
        certificate = (X509Certificate) keys.getCertificate("c1");
    }

    @BeforeEach
    void service() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/csc/v2/", this::answer);
        server.createContext("/realms/csc/", this::authorisationServer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CscToken token() throws SigningKeyException {
        return CscToken.open(TokenDefinition.remote("remote", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/csc/v2"),
                "signet", PASSWORD.toCharArray()));
    }

    /**
     * The service's TLS is checked against the certificates of signet.csc.trust-store when it is set: a service whose
     * certificate is there is reached; one whose certificate is not (only another one is, or none is set and the JVM
     * does not trust it) is refused before any credential is sent.
     */
    @Test
    void theServicesTlsIsCheckedAgainstTheConfiguredTrustStore() throws Exception {
        KeyStore keys = keytool("tls.p12", "tls", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1");
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        https.createContext("/csc/v2/", this::answer);
        https.start();
        try {
            URI service = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/csc/v2");
            Path trusted = Files.writeString(dir.resolve("trusted.pem"), pem((X509Certificate) keys.getCertificate("tls")));
            CscToken token = CscToken.open(TokenDefinition.remote("remote", service, "signet", PASSWORD.toCharArray()), trusted);
            assertEquals(List.of("c1"), token.aliases());

            Path other = Files.writeString(dir.resolve("other.pem"), pem(certificate));
            int before = requests.size();
            for (Path store : new Path[] {other, null}) {
                CscToken untrusted = CscToken.open(TokenDefinition.remote("remote", service, "signet", PASSWORD.toCharArray()), store);
                SigningKeyException refused = assertThrows(SigningKeyException.class, untrusted::aliases);
                assertTrue(refused.getMessage().contains("cannot be reached"), refused.getMessage());
            }
            assertEquals(before, requests.size(), "no request (and no credential) reached a service whose certificate is not trusted");

            Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificate here\n");
            SigningKeyException unreadable = assertThrows(SigningKeyException.class,
                    () -> CscToken.open(TokenDefinition.remote("remote", service, "signet", PASSWORD.toCharArray()), empty));
            assertTrue(unreadable.getMessage().contains(CscToken.TRUST_STORE), unreadable.getMessage());
        } finally {
            https.stop(0);
        }
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Signet as the OAuth 2.0 client the service's info points to: the endpoints under the allowed base URIs. */
    private CscToken oauth2Token(String secret, URI... allowed) throws SigningKeyException {
        return CscToken.open(TokenDefinition.remote("remote", base("/csc/v2"), "signet-client", secret.toCharArray())
                .oauth2Client(List.of(allowed)));
    }

    /**
     * The service's info names its OAuth 2.0 issuer; the issuer's metadata names the token endpoint; Signet takes a
     * token there with its client credentials and signs with it, never calling auth/login.
     */
    @Test
    void anOauth2ClientTakesItsTokenAtTheEndpointTheIssuersMetadataNames() throws Exception {
        CscToken token = oauth2Token(CLIENT_SECRET, base("/csc/v2/"), base("/realms/csc/"));
        byte[] data = "a document signed with a client-credentials token".getBytes(StandardCharsets.UTF_8);
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(certificate);
        check.update(data);
        assertTrue(check.verify(token.sign("c1", "SHA256withRSA", data)));
        assertEquals(List.of("grant_type=client_credentials&client_id=signet-client&client_secret=" + CLIENT_SECRET), tokenRequests);
        assertEquals(1, logins.get());
        assertFalse(requests.toString().contains(CLIENT_SECRET), "the secret went to the service");

        fault = "token expired";
        assertEquals(List.of("c1"), token.aliases());
        assertEquals(2, tokenRequests.size(), "a token the service no longer takes is replaced at the token endpoint");
    }

    /** A service that names only its oauth2 base URI: the token endpoint is that base + oauth2/token (CSC 8.3.3). */
    @Test
    void withoutAnIssuerTheTokenEndpointIsTheOauth2BasePlusOauth2Token() throws Exception {
        fault = "oauth2 base only";
        assertEquals(List.of("c1"), oauth2Token(CLIENT_SECRET, base("/realms/csc/")).aliases());
        assertEquals(1, tokenRequests.size());
    }

    /** The secret goes only to an endpoint under an allowed base URI of the same issuer, and a refusal names the error but not the secret. */
    @Test
    void theSecretGoesNowhereTheOperatorDidNotAllowNorToAnotherIssuer() {
        SigningKeyException elsewhere = assertThrows(SigningKeyException.class, () -> oauth2Token(CLIENT_SECRET, base("/csc/v2/")).aliases());
        SigningKeyException otherCase = assertThrows(SigningKeyException.class, () -> oauth2Token(CLIENT_SECRET, base("/REALMS/csc/")).aliases());
        assertTrue(otherCase.getMessage().contains("lies under no base URI"), "a path is compared as written: " + otherCase.getMessage());
        assertTrue(elsewhere.getMessage().contains("lies under no base URI this server allows") && elsewhere.getMessage().contains("signet.csc.services"),
                elsewhere.getMessage());
        fault = "token endpoint elsewhere";
        SigningKeyException outside = assertThrows(SigningKeyException.class,
                () -> oauth2Token(CLIENT_SECRET, base("/realms/csc/")).aliases());
        assertTrue(outside.getMessage().contains("token endpoint http://127.0.0.1:"), outside.getMessage());
        fault = "another issuer";
        SigningKeyException other = assertThrows(SigningKeyException.class, () -> oauth2Token(CLIENT_SECRET, base("/realms/csc/")).aliases());
        assertTrue(other.getMessage().contains("names another issuer"), other.getMessage());
        assertEquals(List.of(), tokenRequests, "the secret was sent");

        fault = "";
        SigningKeyException wrong = assertThrows(SigningKeyException.class, () -> oauth2Token("not-the-secret", base("/realms/csc/")).aliases());
        assertEquals(SigningKeyException.Reason.TOKEN_UNAVAILABLE, wrong.reason());
        assertTrue(wrong.getMessage().contains("refused oauth2/token (HTTP 401): unauthorized_client: Invalid client credentials")
                && !wrong.getMessage().contains("not-the-secret"), wrong.getMessage());

        fault = "basic only";
        SigningKeyException basic = assertThrows(SigningKeyException.class, () -> oauth2Token(CLIENT_SECRET, base("/realms/csc/")).aliases());
        assertEquals(SigningKeyException.Reason.UNSUPPORTED, basic.reason());
        assertTrue(basic.getMessage().contains("does not offer OAuth 2.0 client credentials"), basic.getMessage());
    }

    private static final URI CALLBACK = URI.create("https://signet.example.org/signet/remote/callback");

    private CscToken personsToken(String code) throws SigningKeyException {
        return CscToken.open(TokenDefinition.remote("person-clara", base("/csc/v2"), "signet-web", code.toCharArray())
                .personal(List.of(base("/realms/csc/")), "the-verifier", CALLBACK));
    }

    /**
     * A person's credentials: the login is found through the service's issuer; the authorization code is exchanged once,
     * with its PKCE verifier and redirect URI, and then the refresh token renews the access token; a SCAL 2 credential
     * signs only with the person's one-time code, which goes in the auth object the credential names. When the person's
     * session at the issuer ends, the token says the person links the credential again.
     */
    @Test
    void aPersonsCredentialIsReachedWithTheAuthorizationCodeAndSignsWithTheOneTimeCode() throws Exception {
        fault = "person";
        assertEquals(base("/realms/csc/protocol/openid-connect/auth"), personsToken("").authorizationEndpoint());
        assertEquals(List.of(), tokenRequests, "finding the login endpoint takes no token");

        CscToken token = personsToken("the-code");
        assertEquals(List.of("c1"), token.aliases());
        assertEquals(List.of("grant_type=authorization_code&code=the-code&redirect_uri=https%3A%2F%2Fsignet.example.org%2Fsignet%2Fremote%2Fcallback"
                + "&code_verifier=the-verifier&client_id=signet-web"), tokenRequests);

        byte[] data = "a contract signed by its person".getBytes(StandardCharsets.UTF_8);
        SigningKeyException noCode = assertThrows(SigningKeyException.class, () -> token.sign("c1", "SHA256withRSA", data));
        assertEquals(SigningKeyException.Reason.PIN_REQUIRED, noCode.reason());
        assertTrue(noCode.getMessage().contains("sole control level 2"), noCode.getMessage());
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(certificate);
        check.update(data);
        assertTrue(check.verify(token.sign("c1", "SHA256withRSA", data, "492039".toCharArray())));
        JsonObject authorize = requests.stream().filter(r -> r.containsKey("numSignatures")).reduce((a, b) -> b).orElseThrow();
        assertEquals("[{\"id\":\"OTP\",\"value\":\"492039\"}]", authorize.getJsonArray("authData").toString());

        fault = "person, token expired";
        assertEquals(List.of("c1"), token.aliases());
        assertEquals("grant_type=refresh_token&refresh_token=r1&client_id=signet-web", tokenRequests.get(1),
                "the access token the service no longer takes is renewed with the refresh token, not the spent code");

        fault = "person, session ended";
        logins.set(10); // the access token in hand is refused from now on
        SigningKeyException ended = assertThrows(SigningKeyException.class, token::aliases);
        assertEquals(SigningKeyException.Reason.TOKEN_UNAVAILABLE, ended.reason());
        assertTrue(ended.getMessage().contains("invalid_grant") && ended.getMessage().contains("links the credential again"), ended.getMessage());
        SigningKeyException none = assertThrows(SigningKeyException.class, token::aliases);
        assertTrue(none.getMessage().contains("holds no authorisation of its person"), none.getMessage());
        assertEquals(3, tokenRequests.size(), "nothing is tried once the person's authorisation has ended");
    }

    /** An authorisation server after OpenID Connect discovery and RFC 6749 4.4, as Keycloak answers. */
    private void authorisationServer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String issuer = base("/realms/csc").toString();
        if (path.equals("/realms/csc/.well-known/openid-configuration")) {
            send(exchange, 200, Json.createObjectBuilder().add("issuer", fault.equals("another issuer") ? issuer + "-other" : issuer)
                    .add("token_endpoint", fault.equals("token endpoint elsewhere") ? base("/other/token").toString()
                            : issuer + "/protocol/openid-connect/token")
                    .add("authorization_endpoint", issuer + "/protocol/openid-connect/auth").build());
        } else if (path.equals("/realms/csc/protocol/openid-connect/token") && fault.startsWith("person")) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(form);
            if (fault.endsWith("session ended")) {
                send(exchange, 400, Json.createObjectBuilder().add("error", "invalid_grant").add("error_description", "Session not active").build());
                return;
            }
            send(exchange, 200, Json.createObjectBuilder().add("access_token", "t" + logins.incrementAndGet()).add("token_type", "Bearer")
                    .add("refresh_token", "r" + tokenRequests.size()).add("expires_in", 300).build());
        } else if (path.equals("/realms/csc/protocol/openid-connect/token") || path.equals("/realms/csc/oauth2/token")) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!form.contains("client_secret=" + CLIENT_SECRET + "&") && !form.endsWith("client_secret=" + CLIENT_SECRET)) {
                send(exchange, 401, Json.createObjectBuilder().add("error", "unauthorized_client")
                        .add("error_description", "Invalid client credentials").build());
                return;
            }
            tokenRequests.add(form);
            send(exchange, 200, Json.createObjectBuilder().add("access_token", "t" + logins.incrementAndGet()).add("token_type", "Bearer")
                    .add("expires_in", 300).build());
        } else {
            send(exchange, 404, Json.createObjectBuilder().add("error", "not found").build());
        }
    }

    /** A key pair made by the JDK's keytool in a PKCS#12 store of the test folder (password changeit). */
    private static KeyStore keytool(String file, String alias, String... options) throws Exception {
        Path store = dir.resolve(file);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        return keys;
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void onlyTheHashGoesOutAndTheValueIsCheckedAgainstTheCertificate() throws Exception {
        byte[] data = "a document that never leaves".getBytes(StandardCharsets.UTF_8);
        CscToken token = token();
        assertEquals(List.of("c1"), token.aliases());
        assertEquals(certificate, token.certificateChain("c1").get(0));
        byte[] value = token.sign("c1", "SHA256withRSA", data);

        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(certificate);
        check.update(data);
        assertTrue(check.verify(value));
        JsonObject signHash = requests.stream().filter(r -> r.containsKey("SAD")).findFirst().orElseThrow();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), Base64.getDecoder().decode(signHash.getJsonArray("hashes").getString(0)));
        assertEquals("1.2.840.113549.1.1.11", signHash.getString("signAlgo"));
        assertFalse(requests.toString().contains("never leaves"), "the document went out");
        assertEquals(1, logins.get());
    }

    @Test
    void aValueThatDoesNotVerifyNeverLeavesTheToken() {
        fault = "another key";
        SigningKeyException refused = assertThrows(SigningKeyException.class, () -> token().sign("c1", "SHA256withRSA", new byte[] {1, 2}));
        assertEquals(SigningKeyException.Reason.SIGNING_FAILED, refused.reason());
        assertTrue(refused.getMessage().contains("does not verify with its certificate"), refused.getMessage());
    }

    @Test
    void theServicesOwnErrorIsNamedAndThePasswordNever() {
        fault = "invalid SAD";
        SigningKeyException refused = assertThrows(SigningKeyException.class, () -> token().sign("c1", "SHA256withRSA", new byte[] {1}));
        assertTrue(refused.getMessage().contains("refused signatures/signHash (HTTP 400): invalid_request: Invalid SAD"), refused.getMessage());
        fault = "wrong password";
        refused = assertThrows(SigningKeyException.class, () -> token().aliases());
        assertEquals(SigningKeyException.Reason.TOKEN_UNAVAILABLE, refused.reason());
        assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
    }

    @Test
    void aLoginTheServiceNoLongerTakesIsRenewedOnce() throws Exception {
        CscToken token = token();
        token.aliases();
        fault = "token expired";
        assertEquals(List.of("c1"), token.aliases());
        assertEquals(2, logins.get());
    }

    @Test
    void aCredentialOfSoleControlLevelTwoIsRefused() {
        fault = "SCAL2";
        SigningKeyException refused = assertThrows(SigningKeyException.class, () -> token().certificateChain("c1"));
        assertEquals(SigningKeyException.Reason.UNSUPPORTED, refused.reason());
        assertTrue(refused.getMessage().contains("sole control level 2"), refused.getMessage());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/csc/v2/".length());
        JsonObject body = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                .readObject();
        requests.add(body);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        try {
            if (method.equals("info")) {
                var types = Json.createArrayBuilder().add("basic");
                var info = Json.createObjectBuilder().add("specs", "2.0.0.2");
                if (fault.startsWith("person")) {
                    types.add("oauth2code");
                }
                if (!fault.equals("basic only")) {
                    types.add("oauth2client");
                    if (fault.equals("oauth2 base only")) {
                        info.add("oauth2", base("/realms/csc/").toString());
                    } else {
                        info.add("oauth2Issuer", base("/realms/csc").toString());
                    }
                }
                send(exchange, 200, info.add("authType", types).build());
                return;
            }
            if (method.equals("auth/login")) {
                String expected = "Basic " + Base64.getEncoder().encodeToString(("signet:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                if (fault.equals("wrong password") || !expected.equals(authorization)) {
                    send(exchange, 401, Json.createObjectBuilder().add("error", "invalid_request").add("error_description", "bad login").build());
                    return;
                }
                send(exchange, 200, Json.createObjectBuilder().add("access_token", "t" + logins.incrementAndGet()).add("expires_in", 3600).build());
                return;
            }
            if (!("Bearer t" + logins.get()).equals(authorization) || fault.endsWith("token expired") && logins.get() == 1) {
                send(exchange, 401, Json.createObjectBuilder().add("error", "invalid_token").build());
                return;
            }
            switch (method) {
                case "credentials/list" -> send(exchange, 200, Json.createObjectBuilder().add("credentialIDs", Json.createArrayBuilder().add("c1")).build());
                case "credentials/info" -> send(exchange, 200, Json.createObjectBuilder().add("SCAL", fault.equals("SCAL2") || fault.startsWith("person") ? "2" : "1")
                        .add("auth", Json.createObjectBuilder().add("mode", "explicit").add("expression", "OTP").add("objects", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("type", "Otp").add("id", "OTP").add("format", "N"))))
                        .add("cert", Json.createObjectBuilder().add("certificates", Json.createArrayBuilder()
                                .add(Base64.getEncoder().encodeToString(certificate.getEncoded())))).build());
                case "credentials/authorize" -> send(exchange, 200, Json.createObjectBuilder().add("SAD", "sad-1").build());
                case "signatures/signHash" -> {
                    if (fault.equals("invalid SAD")) {
                        send(exchange, 400, Json.createObjectBuilder().add("error", "invalid_request").add("error_description", "Invalid SAD").build());
                        return;
                    }
                    byte[] hash = Base64.getDecoder().decode(body.getJsonArray("hashes").getString(0));
                    send(exchange, 200, Json.createObjectBuilder().add("signatures", Json.createArrayBuilder()
                            .add(Base64.getEncoder().encodeToString(rsa(hash)))).build());
                }
                default -> send(exchange, 404, Json.createObjectBuilder().add("error", "invalid_request").build());
            }
        } catch (Exception e) {
            send(exchange, 500, Json.createObjectBuilder().add("error", "server_error").add("error_description", e.toString()).build());
        }
    }

    /** PKCS #1 v1.5 over the SHA-256 DigestInfo, with the credential's key or, for the fault, a stranger's. */
    private byte[] rsa(byte[] hash) throws Exception {
        Signature signer = Signature.getInstance("NONEwithRSA");
        signer.initSign(fault.equals("another key") ? KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate() : key);
        signer.update(DigestInfo.encode("SHA-256", hash));
        return signer.sign();
    }

    private static void send(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
