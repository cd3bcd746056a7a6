package org.signet.elytron;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.authz.Attributes;
import org.wildfly.security.evidence.BearerTokenEvidence;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OAuth2 access tokens checked against an OpenID provider's key set served over HTTP on loopback. */
class OpenIdTokensTest {

    private static final String ISSUER = "http://127.0.0.1/realms/signet";

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger fetches = new AtomicInteger();
    private final Map<String, UserStore.User> users = new HashMap<>();
    private volatile String published;
    private HttpServer provider;
    private KeyPair key;
    private OpenIdTokens tokens;

    @BeforeEach
    void provider() throws Exception {
        key = rsa();
        published = jwks(Map.of("k1", key));
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        tokens = new OpenIdTokens(ISSUER, "signet", URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/certs"),
                List.of("client_id", "preferred_username"), 30_000, now::get);
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String jwks(Map<String, KeyPair> keys) {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        keys.forEach((kid, pair) -> {
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            json.append(json.length() > 9 ? "," : "").append("{\"kid\":\"").append(kid).append("\",\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"")
                    .append(b64(unsigned(pub.getModulus().toByteArray()))).append("\",\"e\":\"")
                    .append(b64(pub.getPublicExponent().toByteArray())).append("\"}");
        });
        // an encryption key of the same provider is not a signing key
        return json.append(",{\"kid\":\"enc\",\"kty\":\"RSA\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}").toString();
    }

    private static byte[] unsigned(byte[] value) {
        return value[0] == 0 ? java.util.Arrays.copyOfRange(value, 1, value.length) : value;
    }

    private static String jwt(KeyPair key, String kid, String claims) throws Exception {
        String header = b64(("{\"alg\":\"RS256\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}")
                .getBytes(StandardCharsets.UTF_8));
        String body = b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + b64(signature.sign());
    }

    private static String claims(String issuer, String audience, long expiresIn, String more) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"iat\":" + now
                + (expiresIn == 0 ? "" : ",\"exp\":" + (now + expiresIn)) + more + "}";
    }

    private String valid(String more) throws Exception {
        return jwt(key, "k1", claims(ISSUER, "signet", 300, more));
    }

    @Test
    void aValidTokenNamesTheUserByTheFirstClaimItCarriesWithItsScopes() throws Exception {
        OpenIdTokens.Holder process = tokens.holder(valid(",\"client_id\":\"invoicing\",\"preferred_username\":\"service-account-invoicing\","
                + "\"scope\":\"seal:invoices profile\""));
        assertEquals(new OpenIdTokens.Holder("invoicing", Set.of("seal:invoices", "profile")), process);
        OpenIdTokens.Holder person = tokens.holder(valid(",\"preferred_username\":\"clerk\",\"scope\":\"\""));
        assertEquals(new OpenIdTokens.Holder("clerk", Set.of()), person);
        assertEquals(1, fetches.get(), "the key set is fetched once, not per token");
    }

    @Test
    void tokensThatAreNotValidHereNameNobody() throws Exception {
        String user = ",\"preferred_username\":\"clerk\"";
        assertNull(tokens.holder(jwt(key, "k1", claims("http://127.0.0.1/realms/other", "signet", 300, user))), "another issuer");
        assertNull(tokens.holder(jwt(key, "k1", claims(ISSUER, "account", 300, user))), "another audience");
        assertNull(tokens.holder(jwt(key, "k1", claims(ISSUER, "signet", -60, user))), "expired");
        assertNull(tokens.holder(jwt(key, "k1", claims(ISSUER, "signet", 0, user))), "no expiry");
        assertNull(tokens.holder(jwt(key, "k1", claims(ISSUER, "signet", 300, user + ",\"nbf\":" + (Instant.now().getEpochSecond() + 600)))),
                "not yet valid");
        assertNull(tokens.holder(valid(",\"sub\":\"x\"")), "no claim names a user");
        assertNull(tokens.holder(jwt(rsa(), "k1", claims(ISSUER, "signet", 300, user))), "signed by another key under the provider's key id");
        String good = valid(user);
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + b64(claims(ISSUER, "signet", 300, ",\"preferred_username\":\"admin\"").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertNull(tokens.holder(forged), "claims changed after signing");
        String none = b64("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertNull(tokens.holder(none), "an unsigned token");
        assertNull(tokens.holder("not.a.jwt"));
        assertNull(tokens.holder("x".repeat(OpenIdTokens.LONGEST_TOKEN) + ".a.b"));
        assertEquals(new OpenIdTokens.Holder("clerk", Set.of()), tokens.holder(good), "the valid token itself");
    }

    @Test
    void ecdsaAndRsaPssTokensAreCheckedByTheSameRules() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        ECPublicKey point = (ECPublicKey) ec.getPublic();
        published = jwks(Map.of("k1", key)).replace("]}", ",{\"kid\":\"ec1\",\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"x\":\""
                + b64(fixed(point.getW().getAffineX().toByteArray(), 32)) + "\",\"y\":\"" + b64(fixed(point.getW().getAffineY().toByteArray(), 32))
                + "\"}]}");
        String user = ",\"preferred_username\":\"clerk\",\"scope\":\"seal:invoices\"";
        OpenIdTokens.Holder clerk = new OpenIdTokens.Holder("clerk", Set.of("seal:invoices"));
        assertEquals(clerk, tokens.holder(signed("ES256", ec, "ec1", claims(ISSUER, "signet", 300, user))));
        assertEquals(clerk, tokens.holder(signed("PS256", key, "k1", claims(ISSUER, "signet", 300, user))));
        assertEquals(clerk, tokens.holder(signed("ES256", ec, "ec1", claims(ISSUER, "signet", 300, user).replace("\"aud\":\"signet\"",
                "\"aud\":[\"account\",\"signet\"]"))), "one audience of several");

        assertNull(tokens.holder(signed("ES256", ec, "ec1", claims(ISSUER, "account", 300, user))), "another audience");
        assertNull(tokens.holder(signed("ES256", ec, "ec1", claims("http://127.0.0.1/realms/other", "signet", 300, user))), "another issuer");
        assertNull(tokens.holder(signed("ES256", ec, "ec1", claims(ISSUER, "signet", -60, user))), "expired");
        assertNull(tokens.holder(signed("ES256", ec, "ec1", claims(ISSUER, "signet", 0, user))), "no expiry");
        assertNull(tokens.holder(signed("PS256", key, "k1", claims(ISSUER, "signet", 300, user + ",\"nbf\":" + (Instant.now().getEpochSecond() + 600)))),
                "not yet valid");
        assertNull(tokens.holder(signed("ES256", generator.generateKeyPair(), "ec1", claims(ISSUER, "signet", 300, user))), "another key");
        assertNull(tokens.holder(signed("PS256", key, "ec1", claims(ISSUER, "signet", 300, user))), "an RSA algorithm under the EC key's id");
        assertNull(tokens.holder(signed("ES384", ec, "ec1", claims(ISSUER, "signet", 300, user))), "a P-256 key for ES384");
        assertNull(tokens.holder(signed("RS256", key, "ec1", claims(ISSUER, "signet", 300, user))), "an RSA signature under the EC key's id");
        String hmac = b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims(ISSUER, "signet", 300, user).getBytes(StandardCharsets.UTF_8)) + "." + b64(new byte[32]);
        assertNull(tokens.holder(hmac), "a MAC keyed with what the provider publishes");
        String critical = signed("ES256", ec, "ec1", claims(ISSUER, "signet", 300, user));
        assertNull(tokens.holder(b64("{\"alg\":\"ES256\",\"kid\":\"ec1\",\"crit\":[\"exp\"]}".getBytes(StandardCharsets.UTF_8))
                + critical.substring(critical.indexOf('.'))), "an extension Signet does not know");
    }

    /** A JWS with the given algorithm (ES*: r || s as JWS writes it; PS*: RSASSA-PSS with MGF1 and the digest's length of salt). */
    private static String signed(String algorithm, KeyPair key, String kid, String claims) throws Exception {
        String header = b64(("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String body = b64(claims.getBytes(StandardCharsets.UTF_8));
        String bits = algorithm.substring(2);
        Signature signature;
        if (algorithm.startsWith("ES")) {
            signature = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
        } else if (algorithm.startsWith("PS")) {
            signature = Signature.getInstance("RSASSA-PSS");
            signature.setParameter(new PSSParameterSpec("SHA-" + bits, "MGF1", new MGF1ParameterSpec("SHA-" + bits), Integer.parseInt(bits) / 8, 1));
        } else {
            signature = Signature.getInstance("SHA" + bits + "withRSA");
        }
        signature.initSign(key.getPrivate());
        signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + b64(signature.sign());
    }

    /** A coordinate as JWK writes it: unsigned, left-padded to the curve's size. */
    private static byte[] fixed(byte[] value, int length) {
        byte[] out = new byte[length];
        byte[] trimmed = unsigned(value);
        System.arraycopy(trimmed, 0, out, length - trimmed.length, trimmed.length);
        return out;
    }

    @Test
    void anUnknownKeyIdFetchesTheKeySetAgainAtMostEveryThirtySeconds() throws Exception {
        assertTrue(tokens.holder(valid(",\"preferred_username\":\"clerk\"")) != null);
        KeyPair rolled = rsa();
        String user = ",\"preferred_username\":\"clerk\"";
        assertNull(tokens.holder(jwt(rolled, "k2", claims(ISSUER, "signet", 300, user))), "an unpublished key");
        assertEquals(1, fetches.get(), "fetched again within 30 s");

        published = jwks(Map.of("k1", key, "k2", rolled)); // the provider rolls its keys
        assertNull(tokens.holder(jwt(rolled, "k2", claims(ISSUER, "signet", 300, user))), "still within 30 s");
        now.addAndGet(30_000);
        assertEquals(new OpenIdTokens.Holder("clerk", Set.of()), tokens.holder(jwt(rolled, "k2", claims(ISSUER, "signet", 300, user))));
        assertEquals(2, fetches.get());
        for (int i = 0; i < 20; i++) {
            tokens.holder(jwt(rolled, "k3", claims(ISSUER, "signet", 300, user)));
        }
        assertEquals(2, fetches.get(), "unknown key ids make Signet hammer the provider");
    }

    @Test
    void theRealmTakesTheNamedUserFromSignetsTablesWithHowItWasProven() throws Exception {
        users.put("invoicing", new UserStore.User("invoicing", OpenBSDBCrypt.generate("2a", "p".toCharArray(), new byte[16], 4), true));
        users.put("gone", new UserStore.User("gone", OpenBSDBCrypt.generate("2a", "p".toCharArray(), new byte[16], 4), false));
        SignetRealm realm = new SignetRealm(new UserStore() {
            @Override
            public User find(String name) {
                return users.get(name);
            }

            @Override
            public Set<String> roles(String name) {
                return Set.of("signer");
            }

            @Override
            public String tokenHolder(String tokenSha256, Instant at) {
                return null;
            }
        }, new VerifiedPasswords(0, 10, now::get), new FailedLogins(5, 60_000, FailedLogins.LONGEST_LOCK, 100, now::get),
                OpenBSDBCrypt::checkPassword, tokens, null);

        String token = valid(",\"client_id\":\"invoicing\",\"scope\":\"seal:invoices\"");
        RealmIdentity identity = realm.getRealmIdentity(new BearerTokenEvidence(token));
        assertTrue(identity.verifyEvidence(new BearerTokenEvidence(token)));
        Attributes attributes = identity.getAuthorizationIdentity().getAttributes();
        assertEquals(List.of("signer"), List.copyOf(attributes.get(SignetRealm.ROLES)));
        assertEquals(List.of("oauth2"), List.copyOf(attributes.get(SignetRealm.AUTHENTICATION)));
        assertEquals(List.of("seal:invoices"), List.copyOf(attributes.get(SignetRealm.SCOPES)));

        String disabled = valid(",\"client_id\":\"gone\"");
        assertFalse(realm.getRealmIdentity(new BearerTokenEvidence(disabled)).verifyEvidence(new BearerTokenEvidence(disabled)),
                "a disabled user's token works");
        String stranger = valid(",\"client_id\":\"stranger\"");
        assertFalse(realm.getRealmIdentity(new BearerTokenEvidence(stranger)).exists(), "a user Signet does not know");
        assertFalse(realm.getRealmIdentity(new BearerTokenEvidence("a.b.c")).exists());
    }

    @Test
    void theConfigurationIsCheckedAtStartUp() {
        assertNull(OpenIdTokens.configured(Map.of("oauth2-issuer", "")));
        assertThrows(IllegalArgumentException.class, () -> OpenIdTokens.configured(Map.of("oauth2-issuer", ISSUER)));
        assertThrows(IllegalArgumentException.class, () -> OpenIdTokens.configured(Map.of("oauth2-audience", "signet")));
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> OpenIdTokens.configured(Map.of(
                "oauth2-issuer", ISSUER, "oauth2-audience", "signet", "oauth2-jwks", "http://idp.example.org/certs")));
        assertTrue(plain.getMessage().contains("https"), plain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpenIdTokens.configured(Map.of(
                "oauth2-issuer", ISSUER, "oauth2-audience", "signet", "oauth2-jwks", "http://127.0.0.1.example.org/certs")));
        assertTrue(OpenIdTokens.configured(Map.of("oauth2-issuer", ISSUER, "oauth2-audience", "signet",
                "oauth2-jwks", "https://idp.example.org/certs")) != null);
        assertTrue(OpenIdTokens.configured(Map.of("oauth2-issuer", ISSUER, "oauth2-audience", "signet",
                "oauth2-jwks", "http://[::1]:8190/certs")) != null);
    }
}
