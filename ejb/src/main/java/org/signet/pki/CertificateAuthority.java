package org.signet.pki;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.signet.config.SignetConfiguration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

/**
 * Signet's own CA (today the demo CA): keeps its key in {@code <data-dir>/ca} and issues its certificate
 * revocation list, so that certificates it issued can be validated with real revocation data.
 */
@ApplicationScoped
public class CertificateAuthority {

    public static final String ALIAS = "ca";
    /** A verifier accepts a CRL until nextUpdate; Signet issues a new one when half of that time has passed. */
    private static final Duration CRL_VALIDITY = Duration.ofDays(7);

    @Inject
    private SignetConfiguration configuration;

    private X509CRL crl;

    public static Path directory(Path dataDirectory) {
        return dataDirectory.resolve("ca");
    }

    /** Stores the CA's key and certificate; its secret goes to a file only the server's user can read. */
    public static void store(Path dataDirectory, PrivateKey key, X509Certificate certificate, char[] secret)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, secret, new java.security.cert.Certificate[] {certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, secret);
        Path dir = directory(dataDirectory);
        PrivateFiles.write(dir.resolve("ca.p12"), out.toByteArray());
        PrivateFiles.write(dir.resolve("ca.p12.secret"), new String(secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The current CRL, issued anew when it is missing or past half its validity; empty when Signet has no CA. */
    public synchronized Optional<X509CRL> currentCrl() {
        Path dir = directory(configuration.dataDirectory());
        if (!Files.exists(dir.resolve("ca.p12"))) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        try {
            if (crl == null && Files.exists(dir.resolve("ca.crl"))) {
                crl = (X509CRL) CertificateFactory.getInstance("X.509")
                        .generateCRL(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.crl"))));
            }
            if (crl == null || now.isAfter(halfLife(crl))) {
                crl = issueCrl(dir, now);
                PrivateFiles.write(dir.resolve("ca.crl"), crl.getEncoded());
            }
            return Optional.of(crl);
        } catch (IOException e) {
            throw new UncheckedIOException("Signet's CA cannot write its CRL in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signet's CA cannot issue its CRL: " + e.getMessage(), e);
        }
    }

    private static Instant halfLife(X509CRL crl) {
        Instant issued = crl.getThisUpdate().toInstant();
        return issued.plus(Duration.between(issued, crl.getNextUpdate().toInstant()).dividedBy(2));
    }

    private static X509CRL issueCrl(Path dir, Instant now) throws IOException, GeneralSecurityException {
        char[] secret = new String(Files.readAllBytes(dir.resolve("ca.p12.secret")), StandardCharsets.UTF_8).strip().toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(dir.resolve("ca.p12"))) {
                store.load(in, secret);
            }
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, secret);
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            // Revoked seal certificates are listed here once seals can be revoked (formats and revocation issue).
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now))
                    .setNextUpdate(Date.from(now.plus(CRL_VALIDITY)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.cRLNumber, false,
                            new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
