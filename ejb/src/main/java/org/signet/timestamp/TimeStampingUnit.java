package org.signet.timestamp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.config.SignetConfiguration;
import org.signet.connector.KeyReference;
import org.signet.connector.TokenDefinition;
import org.signet.keys.SigningToken;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.Certificates;
import org.signet.pki.KeyStores;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The key of Signet's built-in time-stamping authority: a token of its own ("tsa") behind the key adapter,
 * certified by Signet's CA for id-kp-timeStamping only. Created on the first start that finds a CA and no TSA.
 */
@ApplicationScoped
public class TimeStampingUnit {

    public static final KeyReference KEY = new KeyReference("tsa", "tsa");

    private static final Logger LOG = Logger.getLogger(TimeStampingUnit.class.getName());

    @Inject
    private SignetConfiguration configuration;
    @Inject
    private CertificateAuthority authority;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    /** Runs inside the start-up transaction, before the tokens are opened. */
    public void ensureKey() throws GeneralSecurityException, IOException {
        if (em.find(SigningToken.class, KEY.token()) != null || !authority.exists()) {
            return;
        }
        KeyPair keys = Certificates.rsaKeyPair(2048);
        X509Certificate ca = authority.certificate();
        String organisation = ca.getSubjectX500Principal().getName().replaceAll(".*O=([^,]+).*", "$1");
        String subject = "CN=" + organisation + " Time-Stamping Unit" + (organisation.contains("Demo") ? " - NOT FOR PRODUCTION" : "")
                + ",O=" + organisation;
        X509Certificate certificate = authority.issue(Certificates.Profile.TIME_STAMPING, keys.getPublic(), subject, Duration.ofDays(1095));
        Path keyStore = configuration.dataDirectory().resolve("tokens").resolve("tsa.p12");
        KeyStores.write(keyStore, KEY.alias(), keys.getPrivate(), List.of(certificate, ca));
        em.persist(new SigningToken(KEY.token(), TokenDefinition.Kind.PKCS12, keyStore.toString(),
                KeyStores.secretFile(keyStore).toString()));
        LOG.info("Signet's time-stamping unit has a new key, certified as " + certificate.getSubjectX500Principal().getName());
    }

    public String policy() {
        return configuration.timeStampPolicy();
    }
}
