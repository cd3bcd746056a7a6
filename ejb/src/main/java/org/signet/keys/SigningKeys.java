package org.signet.keys;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.signet.SignetException;
import org.signet.connector.KeyReference;
import org.signet.connector.SigningKeyConnection;
import org.signet.connector.SigningKeyConnectionFactory;
import org.signet.connector.SigningKeyException;
import org.signet.connector.TokenDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/** The services' one way to the key adapter; turns adapter failures into Signet's own refusals. */
@ApplicationScoped
public class SigningKeys {

    @Resource(lookup = "java:/eis/signet/SigningKeys")
    private SigningKeyConnectionFactory connections;

    public void open(SigningToken token) {
        char[] secret = readSecret(token);
        try (SigningKeyConnection connection = connections.getConnection()) {
            connection.register(new TokenDefinition(token.name(), token.kind(), Path.of(token.location()), token.slot(), secret));
        } catch (SigningKeyException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** "token/alias" as a key reference. */
    public static KeyReference reference(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a key is named token/alias, not '" + text + "'");
        }
        return new KeyReference(text.substring(0, slash), text.substring(slash + 1));
    }

    /** How long a key that failed is passed over before it is tried again. */
    static final java.time.Duration QUARANTINE = java.time.Duration.ofSeconds(15);

    private final java.util.concurrent.ConcurrentMap<KeyReference, java.time.Instant> failedUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The order to try a seal's keys in: healthy ones first, taking turns so that the work spreads over them;
     * keys that failed lately last, so that a key that answers again comes back without anyone's help.
     */
    public List<KeyReference> order(List<KeyReference> keys) {
        if (keys.size() == 1) {
            return keys;
        }
        java.time.Instant now = java.time.Instant.now();
        int start = Math.floorMod(turn.getAndIncrement(), keys.size());
        List<KeyReference> healthy = new java.util.ArrayList<>();
        List<KeyReference> resting = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            KeyReference key = keys.get((start + i) % keys.size());
            java.time.Instant until = failedUntil.get(key);
            (until != null && now.isBefore(until) ? resting : healthy).add(key);
        }
        healthy.addAll(resting);
        return healthy;
    }

    public void failed(KeyReference key) {
        failedUntil.put(key, java.time.Instant.now().plus(QUARANTINE));
    }

    public void succeeded(KeyReference key) {
        failedUntil.remove(key);
    }

    /** "available", or "failed, retried after ..." for the key list. */
    public String state(KeyReference key) {
        java.time.Instant until = failedUntil.get(key);
        return until != null && java.time.Instant.now().isBefore(until) ? "failed, retried after " + until : "available";
    }

    public List<String> aliases(String token) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.aliases(token);
        } catch (SigningKeyException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, e.getMessage(), e);
        }
    }

    /** A new key pair inside the token, stored with the chain the certifier issues. */
    public List<X509Certificate> generateKeyPair(KeyReference key, String keyAlgorithm, int keySize, org.signet.connector.Certifier certifier) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.generateKeyPair(key, keyAlgorithm, keySize, certifier);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    public List<X509Certificate> certificateChain(KeyReference key) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.certificateChain(key);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    public byte[] sign(KeyReference key, String jcaAlgorithm, byte[] data) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.sign(key, jcaAlgorithm, data);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    private static SignetException unavailable(KeyReference key, SigningKeyException e) {
        SignetException.Kind kind = e.reason() == SigningKeyException.Reason.SIGNING_FAILED
                ? SignetException.Kind.SIGNING_FAILED : SignetException.Kind.KEY_UNAVAILABLE;
        return new SignetException(kind, "key " + key + ": " + e.getMessage(), e);
    }

    private static char[] readSecret(SigningToken token) {
        if (token.secretFile() == null) {
            return new char[0];
        }
        try {
            byte[] bytes = Files.readAllBytes(Path.of(token.secretFile()));
            char[] secret = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes)).array();
            Arrays.fill(bytes, (byte) 0);
            int end = secret.length;
            while (end > 0 && (secret[end - 1] == '\n' || secret[end - 1] == '\r' || secret[end - 1] == '\0')) {
                end--;
            }
            char[] trimmed = Arrays.copyOf(secret, end);
            Arrays.fill(secret, '\0');
            return trimmed;
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE,
                    "token " + token.name() + ": cannot read its secret file " + token.secretFile(), e);
        }
    }
}
