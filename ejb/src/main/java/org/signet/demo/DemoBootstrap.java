package org.signet.demo;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.connector.KeyReference;
import org.signet.connector.TokenDefinition;
import org.signet.keys.SecretStore;
import org.signet.keys.SigningToken;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.Certificates;
import org.signet.pki.KeyStores;
import org.signet.pki.Pem;
import org.signet.pki.PrivateFiles;
import org.signet.seal.Seal;
import org.signet.seal.SealAuthorisation;
import org.signet.security.PasswordHash;
import org.signet.security.SignetUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * On the first start of an empty Signet: a demo CA, a demo seal (PKCS#12 in the data directory) and a demo
 * user allowed to use it. The credentials go to a file readable only by the server's user, never to the log.
 */
@Stateless
@PermitAll
public class DemoBootstrap {

    public static final String SEAL = "demo";
    public static final String USER = "demo";
    public static final String TOKEN = "demo";
    public static final String KEY_ALIAS = "demo-seal";
    public static final String CREDENTIALS_FILE = "demo-credentials.properties";

    private static final Logger LOG = Logger.getLogger(DemoBootstrap.class.getName());
    public static final String CA_NAME = "CN=Signet Demo CA - NOT FOR PRODUCTION,O=Signet Demo,C=EU";
    public static final String SEAL_NAME = "CN=Signet Demo Seal - NOT FOR PRODUCTION,O=Signet Demo,C=EU";

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;
    @Inject
    private SecretStore secrets;

    public boolean isEmpty() {
        return em.createQuery("SELECT COUNT(s) FROM Seal s", Long.class).getSingleResult() == 0
                && em.createQuery("SELECT COUNT(u) FROM SignetUser u", Long.class).getSingleResult() == 0;
    }

    public void create(Path dataDirectory, String crlUrl) throws GeneralSecurityException, IOException {
        DemoKeys keys = keys(secrets, dataDirectory, crlUrl);
        Path keyStore = keys.sealKeyStore();
        char[] userPassword = KeyStores.randomSecret(20);
        em.persist(new SigningToken(TOKEN, TokenDefinition.Kind.PKCS12, keyStore.toString(), SecretStore.keyStorePassword(keyStore)));
        em.persist(new Seal(SEAL, "Demo seal - NOT FOR PRODUCTION", new KeyReference(TOKEN, KEY_ALIAS),
                EnumSet.allOf(SignatureFormat.class), SignatureLevel.LTA));
        em.persist(new SignetUser(USER, SignetUser.Kind.PERSON, PasswordHash.of(userPassword), Set.of("signer", "admin")));
        em.persist(new SealAuthorisation(SEAL, SealAuthorisation.PrincipalKind.USER, USER));

        String credentials = "# Signet demo user, created " + Instant.now() + ". NOT FOR PRODUCTION.\n"
                + "user=" + USER + "\npassword=" + new String(userPassword) + "\nseal=" + SEAL + "\n";
        PrivateFiles.write(dataDirectory.resolve(CREDENTIALS_FILE), credentials.getBytes(StandardCharsets.UTF_8));
        Arrays.fill(userPassword, '\0');

        String made = keys.takenAgain() ? "the data directory's demo CA taken again (a new database), seal '" : "demo CA, seal '";
        audit.record(new AuditEvent(Instant.now(), "signet", AuditEvent.Action.DEMO_CREATED, AuditEvent.Outcome.SUCCESS,
                SEAL, null, made + SEAL + "' and user '" + USER + "' created"));
        LOG.warning("Signet created a DEMO " + (keys.takenAgain() ? "seal (its CA taken again from the data directory: a new "
                + "database)" : "CA, seal") + " '" + SEAL + "' and user '" + USER + "' (not for production). "
                + "Credentials: " + dataDirectory.resolve(CREDENTIALS_FILE) + "; demo CA: "
                + dataDirectory.resolve("trust").resolve("signet-demo-ca.pem"));
    }

    /**
     * Certifies the TLS key the launcher asks for (see {@link DemoServerCertificate}). A request that cannot be
     * certified leaves the server on the launcher's placeholder certificate; it does not keep Signet from starting.
     */
    public void certifyServer(Path dataDirectory, String crlUrl) {
        try {
            Optional<KeyStore.PrivateKeyEntry> ca = KeyStores.readIfKept(secrets, CertificateAuthority.keyStore(dataDirectory),
                    CertificateAuthority.ALIAS, null);
            if (ca.isEmpty()) {
                return;
            }
            X509Certificate issued = DemoServerCertificate.certifyRequested(dataDirectory, (X509Certificate) ca.get().getCertificate(),
                    ca.get().getPrivateKey(), crlUrl, Instant.now());
            if (issued != null) {
                LOG.info("Signet's demo CA certified the server's TLS key for " + issued.getSubjectAlternativeNames().stream()
                        .map(name -> String.valueOf(name.get(1))).toList() + " until " + issued.getNotAfter().toInstant()
                        + ": " + DemoServerCertificate.chain(dataDirectory));
            }
        } catch (GeneralSecurityException | IOException e) {
            LOG.warning("Signet's demo CA did not certify the server's TLS key: " + e.getMessage());
        }
    }

    /** The demo's CA certificate and the key store of its seal key; whether the CA was the data directory's already. */
    record DemoKeys(X509Certificate ca, Path sealKeyStore, boolean takenAgain) { }

    /**
     * The demo's keys: made on a first start, and taken again from the data directory when a new, empty database is
     * started over one that has them (a switch to PostgreSQL, a dropped database). They belong to the data directory
     * and its credential store, not to the database; making new ones would fail on the credential store's aliases.
     */
    static DemoKeys keys(SecretStore secrets, Path dataDirectory, String crlUrl) throws GeneralSecurityException, IOException {
        Path caStore = CertificateAuthority.keyStore(dataDirectory);
        Path sealStore = dataDirectory.resolve("tokens").resolve("demo.p12");
        Instant now = Instant.now().minus(Duration.ofMinutes(5)); // tolerate clocks a little behind ours
        X509Certificate ca;
        PrivateKey caKey;
        Optional<KeyStore.PrivateKeyEntry> keptCa = KeyStores.readIfKept(secrets, caStore, CertificateAuthority.ALIAS, null);
        if (keptCa.isPresent()) {
            ca = (X509Certificate) keptCa.get().getCertificate();
            caKey = keptCa.get().getPrivateKey();
        } else {
            forgetOrphanedPassword(secrets, caStore);
            KeyPair caKeys = Certificates.rsaKeyPair(3072);
            ca = Certificates.selfSignedCa(caKeys, CA_NAME, now, Duration.ofDays(3653));
            caKey = caKeys.getPrivate();
            CertificateAuthority.store(secrets, dataDirectory, caKey, ca);
        }
        if (KeyStores.readIfKept(secrets, sealStore, KEY_ALIAS, ca).isEmpty()) {
            forgetOrphanedPassword(secrets, sealStore); // or the password of a seal key of a CA that is gone
            KeyPair sealKeys = Certificates.rsaKeyPair(2048);
            X509Certificate seal = Certificates.issue(Certificates.Profile.SEAL, sealKeys.getPublic(), SEAL_NAME, ca, caKey, now,
                    Duration.ofDays(1095), crlUrl);
            KeyStores.write(secrets, sealStore, KEY_ALIAS, sealKeys.getPrivate(), List.of(seal, ca));
        }
        Files.createDirectories(dataDirectory.resolve("trust"));
        Files.write(dataDirectory.resolve("trust").resolve("signet-demo-ca.pem"), Pem.certificate(ca).getBytes(StandardCharsets.US_ASCII));
        return new DemoKeys(ca, sealStore, keptCa.isPresent());
    }

    /** The password of a key store file that is gone: worth nothing, and it would block the alias of a new one. */
    private static void forgetOrphanedPassword(SecretStore secrets, Path keyStore) {
        if (secrets.contains(SecretStore.keyStorePassword(keyStore))) {
            secrets.remove(SecretStore.keyStorePassword(keyStore));
        }
    }

}
