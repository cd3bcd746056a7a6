package org.signet.pki;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.signet.config.SignetConfiguration;
import org.signet.connector.TokenDefinition;
import org.signet.keys.SecretStore;
import org.signet.keys.SigningToken;
import org.signet.model.SignetException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signet's own CA (today the demo CA): keeps its key in {@code <data-dir>/ca}, issues certificates to Signet's
 * seals and time-stamping unit with its CRL as distribution point, and issues that CRL, so that what it
 * certified can be validated with real revocation data.
 */
@ApplicationScoped
public class CertificateAuthority {

    public static final String ALIAS = "ca";
    /** Where the CRL is served (web module); certificates name it as their distribution point. */
    public static final String CRL_PATH = "/signet/crl/ca.crl";
    /** A verifier accepts a CRL until nextUpdate; Signet issues a new one when half of that time has passed. */
    private static final Duration CRL_VALIDITY = Duration.ofDays(7);

    /** RFC 5280 reasons an administrator may give. */
    public enum RevocationReason {
        UNSPECIFIED(CRLReason.unspecified), KEY_COMPROMISE(CRLReason.keyCompromise),
        AFFILIATION_CHANGED(CRLReason.affiliationChanged), SUPERSEDED(CRLReason.superseded),
        CESSATION_OF_OPERATION(CRLReason.cessationOfOperation);

        private final int code;

        RevocationReason(int code) {
            this.code = code;
        }

        /** key_compromise, KEY_COMPROMISE, keyCompromise (RFC 5280's spelling) ...; blank means UNSPECIFIED. */
        public static RevocationReason parse(String value) {
            if (value == null || value.isBlank()) {
                return UNSPECIFIED;
            }
            String wanted = value.replaceAll("[_\\-\\s]", "").toUpperCase(Locale.ROOT);
            for (RevocationReason reason : values()) {
                if (reason.name().replace("_", "").equals(wanted)) {
                    return reason;
                }
            }
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the reason '" + value + "' is not one of " + List.of(values()));
        }
    }

    @Inject
    private SignetConfiguration configuration;
    @Inject
    private SecretStore secrets;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    private X509CRL crl;

    public static Path keyStore(Path dataDirectory) {
        return dataDirectory.resolve("ca").resolve("ca.p12");
    }

    public boolean exists() {
        return Files.exists(keyStore(configuration.dataDirectory()));
    }

    public String crlUrl() {
        return configuration.publicUrl() + CRL_PATH;
    }

    public X509Certificate certificate() throws GeneralSecurityException, IOException {
        return (X509Certificate) issuer().getCertificate();
    }

    /**
     * A certificate for a key Signet holds, valid from a few minutes ago (clocks differ a little). The CRL is issued anew
     * next time it is asked for: one issued before the certificate's notBefore says nothing about it, and verifiers
     * (EU DSS) find such revocation data inconsistent, leaving its signatures indeterminate until the next CRL.
     */
    public X509Certificate issue(Certificates.Profile profile, PublicKey key, String subject, Duration validity)
            throws GeneralSecurityException, IOException {
        KeyStore.PrivateKeyEntry ca = issuer();
        X509Certificate issued = Certificates.issue(profile, key, subject, (X509Certificate) ca.getCertificate(), ca.getPrivateKey(),
                Instant.now().minus(Duration.ofMinutes(5)), validity, crlUrl());
        crlToRenew();
        return issued;
    }

    /** Revokes a certificate this CA issued and issues a new CRL at once. Runs in the caller's transaction. */
    public synchronized void revoke(X509Certificate certificate, RevocationReason reason) throws GeneralSecurityException, IOException {
        if (!certificate.getIssuerX500Principal().equals(certificate().getSubjectX500Principal())) {
            throw new GeneralSecurityException("the certificate of " + certificate.getSubjectX500Principal().getName()
                    + " was not issued by Signet's CA");
        }
        String serial = certificate.getSerialNumber().toString(16);
        if (em.find(RevokedCertificate.class, serial) == null) {
            em.persist(new RevokedCertificate(serial, Instant.now(), reason.code, certificate.getSubjectX500Principal().getName()));
            em.flush();
        }
        crlToRenew(); // the next one lists it
    }

    /** The next {@link #currentCrl} issues a new CRL. */
    private synchronized void crlToRenew() throws IOException {
        crl = null;
        Files.deleteIfExists(keyStore(configuration.dataDirectory()).resolveSibling("ca.crl"));
    }

