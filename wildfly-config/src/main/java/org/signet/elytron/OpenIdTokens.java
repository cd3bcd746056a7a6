package org.signet.elytron;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.wildfly.security.auth.realm.token.validator.JwtValidator;
import org.wildfly.security.authz.Attributes;
import org.wildfly.security.evidence.BearerTokenEvidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

/**
 * The OAuth 2.0 access tokens (JWT) of one OpenID provider. Elytron's token-realm validator checks each token's
 * signature with the provider's keys, its issuer, audience, expiry and not-before; this class gives it the keys from the
 * provider's JWKS (fetched again when a token names a key not yet seen, so that the provider can roll its keys), requires
 * an expiry (Elytron's validator lets a token without one pass), and names the Signet user by the first of the configured
 * claims the token carries. Signet's tables then decide what that user may do, exactly as for a password.
 */
final class OpenIdTokens {

    /** A valid token's holder: a Signet user name, and the scopes the provider granted. */
    record Holder(String user, Set<String> scopes) { }

    /** The provider's keys as last fetched, and the validator built over them. */
    private record Keys(Map<String, PublicKey> byId, JwtValidator validator, long fetchedAt) { }

    private static final Logger LOG = Logger.getLogger(OpenIdTokens.class.getName());
    /** A JWT longer than this is not one any provider issues as an access token. */
    static final int LONGEST_TOKEN = 16_384;
    private static final int LARGEST_KEY_SET = 1 << 20;

    private final String issuer;
    private final String audience;
    private final URI keySet;
    private final List<String> userClaims;
    private final long refetchMillis;
    private final LongSupplier clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Keys keys = new Keys(Map.of(), null, Long.MIN_VALUE / 2);

    OpenIdTokens(String issuer, String audience, URI keySet, List<String> userClaims, long refetchMillis, LongSupplier clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.keySet = keySet;
        this.userClaims = List.copyOf(userClaims);
        this.refetchMillis = refetchMillis;
        this.clock = clock;
    }

