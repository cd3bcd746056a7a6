package org.signet.connector;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A borrowed handle on the key tokens. Private keys never cross this interface: callers hand in data or a
 * digest and get a signature value back, so the same contract fits PKCS#12 files, HSMs and cards.
 */
public interface SigningKeyConnection extends AutoCloseable {

    /** Makes a token known to the adapter, replacing an earlier definition of the same name. */
    void register(TokenDefinition token) throws SigningKeyException;

    /** The signing certificate first, then its issuers as far as the token holds them. */
    List<X509Certificate> certificateChain(KeyReference key) throws SigningKeyException;

    /** Signs data with a JCA algorithm name such as {@code SHA256withRSA}. */
    byte[] sign(KeyReference key, String jcaAlgorithm, byte[] data) throws SigningKeyException;

    /**
     * Whether the key's token signs several data in one go faster than one by one (a remote signature service: one
     * round trip for many hashes), so that a caller with many documents for the key should hand them over together.
     */
    boolean signsInBatches(KeyReference key) throws SigningKeyException;

    /** Signs each data with a JCA algorithm name; the values in the data's order, all or none. */
    List<byte[]> signAll(KeyReference key, String jcaAlgorithm, List<byte[]> data) throws SigningKeyException;

    /**
     * Whether the token's provider checks every signature it makes with this key and algorithm against the public key
     * before returning it, so that a fault in the computation is refused rather than handed out. Where it does, a
     * caller that has once seen a signature of the key verify with its certificate need not check each one again.
     */
    boolean checksEachSignature(KeyReference key, String jcaAlgorithm) throws SigningKeyException;

    /**
     * Signs a digest computed elsewhere (remote signing sends only the hash).
     *
     * @param digestAlgorithm JCA digest name of the digest, e.g. {@code SHA-256}
     * @param keyAlgorithm    {@code RSA} (PKCS#1 v1.5) or {@code EC}
     */
    byte[] signDigest(KeyReference key, String digestAlgorithm, String keyAlgorithm, byte[] digest)
            throws SigningKeyException;

    /**
     * Where a person logs in for the personal credentials of a remote signature service: the OAuth 2.0 authorization
     * endpoint that the service's {@code info} and its issuer's metadata name, when it lies under a base URI the definition allows.
     */
    URI authorizationEndpoint(TokenDefinition person) throws SigningKeyException;

    /** The aliases of the keys a token holds. */
    List<String> aliases(String token) throws SigningKeyException;

    /** A new key pair inside the token, stored with the chain the certifier issues; returns that chain. */
    List<X509Certificate> generateKeyPair(KeyReference key, String keyAlgorithm, int keySize, Certifier certifier)
            throws SigningKeyException;

    /** The chain, with the PIN an individual card takes per request (null for other tokens). */
    List<X509Certificate> certificateChain(KeyReference key, char[] pin) throws SigningKeyException;

    /** Signs, with the PIN an individual card takes per request (null for other tokens). */
    byte[] sign(KeyReference key, String jcaAlgorithm, byte[] data, char[] pin) throws SigningKeyException;

    TokenState state(String token) throws SigningKeyException;

    /** Activates a mass-signature card with its PIN, for the limits it was registered with. */
    void activate(String token, char[] pin) throws SigningKeyException;

    /** Locks a mass-signature card at once: it logs out and forgets its PIN. */
    void lock(String token) throws SigningKeyException;

    /** Stores the chain an outside CA issued for a key made inside the token (the signing certificate first). */
    void importChain(KeyReference key, List<X509Certificate> chain) throws SigningKeyException;

    @Override
    void close();
}
