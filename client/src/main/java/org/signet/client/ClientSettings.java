package org.signet.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;

/**
 * Where the server is and who calls it: from options, else SIGNET_URL/SIGNET_USER/SIGNET_PASSWORD, else the
 * config file ({@code --config}, $SIGNET_CONFIG, or ~/.signet/client.properties with keys url, user, password).
 * Instead of a user and password, an OAuth2 access token of the provider the server trusts: {@code --token-file F},
 * $SIGNET_TOKEN_FILE or the config file's {@code token-file} (a file, since a token is a credential and an option
 * value is seen by everyone who lists processes). {@code --trust-file F.pem} (SIGNET_TRUST_FILE, {@code trust-file}):
 * the certificates an https server is checked against instead of the JVM's. {@code --client-key F.p12}
 * (SIGNET_CLIENT_KEY, {@code client-key}) with {@code --client-key-password-file} (SIGNET_CLIENT_KEY_PASSWORD_FILE,
 * {@code client-key-password-file}): a TLS client certificate, which alone is the caller's credential when no user
 * and no token are given.
 */
public record ClientSettings(URI endpoint, String user, String password, String token, SSLContext tls) {

    public ClientSettings(URI endpoint, String user, String password) {
        this(endpoint, user, password, null, null);
    }

    public ClientSettings(URI endpoint, String user, String password, String token) {
        this(endpoint, user, password, token, null);
    }

    /** The value of the Authorization header every request carries; null when the client certificate is the credential. */
    public String authorization() {
        return token != null ? "Bearer " + token
                : user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static final String SOAP_PATH = "/signet-soap/SigningService";
    public static final String TSA_PATH = "/signet/tsa";
    public static final String ADMINISTRATION_PATH = "/signet-soap/AdministrationService";

    /** The time-stamping authority on the same server as the SOAP endpoint. */
    public URI tsa() {
        return endpoint.resolve(TSA_PATH);
    }

    static ClientSettings resolve(Map<String, String> options, Map<String, String> env) {
        Properties file = new Properties();
        String configured = first(options.get("config"), env.get("SIGNET_CONFIG"));
        Path config = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".signet", "client.properties");
        if (Files.isRegularFile(config)) {
            try (InputStream in = Files.newInputStream(config)) {
                file.load(in);
            } catch (IOException e) {
                throw new UsageException("cannot read the client config " + config + ": " + e.getMessage());
            }
        } else if (configured != null) {
            throw new UsageException("the client config " + config + " does not exist");
        }
        String url = first(options.get("url"), env.get("SIGNET_URL"), file.getProperty("url"));
        String user = first(options.get("user"), env.get("SIGNET_USER"), file.getProperty("user"));
        String password = first(options.get("password"), env.get("SIGNET_PASSWORD"), file.getProperty("password"));
        if (url == null) {
            throw new UsageException("no server: give --url, set SIGNET_URL, or run ./signet start, which writes a client config");
        }
        String trustFile = first(options.get("trust-file"), env.get("SIGNET_TRUST_FILE"), file.getProperty("trust-file"));
        String clientKey = first(options.get("client-key"), env.get("SIGNET_CLIENT_KEY"), file.getProperty("client-key"));
        String clientKeyPassword = first(options.get("client-key-password-file"), env.get("SIGNET_CLIENT_KEY_PASSWORD_FILE"),
                file.getProperty("client-key-password-file"));
        URI endpoint = endpoint(url);
        if (clientKey != null && !"https".equals(endpoint.getScheme())) {
            throw new UsageException("a client certificate is presented over https only, and " + url + " is not https");
        }
        SSLContext tls = ClientTls.context(trustFile == null ? null : Path.of(trustFile), clientKey == null ? null : Path.of(clientKey),
                clientKeyPassword == null ? null : Path.of(clientKeyPassword));
        String tokenFile = first(options.get("token-file"), env.get("SIGNET_TOKEN_FILE"), file.getProperty("token-file"));
        if (tokenFile != null) {
            return new ClientSettings(endpoint, null, null, token(Path.of(tokenFile)), tls);
        }
        if (clientKey != null && user == null && password == null) {
            return new ClientSettings(endpoint, null, null, null, tls);
        }
        if (user == null || password == null) {
            throw new UsageException("no credentials: give --user/--password, set SIGNET_USER/SIGNET_PASSWORD, or give --token-file or --client-key");
        }
        return new ClientSettings(endpoint, user, password, null, tls);
    }

    private static String token(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UsageException("cannot read the token file " + file + ": " + e.getMessage());
        }
        if (token.isEmpty() || token.length() > 16_384 || !token.matches("[A-Za-z0-9._~+/=-]+")) {
            throw new UsageException("the token file " + file + " holds no access token");
        }
        return token;
    }

    /** Accepts the server's base URL (http://host:8080) or the endpoint's full URL. */
    static URI endpoint(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed.contains("/signet-soap/") ? trimmed : trimmed + SOAP_PATH);
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + url + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new UsageException("'" + url + "' is not an http(s) URL");
        }
        return uri;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
