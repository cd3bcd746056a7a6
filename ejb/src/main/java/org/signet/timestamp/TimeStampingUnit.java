package org.signet.timestamp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.config.SignetConfiguration;
import org.signet.connector.KeyReference;
import org.signet.keys.SigningToken;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.Certificates;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
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
        Optional<SigningToken> kept = authority.keptSoftwareToken(KEY.token(), KEY.alias());
        if (kept.isPresent()) {
            em.persist(kept.get());
            LOG.info("Signet's time-stamping unit took its key again from the data directory (a new database)");
            return;
        }
        String organisation = authority.organisation();
        String subject = "CN=" + organisation + " Time-Stamping Unit" + (organisation.contains("Demo") ? " - NOT FOR PRODUCTION" : "")
                + ",O=" + organisation;
        em.persist(authority.issueSoftwareToken(KEY.token(), KEY.alias(), Certificates.Profile.TIME_STAMPING, subject,
                Duration.ofDays(1095)));
        LOG.info("Signet's time-stamping unit has a new key, certified as " + subject);
    }

    public String policy() {
        return configuration.timeStampPolicy();
    }
}
