package org.signet.connector;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Issues the certificate chain for a public key made inside a token (the signing certificate first). */
@FunctionalInterface
public interface Certifier {

    List<X509Certificate> certify(PublicKey key) throws GeneralSecurityException;
}
