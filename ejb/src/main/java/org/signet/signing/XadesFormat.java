package org.signet.signing;

import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.model.SignatureFormat;
import org.signet.model.SignaturePackaging;
import org.signet.model.SignetException;

import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * XAdES: enveloped into an XML document (the default), enveloping any content, or detached (the signature
 * refers to the file by its name); levels B to LTA. XML is parsed by DSS's hardened parser: no DTDs, no
 * external entities.
 */
public final class XadesFormat implements DocumentFormat {

    private final XAdESService service;

    public XadesFormat(CertificateVerifier verifier, TSPSource timeStamps) {
        this.service = new XAdESService(verifier);
        this.service.setTspSource(timeStamps);
    }

    @Override
    public SignatureFormat format() {
        return SignatureFormat.XADES;
    }

    @Override
    public PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        Documents.requireNotEmpty(request.document(), "the document");
        SignaturePackaging packaging = request.packaging(SignaturePackaging.ENVELOPED, EnumSet.allOf(SignaturePackaging.class));
        DSSDocument content = new InMemoryDocument(request.document(), request.documentName());

        XAdESSignatureParameters parameters = DocumentFormat.sealed(new XAdESSignatureParameters(), request, chain, signingTime);
        parameters.setSignatureLevel(request.level().dss(SignatureFormat.XADES));
        parameters.setSignaturePackaging(packaging.dss());

        ToBeSigned toBeSigned;
        try {
            toBeSigned = service.getDataToSign(content, parameters);
        } catch (RuntimeException e) {
            // Only the document is involved before the key signs: a failure here is the input's.
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + request.documentName()
                    + "' cannot be signed as " + packaging.name().toLowerCase() + " XAdES: " + PdfDocuments.reason(e), e);
        }
        SignatureAlgorithm algorithm = parameters.getSignatureAlgorithm();
        String name = switch (packaging) {
            case ENVELOPED -> stem(request.documentName()) + "-signed.xml";
            case ENVELOPING -> request.documentName() + ".xades.xml";
            case DETACHED -> request.documentName() + ".xades-signature.xml";
        };
        return new PendingSignature(toBeSigned.getBytes(), algorithm,
                value -> service.signDocument(content, parameters, new SignatureValue(algorithm, value)),
                MimeTypeEnum.XML.getMimeTypeString(), name,
                packaging == SignaturePackaging.DETACHED ? List.of(content) : List.of());
    }

    private static String stem(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
    }
}