    public boolean isRevoked(X509Certificate certificate) {
        return em.find(RevokedCertificate.class, certificate.getSerialNumber().toString(16)) != null;
    }

    /**
     * A new RSA-2048 key in a PKCS#12 token of its own ({@code <data-dir>/tokens/<token>.p12}), certified by this CA.
     * The caller persists the returned token and opens it.
     */
    public SigningToken issueSoftwareToken(String token, String alias, Certificates.Profile profile, String subject,
                                           Duration validity) throws GeneralSecurityException, IOException {
        KeyPair keys = Certificates.rsaKeyPair(2048);
        X509Certificate certificate = issue(profile, keys.getPublic(), subject, validity);
        Path keyStore = configuration.dataDirectory().resolve("tokens").resolve(token + ".p12");
        if (Files.exists(keyStore)) {
            throw new GeneralSecurityException("a key store " + keyStore + " exists already");
        }
        KeyStores.write(secrets, keyStore, alias, keys.getPrivate(), List.of(certificate, certificate()));
        return new SigningToken(token, TokenDefinition.Kind.PKCS12, keyStore.toString(), SecretStore.keyStorePassword(keyStore));
    }

    /**
     * The token that {@link #issueSoftwareToken} made earlier in this data directory, when its key store is still there
     * with its password and a certificate this CA issued: a new, empty database started over an old data directory
     * takes it again rather than failing on the file (which {@link #issueSoftwareToken} never overwrites).
     */
    public Optional<SigningToken> keptSoftwareToken(String token, String alias) throws GeneralSecurityException, IOException {
        Path keyStore = configuration.dataDirectory().resolve("tokens").resolve(token + ".p12");
        return KeyStores.readIfKept(secrets, keyStore, alias, certificate()).map(entry ->
                new SigningToken(token, TokenDefinition.Kind.PKCS12, keyStore.toString(), SecretStore.keyStorePassword(keyStore)));
    }

    /** The organisation in the CA's name, for the names of what it certifies. */
    public String organisation() throws GeneralSecurityException, IOException {
        String name = certificate().getSubjectX500Principal().getName();
        Matcher o = Pattern.compile("(?:^|,)O=([^,]+)").matcher(name);
        return o.find() ? o.group(1) : "Signet";
    }

    /** The current CRL, issued anew when it is missing or past half its validity; empty when Signet has no CA. */
    public synchronized Optional<X509CRL> currentCrl() {
        if (!exists()) {
            return Optional.empty();
        }
        Path file = keyStore(configuration.dataDirectory()).resolveSibling("ca.crl");
        Instant now = Instant.now();
        try {
            if (crl == null && Files.exists(file)) {
                crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(Files.readAllBytes(file)));
            }
            if (crl == null || now.isAfter(halfLife(crl))) {
                crl = issueCrl(now);
                PrivateFiles.write(file, crl.getEncoded());
            }
            return Optional.of(crl);
        } catch (IOException e) {
            throw new UncheckedIOException("Signet's CA cannot write its CRL " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signet's CA cannot issue its CRL: " + e.getMessage(), e);
        }
    }

    private KeyStore.PrivateKeyEntry issuer() throws GeneralSecurityException, IOException {
        return KeyStores.read(secrets, keyStore(configuration.dataDirectory()), ALIAS);
    }

    private static Instant halfLife(X509CRL crl) {
        Instant issued = crl.getThisUpdate().toInstant();
        return issued.plus(Duration.between(issued, crl.getNextUpdate().toInstant()).dividedBy(2));
    }

    private X509CRL issueCrl(Instant now) throws IOException, GeneralSecurityException {
        KeyStore.PrivateKeyEntry ca = issuer();
        X509Certificate certificate = (X509Certificate) ca.getCertificate();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now))
                    .setNextUpdate(Date.from(now.plus(CRL_VALIDITY)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            for (RevokedCertificate revoked : em.createQuery("SELECT r FROM RevokedCertificate r", RevokedCertificate.class).getResultList()) {
                builder.addCRLEntry(new BigInteger(revoked.serial(), 16), Date.from(revoked.revokedAt()), revoked.reason());
            }
            return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivateKey())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Stores a new CA's key and certificate (the demo bootstrap's CA). */
    public static void store(SecretStore secrets, Path dataDirectory, PrivateKey key, X509Certificate certificate)
            throws GeneralSecurityException, IOException {
        KeyStores.write(secrets, keyStore(dataDirectory), ALIAS, key, List.of(certificate));
    }
}
