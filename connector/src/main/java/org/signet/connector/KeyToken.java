package org.signet.connector;

import java.security.cert.X509Certificate;
import java.util.List;

/** An opened token. Implementations are thread-safe; PKCS#11 ones will pool their sessions. */
interface KeyToken {

    List<X509Certificate> certificateChain(String alias) throws SigningKeyException;

    byte[] sign(String alias, String jcaAlgorithm, byte[] data) throws SigningKeyException;

    byte[] signDigest(String alias, String digestAlgorithm, String keyAlgorithm, byte[] digest)
            throws SigningKeyException;

    /** The aliases of the keys it holds. */
    List<String> aliases() throws SigningKeyException;

    /**
     * Makes a key pair inside the token (the private key never leaves it) and stores it with the chain the
     * certifier issues for its public key.
     */
    default List<X509Certificate> generateKeyPair(String alias, String keyAlgorithm, int keySize, Certifier certifier)
            throws SigningKeyException {
        throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "this token cannot make keys");
    }

    /** Stores the issued certificate chain with the key (the signing certificate first). */
    default void importChain(String alias, List<X509Certificate> chain) throws SigningKeyException {
        throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "this token cannot store certificates");
    }
}
