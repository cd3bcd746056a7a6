package org.signet.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Builds the certificates of Signet's CA: its own, and those it issues to seals, its time-stamping unit and a demo server's TLS. */
public final class Certificates {

    /** What an issued certificate is for; decides its key usages. */
    public enum Profile {
        /** Electronic seals and signatures: digitalSignature and nonRepudiation (contentCommitment). */
        SEAL,
        /** RFC 3161 time-stamping unit: the critical extended key usage id-kp-timeStamping, and nothing else. */
        TIME_STAMPING,
        /** A TLS server: digitalSignature (ECDHE handshakes sign; nothing is encrypted to the key) and id-kp-serverAuth. */
        TLS_SERVER
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() { }

    public static KeyPair rsaKeyPair(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, RANDOM);
        return generator.generateKeyPair();
    }

    public static X509Certificate selfSignedCa(KeyPair ca, String subject, Instant notBefore, Duration validity)
            throws GeneralSecurityException {
        X500Name name = new X500Name(subject);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), name, ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ca.getPublic()));
            return sign(builder, ca.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /**
     * @param crlUrl where the issuer publishes its CRL (the certificate's distribution point), or {@code null}
     */
    public static X509Certificate issue(Profile profile, PublicKey subjectKey, String subject, X509Certificate issuer,
                                        PrivateKey issuerKey, Instant notBefore, Duration validity, String crlUrl)
            throws GeneralSecurityException {
        return issue(profile, subjectKey, subject, null, issuer, issuerKey, notBefore, validity, crlUrl);
    }

    /** @param alternativeNames the subject's other names (a TLS server's host names and addresses), or null */
    public static X509Certificate issue(Profile profile, PublicKey subjectKey, String subject, GeneralNames alternativeNames,
                                        X509Certificate issuer, PrivateKey issuerKey, Instant notBefore, Duration validity,
                                        String crlUrl) throws GeneralSecurityException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), new X500Name(subject), subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(profile == Profile.TLS_SERVER
                            ? KeyUsage.digitalSignature : KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
            if (profile == Profile.TIME_STAMPING) {
                builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
            if (profile == Profile.TLS_SERVER) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            }
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            if (crlUrl != null) {
                GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(where), null, null)}));
            }
            return sign(builder, issuerKey);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
