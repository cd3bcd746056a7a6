package org.signet.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** The TLS of the client's connections when it trusts given certificates (a server's own, or its CA's) instead of the JVM's. */
final class ClientTls {

    private ClientTls() { }

    /** @param trustFile PEM or DER certificates an https server is checked against */
    static SSLContext trusting(Path trustFile) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            Collection<? extends Certificate> given;
            try (InputStream in = Files.newInputStream(trustFile)) {
                given = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (given.isEmpty()) {
                throw new UsageException(trustFile + " holds no certificate");
            }
            int i = 0;
            for (Certificate certificate : given) {
                anchors.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UsageException("cannot read the trust file " + trustFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UsageException("the trust file " + trustFile + " is not usable: " + e.getMessage());
        }
    }
}
