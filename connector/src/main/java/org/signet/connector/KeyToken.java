package org.signet.connector;

import java.security.cert.X509Certificate;
import java.util.List;

/** An opened token. Implementations are thread-safe; PKCS#11 ones will pool their sessions. */
interface KeyToken {

    List<X509Certificate> certificateChain(String alias) throws SigningKeyException;

    byte[] sign(String alias, String jcaAlgorithm, byte[] data) throws SigningKeyException;

    byte[] signDigest(String alias, String digestAlgorithm, String keyAlgorithm, byte[] digest)
            throws SigningKeyException;
}
