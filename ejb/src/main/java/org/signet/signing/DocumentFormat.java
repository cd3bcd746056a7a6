package org.signet.signing;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import org.signet.model.SignatureFormat;

import java.util.Date;
import java.util.List;

/** One AdES format: checks its input and prepares it for the key. Stateless and thread-safe. */
public interface DocumentFormat {

    SignatureFormat format();

    /**
     * @param chain the seal's certificate first, then its issuers
     * @throws org.signet.model.SignetException INVALID_INPUT when the document cannot be signed in this format
     */
    PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime);

    /** What every format takes from the seal and the request: certificate and chain, digest, signing time. */
    static <P extends AbstractSignatureParameters<?>> P sealed(P parameters, SignRequest request, List<CertificateToken> chain,
                                                               Date signingTime) {
        parameters.setDigestAlgorithm(request.hash().dss());
        parameters.setSigningCertificate(chain.get(0));
        parameters.setCertificateChain(chain);
        parameters.bLevel().setSigningDate(signingTime);
        return parameters;
    }
}