    /**
     * From the realm's configuration: none when {@code oauth2-issuer} is empty; otherwise issuer, audience and key set
     * are all required, the key set's URL over HTTPS (plain HTTP only to a loopback address).
     */
    static OpenIdTokens configured(Map<String, String> configuration) {
        String issuer = blankless(configuration.get("oauth2-issuer"));
        String audience = blankless(configuration.get("oauth2-audience"));
        String keySet = blankless(configuration.get("oauth2-jwks"));
        String claims = blankless(configuration.get("oauth2-user-claims"));
        if (issuer == null) {
            if (audience != null || keySet != null) {
                throw new IllegalArgumentException("SignetRealm: oauth2-audience and oauth2-jwks need oauth2-issuer (signet.oauth2.issuer)");
            }
            return null;
        }
        if (audience == null || keySet == null) {
            throw new IllegalArgumentException("SignetRealm: OAuth2 tokens from " + issuer
                    + " need oauth2-audience and oauth2-jwks as well (signet.oauth2.audience, signet.oauth2.jwks)");
        }
        URI uri;
        try {
            uri = URI.create(keySet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SignetRealm: oauth2-jwks '" + keySet + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback(uri.getHost()))) {
            throw new IllegalArgumentException("SignetRealm: oauth2-jwks must be an https URL (plain http only to a loopback address), not '" + keySet + "'");
        }
        List<String> userClaims = Arrays.stream((claims == null ? "preferred_username" : claims).split(","))
                .map(String::strip).filter(c -> !c.isEmpty()).toList();
        if (userClaims.isEmpty()) {
            throw new IllegalArgumentException("SignetRealm: oauth2-user-claims names no claim");
        }
        return new OpenIdTokens(issuer, audience, uri, userClaims, 30_000, System::currentTimeMillis);
    }

    /** localhost or a literal loopback address: a name is not resolved here. */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Whether the token has the shape of a JWT (three Base64url parts): Signet's own tokens do not. */
    static boolean looksLikeJwt(String token) {
        return token.length() <= LONGEST_TOKEN && token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The holder of a valid token, or null for a token that is not valid here (a 401 to the caller). */
    Holder holder(String token) {
        if (!looksLikeJwt(token)) {
            return null;
        }
        String keyId = keyId(token);
        Keys current = keys;
        if (keyId == null ? current.byId.isEmpty() : !current.byId.containsKey(keyId)) {
            current = refetch();
        }
        if (current.validator == null) {
            return null;
        }
        Attributes claims;
        try {
            claims = current.validator.validate(new BearerTokenEvidence(token));
        } catch (Exception e) {
            return null; // a token that does not parse or whose signature cannot be checked
        }
        if (claims == null || claims.get("exp").isEmpty()) {
            return null;
        }
        for (String claim : userClaims) {
            Attributes.Entry values = claims.get(claim);
            if (!values.isEmpty() && !values.get(0).isBlank()) {
                Set<String> scopes = new LinkedHashSet<>();
                for (String scope : claims.get("scope")) {
                    scopes.addAll(Arrays.asList(scope.strip().split("\\s+")));
                }
                scopes.remove("");
                return new Holder(values.get(0), Set.copyOf(scopes));
            }
        }
        return null;
    }

    private static String keyId(String token) {
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(header))) {
                JsonValue kid = reader.readObject().get("kid");
                return kid instanceof JsonString s ? s.getString() : null;
            }
        } catch (IllegalArgumentException | JsonException | ClassCastException e) {
            return null;
        }
    }

    /** The provider's keys, fetched again at most once per {@code refetchMillis} whoever asks. */
    private synchronized Keys refetch() {
        Keys current = keys;
        long now = clock.getAsLong();
        if (now - current.fetchedAt < refetchMillis) {
            return current;
        }
        try {
            Map<String, PublicKey> byId = fetchKeys();
            // a jku header may name only the configured key set (the validator warns about anything looser)
            JwtValidator.Builder builder = JwtValidator.builder().issuer(issuer).audience(audience).publicKeys(byId)
                    .useSslContext(SSLContext.getDefault()).setAllowedJkuValues(keySet.toString());
            if (byId.size() == 1) {
                builder.publicKey(byId.values().iterator().next()); // for a token that names no key
            }
            current = new Keys(byId, byId.isEmpty() ? null : builder.build(), now);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.WARNING, "The OpenID provider's keys could not be fetched from {0}: {1}; its tokens are refused until they are",
                    new Object[] {keySet, e.getMessage()});
            current = new Keys(current.byId, current.validator, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current;
        }
        keys = current;
        return current;
    }

    private Map<String, PublicKey> fetchKeys() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(keySet).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(LARGEST_KEY_SET + 1);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        if (body.length > LARGEST_KEY_SET) {
            throw new IOException("the key set is larger than 1 MiB");
        }
        return signingKeys(body);
    }

    /** The RSA signature keys of a JWKS by their key id ({@code use} other than {@code sig} and other types left out). */
    static Map<String, PublicKey> signingKeys(byte[] jwks) throws IOException {
        JsonArray list;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(jwks))) {
            list = reader.readObject().getJsonArray("keys");
        } catch (JsonException | ClassCastException e) {
            throw new IOException("not a JSON Web Key Set: " + e.getMessage());
        }
        if (list == null) {
            throw new IOException("not a JSON Web Key Set: no keys");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonValue value : list) {
            if (!(value instanceof JsonObject key) || !"RSA".equals(key.getString("kty", null))
                    || !"sig".equals(key.getString("use", "sig")) || !key.containsKey("kid")) {
                continue;
            }
            try {
                BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("n")));
                BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("e")));
                keys.put(key.getString("kid"), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            } catch (GeneralSecurityException | RuntimeException e) {
                LOG.log(Level.WARNING, "Key {0} of the OpenID provider''s key set is left out: {1}", new Object[] {key.get("kid"), e.getMessage()});
            }
        }
        return Map.copyOf(keys);
    }
}
