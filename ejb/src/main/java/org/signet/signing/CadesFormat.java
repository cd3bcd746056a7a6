package org.signet.signing;

import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DigestDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignaturePackaging;
import org.signet.model.SignetException;

import java.io.IOException;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;

/** CAdES: any file in, a CMS SignedData out, detached (.p7s, the default) or attached (.p7m); levels B to LTA. */
public final class CadesFormat implements DocumentFormat {

    public static final String MIME_TYPE = "application/pkcs7-signature";
    public static final String ATTACHED_MIME_TYPE = "application/pkcs7-mime";

    private final CAdESService service;

    public CadesFormat(CertificateVerifier verifier, TSPSource timeStamps) {
        this.service = new CAdESService(verifier);
        this.service.setTspSource(timeStamps);
    }

    private static DSSDocument whole(SignRequest request) {
        if (request.document() == null || request.document().length == 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the document is empty");
        }
        return new InMemoryDocument(request.document(), request.documentName());
    }

    /** The document as its digest alone (DSS signs a detached CAdES over it as over the document). */
    private static DSSDocument digestOnly(SignRequest request) {
        return new DigestDocument(request.hash().dss(), Base64.getEncoder().encodeToString(request.checkedDigest()),
                request.documentName());
    }

    /**
     * A detached CAdES-B-B made here with the signed attributes DSS writes ({@link CmsSignerTemplate#signedAttributes(byte[],
     * Date, String)}; the chain in the SignedData) from the per-key template the PDF writer uses: DSS built the CMS and then parsed it
     * again to check it, for every document. The value is checked against the certificate by the signing service.
     */
    private static PendingSignature baselineB(SignRequest request, DSSDocument content, List<CertificateToken> chain,
                                              Date signingTime, SignatureAlgorithm algorithm) {
        byte[] digest = request.documentDigest() != null ? request.checkedDigest()
                : CmsSignerTemplate.messageDigest(request.hash().dss()).digest(request.document());
        CmsSignerTemplate cms = CmsSignerTemplate.of(chain.stream().map(CertificateToken::getCertificate).toList(), algorithm);
        ASN1Set signedAttributes = cms.signedAttributes(digest, signingTime,
                content.getMimeType() == null ? null : content.getMimeType().getMimeTypeString());
        byte[] dataToSign;
        try {
            dataToSign = signedAttributes.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String name = request.documentName() + ".p7s";
        return new PendingSignature(dataToSign, algorithm,
                value -> new InMemoryDocument(cms.contentInfo(signedAttributes, value, null), name, MimeTypeEnum.PKCS7),
                MIME_TYPE, name, List.of(content), true);
    }

    @Override
    public SignatureFormat format() {
        return SignatureFormat.CADES;
    }

    @Override
    public PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        DSSDocument content = request.documentDigest() != null ? digestOnly(request) : whole(request);

        CAdESSignatureParameters parameters = DocumentFormat.sealed(new CAdESSignatureParameters(), request, chain, signingTime);
        parameters.setSignatureLevel(request.level().dss(SignatureFormat.CADES));
        SignaturePackaging packaging = request.packaging(SignaturePackaging.DETACHED,
                EnumSet.of(SignaturePackaging.DETACHED, SignaturePackaging.ENVELOPING));
        boolean attached = packaging == SignaturePackaging.ENVELOPING;
        parameters.setSignaturePackaging(packaging.dss());

        if (request.documentDigest() != null && attached) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a signature over a digest is detached: the document is not here");
        }
        if (request.documentDigest() != null) {
            // An archive time-stamp (LTA) covers the document's digest too, and this is the one there is.
            parameters.getArchiveTimestampParameters().setDigestAlgorithm(request.hash().dss());
        }
        SignatureAlgorithm algorithm = parameters.getSignatureAlgorithm();
        if (!attached && request.level() == SignatureLevel.B && CmsSignerTemplate.builds(algorithm)) {
            return baselineB(request, content, chain, signingTime, algorithm);
        }
        ToBeSigned toBeSigned = service.getDataToSign(content, parameters);
        return new PendingSignature(toBeSigned.getBytes(), algorithm,
                value -> service.signDocument(content, parameters, new SignatureValue(algorithm, value)),
                attached ? ATTACHED_MIME_TYPE : MIME_TYPE, request.documentName() + (attached ? ".p7m" : ".p7s"),
                attached ? List.of() : List.of(content));
    }
}
