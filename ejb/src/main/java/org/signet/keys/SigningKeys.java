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
            connection.register(new TokenDefinition(token.name(), token.kind(), Path.of(token.location()), secret));
        } catch (SigningKeyException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
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
