package org.signet.signing;

import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.signet.document.PdfDocuments;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/** PAdES: a signature embedded in the PDF by an incremental update, invisible or with a stamp; levels B to LTA. */
public final class PadesFormat implements DocumentFormat {

    /** Written to /Prop_Build /App /Name, so a reader can tell which software made the signature. */
    static final String APP_NAME = "Signet";

    private final PAdESService service;
    private final TSPSource timeStamps;

    public PadesFormat(CertificateVerifier verifier, TSPSource timeStamps) {
        this.timeStamps = timeStamps;
        this.service = new PAdESService(verifier);
        this.service.setTspSource(timeStamps);
        // Stamps drawn as real text with an embedded font, not as a picture of text: searchable, sharp, PDF/A-safe.
        this.service.setPdfObjFactory(new PdfBoxNativeObjectFactory());
    }

    @Override
    public SignatureFormat format() {
        return SignatureFormat.PADES;
    }

    @Override
    public PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        PdfDocuments.requireWholePdf(request.document());
        byte[] bytes = PdfDocuments.atLeastVersion16(request.document(), request.documentName());
        DSSDocument pdf = new InMemoryDocument(bytes, request.documentName(), MimeTypeEnum.PDF);

        PAdESSignatureParameters parameters = DocumentFormat.sealed(new PAdESSignatureParameters(), request, chain, signingTime);
        parameters.setSignatureLevel(request.level().dss(SignatureFormat.PADES));
        if (PadesBaselineB.applies(request, parameters.getSignatureAlgorithm())) {
            try {
                PendingSignature direct = PadesBaselineB.prepare(bytes, request,
                        chain.stream().map(CertificateToken::getCertificate).toList(), signingTime, parameters.getSignatureAlgorithm(),
                        timeStamps);
                if (direct != null) {
                    return direct;
                }
            } catch (SignetException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT,
                        "'" + request.documentName() + "' is not a PDF that can be signed: " + PdfDocuments.reason(e), e);
            }
        }
        // DSS signs what PDFBox makes of the file, which must be a tree first.
        PageTree.requireTree(bytes, request.documentName());
        PdfSignatureFields fields = request.pdfFields();
        parameters.setSignerName(fields.signerName());
        parameters.setReason(fields.reason());
        parameters.setLocation(fields.location());
        parameters.setContactInfo(fields.contactInfo());
        parameters.setAppName(APP_NAME);
        if (fields.subFilter() != null) {
            parameters.setSubFilter(fields.subFilter());
        }
        String field = PdfDocuments.targetField(bytes, fields.targetField(), request.documentName());
        if (fields.stamp() != null) {
            parameters.setImageParameters(StampLayout.parameters(fields.stamp(), bytes, field, request,
                    chain.get(0).getCertificate(), signingTime.toInstant()));
        } else if (field != null) {
            parameters.getImageParameters().getFieldParameters().setFieldId(field);
        }

        ToBeSigned toBeSigned;
        try {
            toBeSigned = service.getDataToSign(pdf, parameters);
        } catch (RuntimeException e) {
            // Nothing but the document is involved before the key signs: a failure here is the input's.
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "'" + request.documentName() + "' is not a PDF that can be signed: " + PdfDocuments.reason(e), e);
        }
        SignatureAlgorithm algorithm = parameters.getSignatureAlgorithm();
        DSSDocument prepared = parameters.getPdfSignatureCache().getToBeSignedDocument();
        if (prepared != null && (request.level() == SignatureLevel.B || request.level() == SignatureLevel.T)
                && CmsSignerTemplate.builds(algorithm)) {
            return new PendingSignature(toBeSigned.getBytes(), algorithm,
                    value -> readBack(bytes, patched(prepared, bytes, toBeSigned, request, chain, algorithm, value), request.documentName()),
                    MimeTypeEnum.PDF.getMimeTypeString(), PdfDocuments.signedName(request.documentName()), List.of(), true);
        }
        return new PendingSignature(toBeSigned.getBytes(), algorithm,
                value -> readBack(bytes, service.signDocument(pdf, parameters, new SignatureValue(algorithm, value)), request.documentName()),
                MimeTypeEnum.PDF.getMimeTypeString(), PdfDocuments.signedName(request.documentName()), List.of());
    }

    /**
     * The signed PDF at levels B and T with an RSA or ECDSA key: the CMS is built here around DSS's signed attributes and
     * patched into the document DSS prepared when it computed them (its signature cache), as the direct writer patches
     * its own; DSS would find the placeholder by reading the whole file a byte at a time, half the cost of a stamped
     * signature. What DSS's validator would check of it is checked here: the signed attributes' message digest is the
     * digest of the byte range as written, the value was checked against the certificate by the signing service, and
     * the CMS is in its place with every other byte unchanged.
     */
    private DSSDocument patched(DSSDocument prepared, byte[] input, ToBeSigned toBeSigned, SignRequest request,
                                List<CertificateToken> chain, SignatureAlgorithm algorithm, byte[] value) {
        byte[] document = DSSUtils.toByteArray(prepared);
        int[] range = PadesBaselineB.byteRange(document, input.length);
        ASN1Set signedAttributes = ASN1Set.getInstance(toBeSigned.getBytes());
        requireDigestOfRange(document, range, signedAttributes, algorithm, request.documentName());
        byte[] cms = CmsSignerTemplate.of(chain.stream().map(CertificateToken::getCertificate).toList(), algorithm)
                .contentInfo(signedAttributes, value,
                        request.level() == SignatureLevel.T ? PadesBaselineB.signatureTimeStamp(timeStamps, value) : null);
        byte[] signed = PadesBaselineB.complete(document, range, cms);
        return new InMemoryDocument(signed, PdfDocuments.signedName(request.documentName()), MimeTypeEnum.PDF);
    }

    static void requireDigestOfRange(byte[] document, int[] range, ASN1Set signedAttributes, SignatureAlgorithm algorithm,
                                             String name) {
        byte[] digest;
        try {
            MessageDigest md = CmsSignerTemplate.messageDigest(algorithm.getDigestAlgorithm());
            md.update(document, range[0], range[1]);
            md.update(document, range[2], range[3]);
            digest = md.digest();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            digest = null; // a byte range that does not fit the document
        }
        Attribute messageDigest = new AttributeTable(signedAttributes).get(CMSAttributes.messageDigest);
        byte[] signedDigest = messageDigest == null ? null
                : ASN1OctetString.getInstance(messageDigest.getAttrValues().getObjectAt(0)).getOctets();
        if (digest == null || !Arrays.equals(digest, signedDigest)) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the signature prepared for '" + name
                    + "' does not cover its byte range; nothing was returned");
        }
    }

    /**
     * The read-back check of DSS's output, as the direct writer checks its own: the document as given comes first,
     * unchanged (every revision DSS adds is an incremental update), the file ends whole, and its page tree is still a
     * tree. A damaged input that slipped through, or a mis-assembled output, is not returned as a sealed document.
     */
    static DSSDocument readBack(byte[] input, DSSDocument signed, String name) {
        byte[] output = DSSUtils.toByteArray(signed);
        try {
            if (output.length <= input.length || !Arrays.equals(output, 0, input.length, input, 0, input.length)) {
                throw new SignetException(SignetException.Kind.SIGNING_FAILED, "it does not begin with the document as given");
            }
            if (!endsWithEof(output)) {
                throw new SignetException(SignetException.Kind.SIGNING_FAILED, "it is truncated: its last update does not end in %%EOF");
            }
            PageTree.requireTree(output, name);
        } catch (SignetException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the signed PDF is not sound when read back ("
                    + e.getMessage() + "); nothing was returned", e);
        }
        return new InMemoryDocument(output, signed.getName(), signed.getMimeType());
    }

    /** Whether the last bytes but white space are %%EOF, as every update PDFBox writes ends. */
    private static boolean endsWithEof(byte[] pdf) {
        int end = pdf.length;
        while (end > 0 && (pdf[end - 1] == '\n' || pdf[end - 1] == '\r' || pdf[end - 1] == ' ')) {
            end--;
        }
        return end >= 5 && new String(pdf, end - 5, 5, StandardCharsets.US_ASCII).equals("%%EOF");
    }
}
