package org.signet.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;

/**
 * A client certificate named by its subject and issuer rather than by its key: every certificate the same authority
 * issues to the same subject (a yearly renewal) logs in as the same user. Signet's realm (wildfly-config,
 * SignetRealm.subjectKey) computes the same key; IdentityVectorsTest and SignetRealmTest check both against one set
 * of vectors.
 */
public final class CertificateSubject {

    private CertificateSubject() { }

    /** SHA-256 (hex) of the issuer's and the subject's canonical names (RFC 2253, case and spacing aside), one line each. */
    public static String key(X509Certificate certificate) {
        String names = certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL) + "\n"
                + certificate.getSubjectX500Principal().getName(X500Principal.CANONICAL);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(names.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** "subject, issued by issuer", as admins read it. */
    public static String shown(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", issued by " + certificate.getIssuerX500Principal().getName();
    }
}
