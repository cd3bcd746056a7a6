package org.signet.pki;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.spi.x509.revocation.RevocationSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import jakarta.enterprise.inject.spi.CDI;

import java.security.cert.CRLException;
import java.security.cert.X509CRL;

/**
 * Revocation data for what Signet's CA certified: its current CRL, asked for afresh each time so that a
 * newly issued CRL is used at once (DSS embeds it from level LT on, and checks against it when verifying).
 */
public final class SignetCrlSource implements RevocationSource<CRL> {

    private static final long serialVersionUID = 1L;

    @Override
    public RevocationToken<CRL> getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        X509CRL crl = CDI.current().select(CertificateAuthority.class).get().currentCrl().orElse(null);
        if (crl == null) {
            return null;
        }
        try {
            return new ExternalResourcesCRLSource(new InMemoryDocument(crl.getEncoded())).getRevocationToken(certificate, issuer);
        } catch (CRLException e) {
            throw new IllegalStateException("Signet's CRL cannot be encoded: " + e.getMessage(), e);
        }
    }
}
