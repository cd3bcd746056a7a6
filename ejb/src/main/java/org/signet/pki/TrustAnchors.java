package org.signet.pki;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.signet.config.SignetConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
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

    private volatile CommonCertificateVerifier verifier;

    public Path directory() {
        return configuration.dataDirectory().resolve("trust");
    }

    /**
     * The verifier for signing and for verifying: trusts the anchors and takes revocation data from Signet's
     * CA (see {@link SignetCrlSource}). Signet fetches nothing from the network here.
     */
    public CommonCertificateVerifier verifier() {
        CommonCertificateVerifier current = verifier;
        if (current == null) {
            synchronized (this) {
                if (verifier == null) {
                    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
                    load(directory()).forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
                    CommonCertificateVerifier built = new CommonCertificateVerifier();
                    built.setTrustedCertSources(trusted);
                    built.setCrlSource(new SignetCrlSource());
                    verifier = built;
                }
                current = verifier;
            }
        }
        return current;
    }

    /** The anchors as they are on disk now. */
    public List<X509Certificate> anchors() {
        return load(directory());
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
