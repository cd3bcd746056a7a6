package org.signet.api;

import java.security.cert.X509Certificate;

/** A key ("token/alias") and the certificate it now has: made by Signet's CA, or imported from an outside CA. */
public record KeyCertificate(String key, String certificateSubject, String certificateSerial, String issuer) {

    public static KeyCertificate of(String token, String alias, X509Certificate certificate) {
        return new KeyCertificate(token + "/" + alias, certificate.getSubjectX500Principal().getName(),
                certificate.getSerialNumber().toString(16), certificate.getIssuerX500Principal().getName());
    }
}
