package org.signet.signing;

import eu.europa.esig.dss.model.x509.CertificateToken;

import java.util.Date;
import java.util.List;

/** One AdES format: checks its input and prepares it for the key. Stateless and thread-safe. */
public interface DocumentFormat {

    SignatureFormat format();

    /**
     * @param chain the seal's certificate first, then its issuers
     * @throws org.signet.SignetException INVALID_INPUT when the document cannot be signed in this format
     */
    PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime);
}
