package org.signet.elytron;

import org.wildfly.extension.elytron.Configurable;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.EvidenceDecoder;
import org.wildfly.security.evidence.Evidence;
import org.wildfly.security.evidence.X509PeerCertificateChainEvidence;

import java.security.Principal;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Names the user a TLS client certificate is registered for (by its SHA-256 fingerprint, or by its subject together
 * with its issuer, for certificates that are renewed with new keys), instead of taking the
 * certificate's subject as a user name that anyone with a certificate from a trusted authority could have chosen. An
 * unregistered certificate gets a name no user can have ({@code x509:<fingerprint>}), so it logs in as nobody; the realm
 * checks the fingerprint again when it verifies the certificate. Other evidence keeps its own principal.
 * <p>
 * Configured in 10-signet.cli as a custom-evidence-decoder with {@code data-source} (a JNDI name).
 */
public final class CertificateEvidenceDecoder implements EvidenceDecoder, Configurable {

    private static final Logger LOG = Logger.getLogger(CertificateEvidenceDecoder.class.getName());

    private UserStore users;

    public CertificateEvidenceDecoder() { }

    CertificateEvidenceDecoder(UserStore users) {
        this.users = users;
    }

    @Override
    public void initialize(Map<String, String> configuration) {
        users = JdbcUserStore.configured(configuration, "CertificateEvidenceDecoder");
    }

    @Override
    public Principal getPrincipal(Evidence evidence) {
        if (!(evidence instanceof X509PeerCertificateChainEvidence chain) || chain.getPeerCertificateChain().length == 0) {
            return evidence.getDefaultPrincipal();
        }
        String fingerprint = SignetRealm.fingerprint(chain.getFirstCertificate());
        if (fingerprint == null) {
            return new NamePrincipal("x509:unreadable");
        }
        try {
            String holder = SignetRealm.certificateHolder(users, chain.getFirstCertificate());
            return new NamePrincipal(holder != null ? holder : "x509:" + fingerprint);
        } catch (UserStore.StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Client certificates cannot be looked up: {0}", e.getMessage());
            return new NamePrincipal("x509:" + fingerprint);
        }
    }
}
