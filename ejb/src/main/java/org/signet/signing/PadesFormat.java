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
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.signet.config.SignetConfiguration;
import org.signet.document.PdfDocuments;
import org.signet.document.SpooledDocument;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.imageio.ImageIO;

/** PAdES: a signature embedded in the PDF by an incremental update, invisible or with a stamp; levels B to LTA. */
public final class PadesFormat implements DocumentFormat {

    /** Written to /Prop_Build /App /Name, so a reader can tell which software made the signature. */
    static final String APP_NAME = "Signet";
    /** Larger than a stamp on any page (A0 is 2384 points wide); the preview's picture stays a few megapixels. */
    static final float MAX_PREVIEW_POINTS = 1200;
    /** The preview's longer side, enough to look sharp in the browser on a high-density screen. */
    private static final float PREVIEW_PIXELS = 960;

    private final PAdESService service;
    private final TSPSource timeStamps;

    public PadesFormat(CertificateVerifier verifier, TSPSource timeStamps) {
        this.timeStamps = timeStamps;
        this.service = new PAdESService(verifier);
        this.service.setTspSource(timeStamps);
        this.service.setPdfObjFactory(new SealStampDrawer.Objects());
    }

    @Override
    public SignatureFormat format() {
        return SignatureFormat.PADES;
    }

    @Override
    public PendingSignature prepare(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        if (request.spooledDocument() != null) {
            return prepareSpooled(request, chain, signingTime);
        }
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
        place(parameters, bytes, request, chain, signingTime);

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
     * A PDF too large to hold, signed where it waits: only as the direct writer signs (invisible, level B or T,
     * ETSI.CAdES.detached), since every other signature has PDFBox or DSS read the document whole.
     */
    private PendingSignature prepareSpooled(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        PAdESSignatureParameters parameters = DocumentFormat.sealed(new PAdESSignatureParameters(), request, chain, signingTime);
        if (!PadesBaselineB.applies(request, parameters.getSignatureAlgorithm())) {
            PdfSignatureFields fields = request.pdfFields();
            List<String> asked = new java.util.ArrayList<>();
            if (request.level() != SignatureLevel.B && request.level() != SignatureLevel.T) {
                asked.add("level " + request.level());
            }
            if (fields.stamp() != null) {
                asked.add("a visible stamp");
            }
            if (fields.targetField() != null) {
                asked.add("the field " + fields.targetField());
            }
            if (fields.subFilter() != null && !PdfSignatureFields.ETSI_CADES_DETACHED.equals(fields.subFilter())) {
                asked.add("sub-filter " + fields.subFilter());
            }
            if (asked.isEmpty()) {
                asked.add("a key signing with " + parameters.getSignatureAlgorithm());
            }
            throw new SignetException(SignetException.Kind.DOCUMENT_TOO_LARGE, "'" + request.documentName() + "' ("
                    + request.spooledDocument().length() + " bytes) is larger than " + SignetConfiguration.MAX_DOCUMENT_SIZE
                    + ": such a PDF is signed without being held, invisibly at level B or T with "
                    + PdfSignatureFields.ETSI_CADES_DETACHED + " and an RSA or ECDSA key; not with " + String.join(", ", asked));
        }
        try {
            SpooledDocument pdf = request.spooledDocument();
            if (!PdfDocuments.hasPdfHeader(pdf.read(0, (int) Math.min(pdf.length(), 1024)))) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + request.documentName()
                        + "' is not a PDF (no %PDF- header)");
            }
            return PadesBaselineB.prepare(pdf, request,
                    chain.stream().map(CertificateToken::getCertificate).toList(), signingTime, parameters.getSignatureAlgorithm(),
                    timeStamps);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "'" + request.documentName()
                    + "' could not be read back from where it waits: " + e.getMessage(), e);
        }
    }

    /**
     * The stamp as it will look on the signed document, as a PNG: the same drawing, text and certificate fields as
     * {@link #prepare} makes, without a key (only the certificate's public fields are read). It is drawn on a blank
     * page of the rectangle's size: what the reader sees of a stamp does not depend on the page under it (on a turned
     * page it is turned to read upright), and the document need not be read again for each rectangle tried.
     */
    public byte[] stampPreview(SignRequest request, List<CertificateToken> chain, Date signingTime) {
        VisibleStamp stamp = request.pdfFields().stamp();
        if (stamp == null || stamp.rectangle() == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a stamp preview needs the stamp's rectangle");
        }
        VisibleStamp.Rectangle r = stamp.rectangle();
        if (r.width() > MAX_PREVIEW_POINTS || r.height() > MAX_PREVIEW_POINTS) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a stamp preview is drawn for rectangles up to "
                    + MAX_PREVIEW_POINTS + " points a side, not " + r);
        }
        byte[] blank = blankPage(r.width(), r.height());
        PdfSignatureFields fields = request.pdfFields();
        SignRequest onBlank = new SignRequest(request.sealName(), SignatureFormat.PADES, request.level(), null, null, blank,
                request.documentName(), new PdfSignatureFields(fields.signerName(), fields.reason(), fields.location(),
                fields.contactInfo(), null, fields.subFilter(),
                new VisibleStamp(1, new VisibleStamp.Rectangle(0, 0, r.width(), r.height()), stamp.image(), stamp.text())));
        PAdESSignatureParameters parameters = DocumentFormat.sealed(new PAdESSignatureParameters(), onBlank, chain, signingTime);
        parameters.setSignatureLevel(SignatureLevel.B.dss(SignatureFormat.PADES));
        place(parameters, blank, onBlank, chain, signingTime);
        // the page signed as it would be (DSS prepares it for the digest), rendered sharper than DSS's own preview at 72 dpi
        service.getDataToSign(new InMemoryDocument(blank, "stamp.pdf", MimeTypeEnum.PDF), parameters);
        DSSDocument stamped = parameters.getPdfSignatureCache().getToBeSignedDocument();
        try (PDDocument document = Loader.loadPDF(DSSUtils.toByteArray(stamped)); ByteArrayOutputStream png = new ByteArrayOutputStream()) {
            float scale = Math.max(1, Math.min(4, PREVIEW_PIXELS / Math.max(r.width(), r.height())));
            ImageIO.write(new PDFRenderer(document).renderImage(0, scale, ImageType.RGB), "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] blankPage(float width, float height) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage(new PDRectangle(width, height)));
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signature dictionary's fields and where the signature goes: a new stamp, an existing field, or nowhere. */
    private static void place(PAdESSignatureParameters parameters, byte[] bytes, SignRequest request, List<CertificateToken> chain,
                              Date signingTime) {
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
