package org.signet.signing;

import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.signet.SignetException;

import java.util.Date;
import java.util.List;

/** CAdES detached: any file in, a CMS SignedData without the content (.p7s) out; levels B to LTA. */
public final class CadesFormat implements DocumentFormat {

    public static final String MIME_TYPE = "application/pkcs7-signature";

    private final CAdESService service;

    public CadesFormat(CertificateVerifier verifier, TSPSource timeStamps) {
        this.service = new CAdESService(verifier);
        this.service.setTspSource(timeStamps);
    }

    @Override
    public SignatureFormat format() {
        return SignatureFormat.CADES;
    }

    @Override
    public PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        if (request.document() == null || request.document().length == 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the document is empty");
        }
        DSSDocument content = new InMemoryDocument(request.document(), request.documentName());

        CAdESSignatureParameters parameters = DocumentFormat.sealed(new CAdESSignatureParameters(), chain, signingTime);
        parameters.setSignatureLevel(request.level().dss(SignatureFormat.CADES));
        parameters.setSignaturePackaging(SignaturePackaging.DETACHED);

        ToBeSigned toBeSigned = service.getDataToSign(content, parameters);
        SignatureAlgorithm algorithm = parameters.getSignatureAlgorithm();
        return new PendingSignature(toBeSigned.getBytes(), algorithm,
                value -> service.signDocument(content, parameters, new SignatureValue(algorithm, value)),
                MIME_TYPE, request.documentName() + ".p7s");
    }
}
