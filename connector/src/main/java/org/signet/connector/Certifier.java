package org.signet.connector;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Issues the certificate chain for a public key made inside a token (the signing certificate first). The signer
 * signs with the new private key, for a self-signed placeholder and a PKCS#10 request to an outside CA.
 */
@FunctionalInterface
public interface Certifier {

    List<X509Certificate> certify(PublicKey key, KeySigner signer) throws GeneralSecurityException;

    /** Signs with a key that stays inside its token. */
    @FunctionalInterface
    interface KeySigner {
        byte[] sign(String jcaAlgorithm, byte[] data) throws GeneralSecurityException;
    }
}
