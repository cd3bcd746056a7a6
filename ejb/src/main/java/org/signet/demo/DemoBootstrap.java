package org.signet.demo;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.connector.KeyReference;
import org.signet.connector.TokenDefinition;
import org.signet.keys.SigningToken;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.PrivateFiles;
import org.signet.seal.Seal;
import org.signet.seal.SealAuthorisation;
import org.signet.security.PasswordHash;
import org.signet.security.SignetUser;
import org.signet.signing.SignatureFormat;
import org.signet.signing.SignatureLevel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
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
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @jakarta.ejb.EJB
    private AuditLog audit;

    public boolean isEmpty() {
        return em.createQuery("SELECT COUNT(s) FROM Seal s", Long.class).getSingleResult() == 0
                && em.createQuery("SELECT COUNT(u) FROM SignetUser u", Long.class).getSingleResult() == 0;
    }

    public void create(Path dataDirectory) throws GeneralSecurityException, IOException {
        Instant now = Instant.now().minus(Duration.ofMinutes(5)); // tolerate clocks a little behind ours
        KeyPair caKeys = DemoCertificates.rsaKeyPair(3072);
        X509Certificate ca = DemoCertificates.caCertificate(caKeys, now, Duration.ofDays(3653));
        KeyPair sealKeys = DemoCertificates.rsaKeyPair(2048);
        X509Certificate seal = DemoCertificates.sealCertificate(sealKeys, ca, caKeys.getPrivate(),
                DemoCertificates.SEAL_NAME, now, Duration.ofDays(1095));

        Path tokens = dataDirectory.resolve("tokens");
        Path keyStore = tokens.resolve("demo.p12");
        Path secretFile = tokens.resolve("demo.p12.secret");
        char[] storePassword = randomSecret(24);
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry(KEY_ALIAS, sealKeys.getPrivate(), storePassword, new Certificate[] {seal, ca});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p12.store(out, storePassword);
        PrivateFiles.write(keyStore, out.toByteArray());
        PrivateFiles.write(secretFile, new String(storePassword).getBytes(StandardCharsets.UTF_8));

        char[] caSecret = randomSecret(24);
        CertificateAuthority.store(dataDirectory, caKeys.getPrivate(), ca, caSecret);
        java.util.Arrays.fill(caSecret, '\0');
        byte[] caPem = pem(ca).getBytes(StandardCharsets.US_ASCII);
        java.nio.file.Files.createDirectories(dataDirectory.resolve("trust"));
        java.nio.file.Files.write(dataDirectory.resolve("trust").resolve("signet-demo-ca.pem"), caPem);

        char[] userPassword = randomSecret(20);
        em.persist(new SigningToken(TOKEN, TokenDefinition.Kind.PKCS12, keyStore.toString(), secretFile.toString()));
        em.persist(new Seal(SEAL, "Demo seal - NOT FOR PRODUCTION", new KeyReference(TOKEN, KEY_ALIAS),
                EnumSet.of(SignatureFormat.PADES, SignatureFormat.CADES), SignatureLevel.B));
        em.persist(new SignetUser(USER, PasswordHash.of(userPassword), Set.of("signer", "admin")));
        em.persist(new SealAuthorisation(SEAL, SealAuthorisation.PrincipalKind.USER, USER));

        String credentials = "# Signet demo user, created " + Instant.now() + ". NOT FOR PRODUCTION.\n"
                + "user=" + USER + "\npassword=" + new String(userPassword) + "\nseal=" + SEAL + "\n";
        PrivateFiles.write(dataDirectory.resolve(CREDENTIALS_FILE), credentials.getBytes(StandardCharsets.UTF_8));
        java.util.Arrays.fill(userPassword, '\0');
        java.util.Arrays.fill(storePassword, '\0');

        audit.record(new AuditEvent(Instant.now(), "signet", AuditEvent.Action.DEMO_CREATED, AuditEvent.Outcome.SUCCESS,
                SEAL, null, "demo CA, seal '" + SEAL + "' and user '" + USER + "' created"));
        LOG.warning("Signet created a DEMO CA, seal '" + SEAL + "' and user '" + USER + "' (not for production). "
                + "Credentials: " + dataDirectory.resolve(CREDENTIALS_FILE) + "; demo CA: "
                + dataDirectory.resolve("trust").resolve("signet-demo-ca.pem"));
    }

    private static char[] randomSecret(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length).toCharArray();
    }

    static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
