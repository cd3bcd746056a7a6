package org.signet.connector;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The credentials of a remote signature service (CSC API v2) as a token: each credential is a key whose alias is its
 * credential ID. Only a hash leaves Signet; the value that comes back is checked against the credential's certificate
 * before it is used. Signet logs in with HTTP Basic ({@code auth/login}) or with OAuth 2.0 client credentials at the
 * token endpoint the service names, and works with the bearer token until it expires; the signatures of one call take one activation for all their hashes ({@code credentials/authorize}) and one
 * {@code signatures/signHash}. A person's credentials are reached with the person's own authorisation (OAuth 2.0
 * authorization code with PKCE, then refresh tokens, held in memory only); those of sole control level 2 sign only with the
 * person's one-time code, handed in with the request as a card's PIN is. A seal's credential of level 2 is refused: a
 * server signing by itself has no person's code.
 */
final class CscToken implements KeyToken {
    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call, a scan of the deployment's jars. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private final String name;
    private final URI service;
    private final String account;
    /**
     * Kept while the token is registered, as an HSM's PIN is: the service's tokens expire and Signet logs in again. For
     * a person's credentials, the authorization code, used once.
     */
    private final char[] password;
    private final String codeVerifier;
    private final URI redirectUri;
    /** A person's: renews the access token while the person's session at the issuer lasts. */
    private volatile String refreshToken;
    private boolean codeSpent;
    /** The credentials of sole control level 2, and where each wants its one-time code: an auth object's id, or "" for the OTP parameter. */
    private final Map<String, String> oneTimeCodeFields = new ConcurrentHashMap<>();
    private final HttpClient http;
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();
    private volatile String accessToken;
    private volatile Instant accessUntil = Instant.MIN;
    private final TokenDefinition.ServiceLogin login;
    private final List<URI> allowedEndpoints;
    private volatile URI tokenEndpoint;
    private volatile URI authorizationEndpoint;

    /** The certificates (PEM or DER) the services' TLS is checked against instead of the JVM's; read by the key adapter. */
    static final String TRUST_STORE = "signet.csc.trust-store";

