package org.signet.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.signet.connector.Certifier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * PKCS#10 requests for keys made inside a token, to be certified by an outside CA, and the chains that CA sends
 * back. The token keeps a key only with a certificate, so until the chain comes the key carries a self-signed
 * placeholder, which no seal accepts.
 */
public final class CertificationRequests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificationRequests() { }

    /** What the certifier handed the token (the placeholder), and the request for the outside CA. */
    public static final class Pending implements Certifier {
        private final String subject;
        private String pem;

        public Pending(String subject) {
            this.subject = subject;
        }

        @Override
        public List<X509Certificate> certify(PublicKey key, KeySigner signer) throws GeneralSecurityException {
            ContentSigner contentSigner = contentSigner(key, signer);
            X500Name name = new X500Name(subject);
            try {
                Instant now = Instant.now();
                X509Certificate placeholder = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                        name, new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(now), Date.from(now.plus(Duration.ofDays(90))),
                        name, key).build(contentSigner));
                PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(name, key).build(contentSigner(key, signer));
                pem = Pem.encode(Pem.CERTIFICATE_REQUEST, request.getEncoded());
                return List.of(placeholder);
            } catch (IOException | IllegalArgumentException e) {
                throw new GeneralSecurityException("no certification request for " + subject + ": " + e.getMessage(), e);
            }
        }

        public String pem() {
            return pem;
        }
    }

    /** True for a certificate that certifies itself: the placeholder of a key still waiting for its chain. */
    public static boolean isPlaceholder(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return certificate.getBasicConstraints() < 0;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The certificates of an issued chain (PEM, DER or PKCS#7, in any order), ordered from the one for
     * {@code key} up to the last issuer given; refuses a chain whose links do not verify.
     */
    public static List<X509Certificate> chainFor(PublicKey key, byte[] encoded) throws GeneralSecurityException {
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("the chain is not PEM, DER or PKCS#7 certificates: " + e.getMessage(), e);
        }
        List<X509Certificate> left = new ArrayList<>();
        parsed.forEach(c -> left.add((X509Certificate) c));
        if (left.isEmpty() || left.size() > 10) {
            throw new GeneralSecurityException("a chain has 1 to 10 certificates, not " + left.size());
        }
        X509Certificate leaf = left.stream().filter(c -> c.getPublicKey().equals(key)).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no certificate in the chain is for this key"));
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        left.remove(leaf);
        leaf.checkValidity();
        while (!left.isEmpty()) {
            X509Certificate last = chain.get(chain.size() - 1);
            X509Certificate issuer = left.stream().filter(c -> c.getSubjectX500Principal().equals(last.getIssuerX500Principal()))
                    .findFirst().orElse(null);
            if (issuer == null) {
                throw new GeneralSecurityException("the chain has certificates that do not issue " + last.getSubjectX500Principal());
            }
            last.verify(issuer.getPublicKey());
            chain.add(issuer);
            left.remove(issuer);
        }
        return chain;
    }

    private static ContentSigner contentSigner(PublicKey key, Certifier.KeySigner signer) {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        AlgorithmIdentifier identifier = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return identifier;
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return signer.sign(algorithm, data.toByteArray());
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("the token did not sign: " + e.getMessage(), e);
                }
            }
        };
    }
}
