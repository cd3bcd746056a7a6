package org.signet.connector;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** An opened token. Implementations are thread-safe; PKCS#11 ones pool their sessions. */
interface KeyToken {

    List<X509Certificate> certificateChain(String alias) throws SigningKeyException;

    byte[] sign(String alias, String jcaAlgorithm, byte[] data) throws SigningKeyException;

    byte[] signDigest(String alias, String digestAlgorithm, String keyAlgorithm, byte[] digest)
            throws SigningKeyException;

    /** The chain, with the PIN a card takes per request (ignored by tokens that have theirs). */
    default List<X509Certificate> certificateChain(String alias, char[] pin) throws SigningKeyException {
        return certificateChain(alias);
    }

    /** Signs, with the PIN a card takes per request (ignored by tokens that have theirs). */
    default byte[] sign(String alias, String jcaAlgorithm, byte[] data, char[] pin) throws SigningKeyException {
        return sign(alias, jcaAlgorithm, data);
    }

    /** See {@link SigningKeyConnection#signsInBatches}; no, unless a token gains by it. */
    default boolean signsInBatches() {
        return false;
    }

    /** Several signatures, in the data's order; one after the other unless the token signs them in one go. */
    default List<byte[]> signAll(String alias, String jcaAlgorithm, List<byte[]> data) throws SigningKeyException {
        List<byte[]> values = new ArrayList<>(data.size());
        for (byte[] one : data) {
            values.add(sign(alias, jcaAlgorithm, one));
        }
        return values;
    }

    /** See {@link SigningKeyConnection#checksEachSignature}; no, unless a token knows its provider does. */
    default boolean checksEachSignature(String alias, String jcaAlgorithm) throws SigningKeyException {
        return false;
    }

    /** The aliases of the keys it holds. */
    List<String> aliases() throws SigningKeyException;

    default TokenState state() {
        return new TokenState(TokenDefinition.PinMode.STORED, true, null, null);
    }

    /** Logs a mass-signature card in for the period and/or number of signatures its definition says. */
    default void activate(char[] pin) throws SigningKeyException {
        throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "only a mass-signature card is activated with a PIN");
    }

    /** Locks a mass-signature card: it logs out and forgets its PIN. */
    default void lock() { }

    /** Locks a card whose activation has run out; called by the adapter's timer. */
    default void expire() { }

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