    private CscToken(TokenDefinition definition, SSLContext tls) {
        this.name = definition.name();
        URI base = definition.service();
        this.service = base.getPath().endsWith("/") ? base : URI.create(base + "/");
        this.account = definition.account();
        this.password = definition.secret();
        this.login = definition.login();
        this.allowedEndpoints = definition.allowedEndpoints();
        this.codeVerifier = definition.codeVerifier();
        this.redirectUri = definition.redirectUri();
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NEVER);
        this.http = (tls == null ? client : client.sslContext(tls)).build();
    }

    /**
     * The token, without a call yet: at start-up the service may be unreachable for a while, and the first signature
     * logs in. Registration checks the address and password by reading the credentials. The service's TLS is checked
     * against {@code signet.csc.trust-store} when it is set, else against the JVM's trusted certificates.
     */
    static CscToken open(TokenDefinition definition) throws SigningKeyException {
        String trusted = System.getProperty(TRUST_STORE);
        return open(definition, trusted == null || trusted.isBlank() ? null : Path.of(trusted));
    }

    static CscToken open(TokenDefinition definition, Path trustedCertificates) throws SigningKeyException {
        return new CscToken(definition, trustedCertificates == null ? null : tls(trustedCertificates));
    }

    /** A TLS context that trusts exactly the certificates in the file. */
    static SSLContext tls(Path trustedCertificates) throws SigningKeyException {
        try (InputStream in = Files.newInputStream(trustedCertificates)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("trusted-" + n++, certificate);
            }
            if (n == 0) {
                throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, TRUST_STORE + " " + trustedCertificates
                        + " holds no certificate");
            }
            TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            managers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, TRUST_STORE + " " + trustedCertificates
                    + " cannot be read as certificates: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> aliases() throws SigningKeyException {
        JsonArray ids = call("credentials/list", JSON.createObjectBuilder().build()).getJsonArray("credentialIDs");
        List<String> aliases = new ArrayList<>();
        for (JsonValue id : ids == null ? List.<JsonValue>of() : ids) {
            if (id instanceof JsonString text) {
                aliases.add(text.getString());
            }
        }
        return aliases;
    }

    @Override
    public List<X509Certificate> certificateChain(String alias) throws SigningKeyException {
        List<X509Certificate> known = chains.get(alias);
        if (known != null) {
            return known;
        }
        JsonObject info = call("credentials/info", JSON.createObjectBuilder().add("credentialID", alias).add("certificates", "chain").build());
        if ("2".equals(info.getString("SCAL", "1"))) {
            if (login != TokenDefinition.ServiceLogin.OAUTH2_CODE) {
                throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "credential '" + alias + "' of " + this
                        + " has sole control level 2: each activation needs a person's one-time code, which a seal does not have");
            }
            oneTimeCodeFields.put(alias, oneTimeCodeField(info));
        }
        JsonObject cert = info.getJsonObject("cert");
        JsonArray encoded = cert == null ? null : cert.getJsonArray("certificates");
        if (encoded == null || encoded.isEmpty()) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " gave no certificate for credential '" + alias + "'");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (JsonValue value : encoded) {
                chain.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(
                        Base64.getDecoder().decode(((JsonString) value).getString()))));
            }
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " gave a certificate that cannot be read for "
                    + "credential '" + alias + "': " + e.getMessage(), e);
        }
        chains.put(alias, List.copyOf(chain));
        return chains.get(alias);
    }

    /** v2's auth object names the one-time code's id; without one, the code goes in the OTP parameter (v1, v2.0.0.2). */
    private static String oneTimeCodeField(JsonObject info) {
        JsonObject auth = info.get("auth") instanceof JsonObject object ? object : null;
        JsonArray objects = auth == null || !(auth.get("objects") instanceof JsonArray list) ? null : list;
        for (JsonValue object : objects == null ? List.<JsonValue>of() : objects) {
            if (object instanceof JsonObject one && "Otp".equalsIgnoreCase(one.getString("type", "")) && one.getString("id", null) != null) {
                return one.getString("id");
            }
        }
        return "";
    }

    @Override
    public byte[] sign(String alias, String jcaAlgorithm, byte[] data) throws SigningKeyException {
        return signAll(alias, jcaAlgorithm, List.of(data)).get(0);
    }

    /** A person's credential of sole control level 2 takes the person's one-time code here, as a card takes its PIN. */
    @Override
    public byte[] sign(String alias, String jcaAlgorithm, byte[] data, char[] oneTimeCode) throws SigningKeyException {
        return sign(alias, jcaAlgorithm, List.of(data), oneTimeCode).get(0);
    }

    /** One round trip for many: an activation for all the hashes, and one signHash with them. */
    @Override
    public boolean signsInBatches() {
        return true;
    }

    @Override
    public List<byte[]> signAll(String alias, String jcaAlgorithm, List<byte[]> data) throws SigningKeyException {
        return sign(alias, jcaAlgorithm, data, null);
    }

    private List<byte[]> sign(String alias, String jcaAlgorithm, List<byte[]> data, char[] oneTimeCode) throws SigningKeyException {
        String upper = jcaAlgorithm.toUpperCase(Locale.ROOT);
        int with = upper.indexOf("WITH");
        String hash = with < 0 ? null : upper.substring(0, with);
        if (!CscAlgorithms.HASH_OIDS.containsKey(hash)) {
            throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, this + " signs hashes of SHA-256, SHA-384 or SHA-512, not "
                    + jcaAlgorithm);
        }
        List<byte[]> digests = new ArrayList<>(data.size());
        try {
            for (byte[] one : data) {
                digests.add(MessageDigest.getInstance(CscAlgorithms.digestName(hash)).digest(one));
            }
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED, "no " + CscAlgorithms.digestName(hash) + " here: " + e.getMessage(), e);
        }
        List<byte[]> values = signHashes(alias, hash, upper.substring(with + 4), digests, oneTimeCode);
        for (int i = 0; i < data.size(); i++) {
            requireVerifies(alias, jcaAlgorithm, data.get(i), values.get(i));
        }
        return values;
    }

    @Override
    public byte[] signDigest(String alias, String digestAlgorithm, String keyAlgorithm, byte[] digest) throws SigningKeyException {
        String hash = digestAlgorithm.toUpperCase(Locale.ROOT).replace("-", "");
        if (!CscAlgorithms.HASH_OIDS.containsKey(hash)) {
            throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, this + " signs hashes of SHA-256, SHA-384 or SHA-512, not "
                    + digestAlgorithm);
        }
        return signHash(alias, hash, "EC".equals(keyAlgorithm) ? "ECDSA" : keyAlgorithm, digest);
    }

    private byte[] signHash(String alias, String hash, String keyPart, byte[] digest) throws SigningKeyException {
        return signHashes(alias, hash, keyPart, List.of(digest), null).get(0);
    }

    private List<byte[]> signHashes(String alias, String hash, String keyPart, List<byte[]> digests, char[] oneTimeCode)
            throws SigningKeyException {
        String signAlgo = "RSA".equals(keyPart) ? CscAlgorithms.RSA_WITH.get(hash)
                : "ECDSA".equals(keyPart) ? CscAlgorithms.ECDSA_WITH.get(hash) : null;
        if (signAlgo == null) {
            throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, this + " signs with RSA (PKCS #1 v1.5) or ECDSA, not "
                    + keyPart);
        }
        JsonArrayBuilder hashes = JSON.createArrayBuilder();
        digests.forEach(digest -> hashes.add(Base64.getEncoder().encodeToString(digest)));
        JsonArray encoded = hashes.build();
        certificateChain(alias); // reads whether the credential wants a one-time code
        String codeField = oneTimeCodeFields.get(alias);
        JsonObjectBuilder authorize = JSON.createObjectBuilder().add("credentialID", alias).add("numSignatures", digests.size())
                .add("hashes", encoded);
        if (codeField != null) {
            if (oneTimeCode == null || oneTimeCode.length == 0) {
                throw new SigningKeyException(SigningKeyException.Reason.PIN_REQUIRED, "credential '" + alias + "' of " + this
                        + " has sole control level 2: each signature needs the one-time code the service asks its owner for");
            }
            String code = new String(oneTimeCode);
            if (codeField.isEmpty()) {
                authorize.add("OTP", code);
            } else {
                authorize.add("authData", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("id", codeField).add("value", code)));
            }
        }
        JsonObject activation = call("credentials/authorize", authorize.build());
        String sad = activation.getString("SAD", null);
        if (sad == null) {
            throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED, this + " granted no SAD for credential '" + alias + "'");
        }
        JsonObject signed = call("signatures/signHash", JSON.createObjectBuilder().add("credentialID", alias).add("SAD", sad)
                .add("hashes", encoded).add("signAlgo", signAlgo).add("hashAlgorithmOID", CscAlgorithms.HASH_OIDS.get(hash)).build());
        JsonArray values = signed.getJsonArray("signatures");
        if (values == null || values.size() != digests.size()) {
            throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED, this + " answered signHash with "
                    + (values == null ? "no" : values.size()) + " signature(s) for " + digests.size() + " hash(es)");
        }
        List<byte[]> decoded = new ArrayList<>(values.size());
        try {
            for (JsonValue value : values) {
                decoded.add(Base64.getDecoder().decode(((JsonString) value).getString()));
            }
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED, this + " answered a signature that is not base64", e);
        }
        return decoded;
    }

    /** A value that does not verify with the credential's certificate (another key, a broken service) never leaves here. */
    private void requireVerifies(String alias, String jcaAlgorithm, byte[] data, byte[] value) throws SigningKeyException {
        boolean verifies;
        try {
            Signature check = Signature.getInstance(jcaAlgorithm);
            check.initVerify(certificateChain(alias).get(0).getPublicKey());
            check.update(data);
            verifies = check.verify(value);
        } catch (GeneralSecurityException e) {
            verifies = false;
        }
        if (!verifies) {
            throw new SigningKeyException(SigningKeyException.Reason.SIGNING_FAILED, "the signature " + this + " made with credential '"
                    + alias + "' does not verify with its certificate");
        }
    }

    /** Every signature is checked here against the certificate. */
    @Override
    public boolean checksEachSignature(String alias, String jcaAlgorithm) {
        return true;
    }

    /** One POST to the service, logged in; a token the service no longer takes is replaced once. */
    private JsonObject call(String method, JsonObject body) throws SigningKeyException {
        HttpResponse<String> answer = send(method, body, bearer(false));
        if (answer.statusCode() == 401) {
            answer = send(method, body, bearer(true));
        }
        return json(method, answer);
    }

    private synchronized String bearer(boolean again) throws SigningKeyException {
        if (again || accessToken == null || Instant.now().plusSeconds(60).isAfter(accessUntil)) {
            String what = login == TokenDefinition.ServiceLogin.BASIC ? "auth/login" : "oauth2/token";
            JsonObject answer = switch (login) {
                case BASIC -> json(what, basicLogin());
                case OAUTH2_CLIENT -> json(what, clientCredentials());
                case OAUTH2_CODE -> personsToken();
            };
            accessToken = answer.getString("access_token", null);
            if (accessToken == null) {
                throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " answered " + what + " without a token");
            }
            accessUntil = Instant.now().plusSeconds(answer.getJsonNumber("expires_in") == null ? 300
                    : answer.getJsonNumber("expires_in").longValue());
        }
        return "Bearer " + accessToken;
    }

    private HttpResponse<String> basicLogin() throws SigningKeyException {
        String basic = Base64.getEncoder().encodeToString((account + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
        return send("auth/login", JSON.createObjectBuilder().build(), "Basic " + basic);
    }

    /**
     * A person's access token: the authorization code exchanged once with its PKCE verifier (RFC 7636), then the refresh
     * token. Held in memory only, so a restart, or the end of the person's session at the issuer, asks the person to link
     * the credential again.
     */
    private JsonObject personsToken() throws SigningKeyException {
        String form;
        boolean withCode = !codeSpent && password.length > 0;
        if (withCode) {
            form = "grant_type=authorization_code&code=" + URLEncoder.encode(new String(password), StandardCharsets.UTF_8)
                    + "&redirect_uri=" + URLEncoder.encode(String.valueOf(redirectUri), StandardCharsets.UTF_8)
                    + "&code_verifier=" + URLEncoder.encode(String.valueOf(codeVerifier), StandardCharsets.UTF_8);
            Arrays.fill(password, '\0'); // an authorization code is good for one exchange
            codeSpent = true;
        } else if (refreshToken != null) {
            form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        } else {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " holds no authorisation of its person "
                    + "now (it ended, or the server restarted): the person links the credential again");
        }
        HttpResponse<String> answer = exchange("oauth2/token", HttpRequest.newBuilder(tokenEndpoint()).timeout(ANSWER)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&client_id=" + URLEncoder.encode(account, StandardCharsets.UTF_8))).build());
        if (answer.statusCode() / 100 != 2) {
            refreshToken = null;
            try {
                json("oauth2/token", answer);
            } catch (SigningKeyException e) {
                throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, e.getMessage() + "; the person's "
                        + (withCode ? "login was not accepted" : "authorisation has ended") + ": the person links the credential again", e);
            }
        }
        JsonObject tokens = json("oauth2/token", answer);
        String renewal = tokens.getString("refresh_token", null);
        if (renewal != null) {
            refreshToken = renewal; // a provider that rotates refresh tokens takes only the newest
        } else if (withCode) {
            refreshToken = null;
        }
        return tokens;
    }

    /** Where the person logs in: the authorization endpoint the service's issuer names, checked as the token endpoint is. */
    URI authorizationEndpoint() throws SigningKeyException {
        tokenEndpoint();
        if (authorizationEndpoint == null) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "the OAuth 2.0 issuer of " + this
                    + " names no authorization endpoint");
        }
        return authorizationEndpoint;
    }

    /** RFC 6749 4.4: the client's ID and secret in the form body (client_secret_post), as CSC 8.3.3 shows them. */
    private HttpResponse<String> clientCredentials() throws SigningKeyException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(account, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(new String(password), StandardCharsets.UTF_8);
        return exchange("oauth2/token", HttpRequest.newBuilder(tokenEndpoint()).timeout(ANSWER)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /**
     * The token endpoint the service names in {@code info}: its {@code oauth2Issuer}'s metadata (OpenID Connect
     * discovery, else RFC 8414), or {@code oauth2} + "oauth2/token". The service names it, so it is called only when it
     * lies under a base URI the operator allowed, and the client secret never goes anywhere else.
     */
    private URI tokenEndpoint() throws SigningKeyException {
        if (tokenEndpoint != null) {
            return tokenEndpoint;
        }
        JsonObject info = json("info", send("info", JSON.createObjectBuilder().build(), null));
        JsonArray types = info.getJsonArray("authType");
        boolean person = login == TokenDefinition.ServiceLogin.OAUTH2_CODE;
        if (types == null || !types.contains(JSON.createValue(person ? "oauth2code" : "oauth2client"))) {
            throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, this + " does not offer OAuth 2.0 "
                    + (person ? "authorization codes" : "client credentials") + " (its info answers authType " + types + ")");
        }
        String issuer = info.getString("oauth2Issuer", null);
        String base = info.getString("oauth2", null);
        URI endpoint;
        URI authorization;
        if (issuer != null && !issuer.isBlank()) {
            JsonObject metadata = issuerMetadata(issuer);
            if (!issuer.equals(metadata.getString("issuer", null))) {
                throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "the metadata of " + issuer + ", the OAuth 2.0 "
                        + "issuer of " + this + ", names another issuer: " + metadata.getString("issuer", "none"));
            }
            endpoint = uri(metadata.getString("token_endpoint", ""), "token endpoint");
            authorization = person ? uri(metadata.getString("authorization_endpoint", ""), "authorization endpoint") : null;
        } else if (base != null && !base.isBlank()) {
            String root = base.endsWith("/") ? base : base + "/";
            endpoint = uri(root + "oauth2/token", "token endpoint");
            authorization = person ? uri(root + "oauth2/authorize", "authorization endpoint") : null;
        } else {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " names neither oauth2Issuer nor oauth2 in its info");
        }
        authorizationEndpoint = authorization == null ? null : allowed(authorization, "authorization endpoint");
        tokenEndpoint = allowed(endpoint, "token endpoint");
        return tokenEndpoint;
    }

    private JsonObject issuerMetadata(String issuer) throws SigningKeyException {
        String root = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        HttpResponse<String> answer = null;
        for (String wellKnown : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
            URI metadata = allowed(uri(root + wellKnown, "issuer metadata"), "issuer metadata");
            answer = exchange("the issuer's metadata", HttpRequest.newBuilder(metadata).timeout(ANSWER).header("Accept", "application/json")
                    .GET().build());
            if (answer.statusCode() != 404) {
                break;
            }
        }
        return json("the issuer's metadata", answer);
    }

    private URI uri(String text, String what) throws SigningKeyException {
        try {
            URI uri = new URI(text).normalize();
            if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // named below
        }
        throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " names an OAuth 2.0 " + what
                + " that is not an http(s) URL: " + text);
    }

    private URI allowed(URI uri, String what) throws SigningKeyException {
        if (uri.getUserInfo() == null && uri.getFragment() == null) {
            String text = canonical(uri);
            for (URI base : allowedEndpoints) {
                String prefix = canonical(base.normalize());
                if (prefix.endsWith("/") && text.startsWith(prefix)) {
                    return uri;
                }
            }
        }
        throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " names the OAuth 2.0 " + what + " " + uri
                + ", which lies under no base URI this server allows; its operator lists them in signet.csc.services");
    }

    /** Scheme and host in lower case, the port always named, the path exactly as written (paths are case-sensitive). */
    private static String canonical(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private HttpResponse<String> send(String method, JsonObject body, String authorization) throws SigningKeyException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(method)).timeout(ANSWER)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return exchange(method, authorization == null ? request.build() : request.header("Authorization", authorization).build());
    }

    private HttpResponse<String> exchange(String method, HttpRequest request) throws SigningKeyException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, this + " cannot be reached for " + method + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "interrupted while " + this + " answered " + method, e);
        }
    }

    /** The answer's JSON, or a refusal with the service's own error and description (never the credentials). */
    private JsonObject json(String method, HttpResponse<String> answer) throws SigningKeyException {
        JsonObject body;
        try (JsonReader reader = JSON.createReader(new StringReader(answer.body()))) {
            body = reader.readObject();
        } catch (JsonParsingException | IllegalStateException | ClassCastException e) {
            body = null;
        }
        if (answer.statusCode() / 100 == 2 && body != null) {
            return body;
        }
        String error = body == null ? "HTTP " + answer.statusCode() : body.getString("error", "HTTP " + answer.statusCode())
                + (body.containsKey("error_description") ? ": " + body.getString("error_description", "") : "");
        SigningKeyException.Reason reason = answer.statusCode() == 401 || answer.statusCode() >= 500
                ? SigningKeyException.Reason.TOKEN_UNAVAILABLE : SigningKeyException.Reason.SIGNING_FAILED;
        throw new SigningKeyException(reason, this + " refused " + method + " (HTTP " + answer.statusCode() + "): " + error);
    }

    @Override
    public String toString() {
        return "remote signature service " + service + " (token " + name + ")";
    }
}
