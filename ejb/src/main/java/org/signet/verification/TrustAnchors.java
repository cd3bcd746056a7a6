package org.signet.verification;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import jakarta.enterprise.context.ApplicationScoped;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import jakarta.inject.Inject;
import org.signet.pki.CertificateAuthority;
import org.signet.config.SignetConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The certificates Signet trusts when it verifies: every PEM/DER file in {@code <data-dir>/trust}. The demo
 * bootstrap puts the demo CA there. Read when first needed (a restart picks up new anchor files).
 */
@ApplicationScoped
public class TrustAnchors {

    private static final Logger LOG = Logger.getLogger(TrustAnchors.class.getName());

    @Inject
    private SignetConfiguration configuration;

    @Inject
    private CertificateAuthority authority;

    private record Current(CommonCertificateVerifier verifier, X509CRL crl) { }

    private volatile List<X509Certificate> anchors;
    private Current current;

    public Path directory() {
        return configuration.dataDirectory().resolve("trust");
    }

    /**
     * An offline verifier trusting the anchors, with the current CRL of Signet's own CA as its revocation data.
     * Signet fetches nothing from the network here; built again whenever the CA issues a new CRL.
     */
    public synchronized CommonCertificateVerifier verifier() {
        if (anchors == null) {
            anchors = load(directory());
        }
        X509CRL crl = authority.currentCrl().orElse(null);
        if (current == null || current.crl() != crl) {
            current = new Current(build(anchors, crl), crl);
        }
        return current.verifier();
    }

    private static CommonCertificateVerifier build(List<X509Certificate> anchors, X509CRL crl) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        anchors.forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        if (crl != null) {
            try {
                verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(crl.getEncoded())));
            } catch (java.security.cert.CRLException e) {
                throw new IllegalStateException(e);
            }
        }
        return verifier;
    }

    static List<X509Certificate> load(Path directory) {
        List<X509Certificate> anchors = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return anchors;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{pem,crt,cer,der}")) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    factory.generateCertificates(in).forEach(c -> anchors.add((X509Certificate) c));
                } catch (CertificateException e) {
                    LOG.warning("Ignoring trust anchor file " + file + ": not a certificate (" + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust anchors in " + directory, e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        LOG.info("Signet trusts " + anchors.size() + " certificate(s) from " + directory);
        return anchors;
    }
}
