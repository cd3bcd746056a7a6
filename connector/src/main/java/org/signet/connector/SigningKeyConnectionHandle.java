package org.signet.connector;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/** The application's handle; closing it returns the managed connection to the pool. */
final class SigningKeyConnectionHandle implements SigningKeyConnection {

    private volatile SigningKeyManagedConnection managed;

    SigningKeyConnectionHandle(SigningKeyManagedConnection managed) {
        this.managed = managed;
    }

    void reassign(SigningKeyManagedConnection managed) {
        this.managed = managed;
    }

    void invalidate() {
        this.managed = null;
    }

    private TokenRegistry tokens() throws SigningKeyException {
        SigningKeyManagedConnection current = managed;
        if (current == null) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "connection is closed");
        }
        return current.tokens();
    }

    @Override
    public void register(TokenDefinition token) throws SigningKeyException {
        tokens().register(token);
    }

    @Override
    public List<X509Certificate> certificateChain(KeyReference key) throws SigningKeyException {
        return tokens().token(key.token()).certificateChain(key.alias());
    }

    @Override
    public byte[] sign(KeyReference key, String jcaAlgorithm, byte[] data) throws SigningKeyException {
        return tokens().token(key.token()).sign(key.alias(), jcaAlgorithm, data);
    }

    @Override
    public boolean signsInBatches(KeyReference key) throws SigningKeyException {
        return tokens().token(key.token()).signsInBatches();
    }

    @Override
    public List<byte[]> signAll(KeyReference key, String jcaAlgorithm, List<byte[]> data) throws SigningKeyException {
        return tokens().token(key.token()).signAll(key.alias(), jcaAlgorithm, data);
    }

    @Override
    public boolean checksEachSignature(KeyReference key, String jcaAlgorithm) throws SigningKeyException {
        return tokens().token(key.token()).checksEachSignature(key.alias(), jcaAlgorithm);
    }

    @Override
    public byte[] signDigest(KeyReference key, String digestAlgorithm, String keyAlgorithm, byte[] digest)
            throws SigningKeyException {
        return tokens().token(key.token()).signDigest(key.alias(), digestAlgorithm, keyAlgorithm, digest);
    }

    @Override
    public URI authorizationEndpoint(TokenDefinition person) throws SigningKeyException {
        if (person.kind() != TokenDefinition.Kind.CSC || person.login() != TokenDefinition.ServiceLogin.OAUTH2_CODE) {
            throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "only a person's remote credentials are linked by a login");
        }
        return CscToken.open(person).authorizationEndpoint();
    }

    @Override
    public List<String> aliases(String token) throws SigningKeyException {
        return tokens().token(token).aliases();
    }

    @Override
    public List<X509Certificate> generateKeyPair(KeyReference key, String keyAlgorithm, int keySize, Certifier certifier)
            throws SigningKeyException {
        return tokens().token(key.token()).generateKeyPair(key.alias(), keyAlgorithm, keySize, certifier);
    }

    @Override
    public List<X509Certificate> certificateChain(KeyReference key, char[] pin) throws SigningKeyException {
        return tokens().token(key.token()).certificateChain(key.alias(), pin);
    }

    @Override
    public byte[] sign(KeyReference key, String jcaAlgorithm, byte[] data, char[] pin) throws SigningKeyException {
        return tokens().token(key.token()).sign(key.alias(), jcaAlgorithm, data, pin);
    }

    @Override
    public TokenState state(String token) throws SigningKeyException {
        return tokens().token(token).state();
    }

    @Override
    public void activate(String token, char[] pin) throws SigningKeyException {
        tokens().token(token).activate(pin);
    }

    @Override
    public void lock(String token) throws SigningKeyException {
        tokens().token(token).lock();
    }

    @Override
    public void importChain(KeyReference key, List<X509Certificate> chain) throws SigningKeyException {
        tokens().token(key.token()).importChain(key.alias(), chain);
    }

    @Override
    public void close() {
        SigningKeyManagedConnection current = managed;
        if (current != null) {
            managed = null;
            current.closed(this);
        }
    }
}
