package org.signet.elytron;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.wildfly.security.auth.realm.token.validator.JwtValidator;
import org.wildfly.security.authz.Attributes;
import org.wildfly.security.evidence.BearerTokenEvidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.AlgorithmParameters;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
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
 * The OAuth 2.0 access tokens (JWT) of one OpenID provider. Elytron's token-realm validator checks each RSA-signed
 * (RS256/384/512) token's signature with the provider's keys, its issuer, audience, expiry and not-before, and this
 * class checks ECDSA (ES256/384/512) and RSA-PSS (PS256/384/512) tokens, which Elytron does not know, by the same
 * rules; this class gives the validator the keys from the
 * provider's JWKS (fetched again when a token names a key not yet seen, so that the provider can roll its keys), requires
 * an expiry (Elytron's validator lets a token without one pass), and names the Signet user by the first of the configured
 * claims the token carries. Signet's tables then decide what that user may do, exactly as for a password.
 */
final class OpenIdTokens {
    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call, a scan of the deployment's jars. */
    private static final JsonProvider JSON = JsonProvider.provider();

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

    /**
     * The holder of a valid token, or null for a token that is not valid here (a 401 to the caller). RS256/384/512
     * tokens are checked by Elytron's token-realm validator; ES256/384/512 and PS256/384/512, which it does not know, by
     * {@link #checkedClaims} with the same rules (the provider's key, issuer, audience, expiry required, not-before).
     */
    Holder holder(String token) {
        if (!looksLikeJwt(token)) {
            return null;
        }
        JsonObject header = header(token);
        if (header == null || header.containsKey("crit")) {
            return null; // an extension Signet would not understand
        }
        String keyId = header.get("kid") instanceof JsonString s ? s.getString() : null;
        String algorithm = header.get("alg") instanceof JsonString s ? s.getString() : "";
        Keys current = keys;
        if (keyId == null ? current.byId.isEmpty() : !current.byId.containsKey(keyId)) {
            current = refetch();
        }
        Claims claims;
        if (algorithm.matches("RS(256|384|512)")) {
            if (current.validator == null) {
                return null;
            }
            Attributes validated;
            try {
                validated = current.validator.validate(new BearerTokenEvidence(token));
            } catch (Exception e) {
                return null; // a token that does not parse or whose signature cannot be checked
            }
            if (validated == null || validated.get("exp").isEmpty()) {
                return null;
            }
            claims = name -> List.copyOf(validated.get(name));
        } else {
            claims = checkedClaims(token, algorithm, keyId == null && current.byId.size() == 1
                    ? current.byId.values().iterator().next() : current.byId.get(keyId));
            if (claims == null) {
                return null;
            }
        }
        for (String claim : userClaims) {
            List<String> values = claims.get(claim);
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

    /** A token's claims by name: a string, or each string of an array; numbers as written. */
    private interface Claims {
        List<String> get(String name);
    }

    /**
     * The claims of an ES* or PS* token whose signature the provider's key checks and whose issuer, audience, expiry
     * (required) and not-before hold now; null otherwise, and for any other algorithm ("none", HS*).
     */
    private Claims checkedClaims(String token, String algorithm, PublicKey key) {
        if (key == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        try {
            Signature signature = verifier(algorithm, key);
            if (signature == null) {
                return null;
            }
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            JsonObject payload;
            try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(Base64.getUrlDecoder().decode(parts[1])))) {
                payload = reader.readObject();
            }
            long now = Instant.now().getEpochSecond();
            JsonValue audiences = payload.get("aud");
            boolean ours = audiences instanceof JsonString one ? audience.equals(one.getString())
                    : audiences instanceof JsonArray many && many.stream().anyMatch(a -> a instanceof JsonString s && audience.equals(s.getString()));
            if (!(payload.get("iss") instanceof JsonString iss) || !issuer.equals(iss.getString()) || !ours
                    || !(payload.get("exp") instanceof JsonNumber exp) || exp.longValue() <= now
                    || payload.containsKey("nbf") && (!(payload.get("nbf") instanceof JsonNumber nbf) || nbf.longValue() > now)) {
                return null;
            }
            return name -> {
                JsonValue value = payload.get(name);
                if (value instanceof JsonString s) {
                    return List.of(s.getString());
                }
                if (value instanceof JsonNumber n) {
                    return List.of(n.toString());
                }
                return value instanceof JsonArray array
                        ? array.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList() : List.of();
            };
        } catch (GeneralSecurityException | IllegalArgumentException | JsonException | ClassCastException e) {
            return null;
        }
    }

    /** A signature check for the JWS algorithm with a key of the kind (and, for ECDSA, the curve) it names; null for others. */
    private static Signature verifier(String algorithm, PublicKey key) throws GeneralSecurityException {
        String bits = algorithm.length() == 5 ? algorithm.substring(2) : "";
        if (algorithm.matches("ES(256|384|512)") && key instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() == (bits.equals("512") ? 521 : Integer.parseInt(bits))) {
            Signature signature = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format"); // JWS: r || s, not DER
            signature.initVerify(key);
            return signature;
        }
        if (algorithm.matches("PS(256|384|512)") && key instanceof RSAPublicKey) {
            Signature signature = Signature.getInstance("RSASSA-PSS");
            String digest = "SHA-" + bits;
            signature.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), Integer.parseInt(bits) / 8, 1));
            signature.initVerify(key);
            return signature;
        }
        return null;
    }

    private static JsonObject header(String token) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))))) {
            return reader.readObject();
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
            Map<String, PublicKey> rsa = new HashMap<>();
            byId.forEach((id, key) -> {
                if (key instanceof RSAPublicKey) {
                    rsa.put(id, key);
                }
            });
            JwtValidator.Builder builder = JwtValidator.builder().issuer(issuer).audience(audience).publicKeys(rsa)
                    .useSslContext(SSLContext.getDefault()).setAllowedJkuValues(keySet.toString());
            if (byId.size() == 1 && rsa.size() == 1) {
                builder.publicKey(rsa.values().iterator().next()); // for a token that names no key
            }
            current = new Keys(byId, rsa.isEmpty() ? null : builder.build(), now);
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

    /** The RSA and EC signature keys of a JWKS by their key id ({@code use} other than {@code sig} and other types left out). */
    static Map<String, PublicKey> signingKeys(byte[] jwks) throws IOException {
        JsonArray list;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(jwks))) {
            list = reader.readObject().getJsonArray("keys");
        } catch (JsonException | ClassCastException e) {
            throw new IOException("not a JSON Web Key Set: " + e.getMessage());
        }
        if (list == null) {
            throw new IOException("not a JSON Web Key Set: no keys");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonValue value : list) {
            if (!(value instanceof JsonObject key) || !"sig".equals(key.getString("use", "sig")) || !key.containsKey("kid")) {
                continue;
            }
            String type = key.getString("kty", "");
            try {
                if ("RSA".equals(type)) {
                    BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("n")));
                    BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("e")));
                    keys.put(key.getString("kid"), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
                } else if ("EC".equals(type)) {
                    String curve = switch (key.getString("crv", "")) {
                        case "P-256" -> "secp256r1";
                        case "P-384" -> "secp384r1";
                        case "P-521" -> "secp521r1";
                        default -> throw new GeneralSecurityException("the curve " + key.get("crv") + " is not one of JWS's");
                    };
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(curve));
                    ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("x"))),
                            new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("y"))));
                    keys.put(key.getString("kid"), KeyFactory.getInstance("EC").generatePublic(
                            new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class))));
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                LOG.log(Level.WARNING, "Key {0} of the OpenID provider''s key set is left out: {1}", new Object[] {key.get("kid"), e.getMessage()});
            }
        }
        return Map.copyOf(keys);
    }
}
