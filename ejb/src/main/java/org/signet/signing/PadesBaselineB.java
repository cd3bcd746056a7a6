package org.signet.signing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDPropBuild;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDPropBuildDataDict;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.util.Hex;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.signet.document.PdfDocuments;
import org.signet.document.SpooledDocument;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PAdES-B-B and B-T, invisible, into a PDF that has no signature yet: the mass-signature case (scans, invoices). The revision
 * holding the signature is appended without parsing the document when its structure allows
 * ({@link InvisibleSignatureRevision}), and by PDFBox otherwise, with an empty /Contents either way; the CMS (content
 * type, message digest, signing-certificate-v2; no signing time, which PAdES forbids) is built with Bouncy Castle from
 * a per-key template ({@link CmsSignerTemplate}) and patched in.
 * DSS's own path parses the PDF twice to sign and once more to check, which made it the bottleneck of hot folders.
 * Anything else (stamps, fields, levels LT and LTA, signed, encrypted or pre-1.6 PDFs, RSASSA-PSS keys) goes to DSS.
 */
final class PadesBaselineB {

    private static final byte[] BYTE_RANGE = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
    /** Room for the signed attributes, the signature value and the SignedData around the certificates. */
    private static final int CMS_OVERHEAD = 2048;

    private PadesBaselineB() { }

    /** Whether the request is one this writer makes exactly as DSS would make its PAdES-B-B or B-T. */
    static boolean applies(SignRequest request, SignatureAlgorithm algorithm) {
        PdfSignatureFields fields = request.pdfFields();
        return (request.level() == SignatureLevel.B || request.level() == SignatureLevel.T) && fields.stamp() == null && fields.targetField() == null
                && (fields.subFilter() == null || PdfSignatureFields.ETSI_CADES_DETACHED.equals(fields.subFilter()))
                && CmsSignerTemplate.builds(algorithm);
    }

    /**
     * The prepared signature, or null when the PDF turns out to need DSS (signed, encrypted, older than 1.6). At level
     * T the signature value is time-stamped by {@code timeStamps} (RFC 3161, SHA-256 over the value, as DSS does) and
     * the token goes into the signer info's unsigned attributes.
     */
    static PendingSignature prepare(byte[] pdf, SignRequest request, List<X509Certificate> chain, Date signingTime,
                                    SignatureAlgorithm algorithm, TSPSource timeStamps) throws IOException {
        boolean timeStamped = request.level() == SignatureLevel.T;
        int room = contentsSize(chain) + (timeStamped ? 2 * LARGEST_TOKEN.get() : 0);
        InvisibleSignatureRevision.Prepared revision = revision(pdf, request, room, signingTime);
        if (revision == null) {
            return null;
        }
        byte[] prepared = revision.pdf();
        int[] range = revision.byteRange();
        MessageDigest md = CmsSignerTemplate.messageDigest(algorithm.getDigestAlgorithm());
        // With SHA-256 one pass gives three digests: the input's (a prefix of the byte range), the byte range's, and
        // (from the state before /Contents) the output's once the CMS is in.
        boolean sharesPass = algorithm.getDigestAlgorithm() == DigestAlgorithm.SHA256 && range[0] == 0 && range[1] >= pdf.length;
        byte[] inputSha256 = null;
        MessageDigest beforeContents = null;
        if (sharesPass) {
            md.update(prepared, 0, pdf.length);
            inputSha256 = copy(md).digest();
            md.update(prepared, pdf.length, range[1] - pdf.length);
            beforeContents = copy(md);
        } else {
            md.update(prepared, range[0], range[1]);
        }
        md.update(prepared, range[2], range[3]);
        byte[] digest = md.digest();
        CmsSignerTemplate cms = CmsSignerTemplate.of(chain, algorithm);
        ASN1Set signedAttributes = cms.signedAttributes(digest);
        byte[] dataToSign;
        try {
            dataToSign = signedAttributes.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] input = inputSha256;
        MessageDigest before = beforeContents;
        return new PendingSignature(dataToSign, algorithm, value -> {
                    byte[] signed = complete(prepared, range, cms.contentInfo(signedAttributes, value,
                            timeStamped ? signatureTimeStamp(timeStamps, value) : null));
                    if (before == null) {
                        return new InMemoryDocument(signed, request.documentName(), MimeTypeEnum.PDF);
                    }
                    MessageDigest output = copy(before);
                    output.update(signed, range[1], signed.length - range[1]);
                    return new DigestedDocument(signed, request.documentName(), MimeTypeEnum.PDF, input, output.digest());
                },
                MimeTypeEnum.PDF.getMimeTypeString(), PdfDocuments.signedName(request.documentName()), List.of(), true);
    }

    /**
     * The same signature for a PDF too large to hold, read where it waits: only the revision holding the signature is
     * written, and the SHA-256 the spool took as the document arrived (or else one pass over it) gives the byte range's
     * digest, the input's SHA-256 and (from the state before /Contents) the output's. A file whose structure needs more than {@link PdfObjects} reads (a form, an
     * earlier signature, encryption, damage) is refused: PDFBox and DSS would hold it whole.
     */
    static PendingSignature prepare(SpooledDocument pdf, SignRequest request, List<X509Certificate> chain, Date signingTime,
                                    SignatureAlgorithm algorithm, TSPSource timeStamps) throws IOException {
        boolean timeStamped = request.level() == SignatureLevel.T;
        int room = contentsSize(chain) + (timeStamped ? 2 * LARGEST_TOKEN.get() : 0);
        InvisibleSignatureRevision.Appended appended;
        try {
            appended = InvisibleSignatureRevision.appendTo(pdf, request.pdfFields(), pdfDate(signingTime), room);
        } catch (PdfObjects.Unsupported e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + request.documentName() + "' ("
                    + pdf.length() + " bytes) is larger than the PDFs this server reads whole, and is signed where it waits only"
                    + " when it has no form, no signature, no encryption and no damage; this one cannot be (" + e.getMessage() + ")");
        }
        byte[] revision = appended.revision();
        long[] range = appended.byteRange();
        int contentsAt = (int) (range[1] - appended.originalLength());
        int afterContents = (int) (range[2] - appended.originalLength());
        MessageDigest md;
        MessageDigest sha256;
        MessageDigest taken = pdf.sha256(); // taken as the document arrived: no second pass over it
        if (taken != null && algorithm.getDigestAlgorithm() == DigestAlgorithm.SHA256) {
            md = taken;
            sha256 = null;
        } else {
            md = CmsSignerTemplate.messageDigest(algorithm.getDigestAlgorithm());
            sha256 = algorithm.getDigestAlgorithm() == DigestAlgorithm.SHA256 ? null
                    : CmsSignerTemplate.messageDigest(DigestAlgorithm.SHA256);
            byte[] buffer = new byte[1 << 16];
            long read = 0;
            try (InputStream in = pdf.open()) {
                for (int n; (n = in.read(buffer)) >= 0; read += n) {
                    md.update(buffer, 0, n);
                    if (sha256 != null) {
                        sha256.update(buffer, 0, n);
                    }
                }
            }
            if (read != appended.originalLength()) {
                throw new IOException("the spooled document gave " + read + " of its " + appended.originalLength() + " bytes");
            }
        }
        MessageDigest whole = sha256 != null ? sha256 : copy(md);
        byte[] inputSha256 = copy(whole).digest();
        whole.update(revision, 0, contentsAt);
        md.update(revision, 0, contentsAt);
        md.update(revision, afterContents, revision.length - afterContents);
        CmsSignerTemplate cms = CmsSignerTemplate.of(chain, algorithm);
        ASN1Set signedAttributes = cms.signedAttributes(md.digest());
        byte[] dataToSign = signedAttributes.getEncoded(ASN1Encoding.DER);
        return new PendingSignature(dataToSign, algorithm, value -> {
                    int[] local = {0, contentsAt, afterContents, revision.length - afterContents};
                    byte[] signed = complete(revision, local, cms.contentInfo(signedAttributes, value,
                            timeStamped ? signatureTimeStamp(timeStamps, value) : null));
                    MessageDigest output = copy(whole);
                    output.update(signed, contentsAt, signed.length - contentsAt);
                    return new AppendedDocument(pdf, signed, request.documentName(), inputSha256, output.digest());
                },
                MimeTypeEnum.PDF.getMimeTypeString(), PdfDocuments.signedName(request.documentName()), List.of(), true);
    }

    /**
     * The PDF with a revision holding the new signature (zeros in /Contents), or null when it is one for DSS. Written
     * without parsing the document when its structure allows ({@link InvisibleSignatureRevision}); PDFBox reads the
     * rest (a form, an earlier signature, damage, encryption, an old version) and decides.
     */
    private static InvisibleSignatureRevision.Prepared revision(byte[] pdf, SignRequest request, int room,
                                                                Date signingTime) throws IOException {
        try {
            return InvisibleSignatureRevision.append(pdf, request.pdfFields(), pdfDate(signingTime), room);
        } catch (PdfObjects.Unsupported e) {
            try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
                if (document.isEncrypted() || document.getVersion() < 1.6f || !document.getSignatureDictionaries().isEmpty()
                        || document.getDocumentCatalog().getCOSObject().containsKey(COSName.PERMS)) {
                    return null;
                }
                PdfDocuments.requireSoundPageTree(document, request.documentName());
                options.setPreferredSignatureSize(room);
                document.addSignature(signatureDictionary(request.pdfFields(), signingTime), options);
                byte[] prepared = incrementalUpdate(document, pdf, pdf.length + 2 * room + 8192);
                return new InvisibleSignatureRevision.Prepared(prepared, byteRange(prepared, pdf.length));
            }
        }
    }

    /**
     * The original and the update holding the new signature with zeros in /Contents: what PDFBox's
     * saveIncrementalForExternalSigning writes for a new invisible signature, byte for byte, at a fraction of its cost.
     */
    static byte[] incrementalUpdate(PDDocument document, byte[] pdf, int capacity) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(capacity); // written in large pieces: its lock costs nothing
        try (RandomAccessReadBuffer original = new RandomAccessReadBuffer(pdf)) {
            COSWriter writer = new BulkHexWriter(out, original);
            writer.write(document);
            writer.writeExternalSignature(new byte[0]); // the placeholder stays zeros until the key has signed
        }
        return out.toByteArray();
    }

    /**
     * PDFBox's writer, but writing hex strings (the /Contents placeholder: two digits per byte of room) in one piece:
     * COSWriter writes them a digit at a time into its own ByteArrayOutputStream, which takes a lock per call; in the
     * server that was a fifth of a hot-folder document's CPU. The bytes written are the same: '<', upper-case hex, '>'.
     */
    private static final class BulkHexWriter extends COSWriter {

        BulkHexWriter(OutputStream out, RandomAccessReadBuffer original) throws IOException {
            super(out, original);
        }

        @Override
        public void visitFromString(COSString string) throws IOException {
            if (!string.getForceHexForm()) {
                super.visitFromString(string);
                return;
            }
            byte[] hex = Hex.getBytes(string.getBytes());
            byte[] written = new byte[hex.length + 2];
            written[0] = '<';
            System.arraycopy(hex, 0, written, 1, hex.length);
            written[written.length - 1] = '>';
            getStandardOutput().write(written);
        }
    }

    private static PDSignature signatureDictionary(PdfSignatureFields fields, Date signingTime) {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(COSName.getPDFName(PdfSignatureFields.ETSI_CADES_DETACHED));
        signature.getCOSObject().setString(COSName.M, pdfDate(signingTime));
        signature.setName(fields.signerName());
        signature.setReason(fields.reason());
        signature.setLocation(fields.location());
        signature.setContactInfo(fields.contactInfo());
        PDPropBuildDataDict app = new PDPropBuildDataDict();
        app.setName(PadesFormat.APP_NAME);
        PDPropBuild build = new PDPropBuild();
        build.setPDPropBuildApp(app);
        signature.setPropBuild(build);
        return signature;
    }

    private static final DateTimeFormatter PDF_DATE = DateTimeFormatter.ofPattern("'D:'yyyyMMddHHmmss'+00''00'''")
            .withZone(ZoneOffset.UTC);

    /**
     * The signing time as a PDF date in UTC, as PDFBox's setSignDate writes it ("D:20261202143000+00'00'"), without
     * the String.format calls that made PDFBox's version a few percent of a hot-folder document.
     */
    static String pdfDate(Date time) {
        return PDF_DATE.format(time.toInstant());
    }

    /** Bytes reserved for the CMS: the chain, the signature value, attributes and structure, with a margin. */
    private static int contentsSize(List<X509Certificate> chain) {
        int size = CMS_OVERHEAD;
        for (X509Certificate certificate : chain) {
            size += encoded(certificate).length;
        }
        size += 2 * chain.get(0).getPublicKey().getEncoded().length; // the signature value grows with the key
        return size;
    }

    /**
     * Room for a signature time-stamp token: the reservation is twice the largest token seen, since the token is made
     * only after the room is fixed; a TSA's tokens keep their size (its certificates, one signature).
     */
    private static final AtomicInteger LARGEST_TOKEN = new AtomicInteger(4096);

    /** The unsigned attributes of level T: id-aa-signatureTimeStampToken over the signature value. */
    static ASN1Set signatureTimeStamp(TSPSource timeStamps, byte[] signatureValue) {
        byte[] digest = CmsSignerTemplate.messageDigest(DigestAlgorithm.SHA256).digest(signatureValue);
        byte[] token = timeStamps.getTimeStampResponse(DigestAlgorithm.SHA256, digest).getBytes();
        LARGEST_TOKEN.accumulateAndGet(token.length, Math::max);
        return new DERSet(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ContentInfo.getInstance(token))));
    }

    /**
     * The prepared bytes with the CMS in /Contents, checked. For a revision appended to a file that stays where it
     * is, {@code prepared} is the revision and {@code range} the byte range in its own terms.
     */
    static byte[] complete(byte[] prepared, int[] range, byte[] cms) {
        byte[] hex = hex(cms);
        int start = range[1] + 1;
        int room = range[2] - 1 - start;
        if (hex.length > room) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the signature (" + cms.length
                    + " bytes) does not fit the room reserved for it (" + room / 2 + " bytes); nothing was returned");
        }
        byte[] signed = Arrays.copyOf(prepared, prepared.length);
        System.arraycopy(hex, 0, signed, start, hex.length);
        requireIntact(signed, prepared, range, hex);
        return signed;
    }

    /** Lower-case hex digits, as Bouncy Castle's encoder writes them, by the JDK's (that encoder was 2 % of a document). */
    static byte[] hex(byte[] data) {
        return HexFormat.of().formatHex(data).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The read-back check of this writer's output: the byte range covers everything but /Contents, the bytes it
     * covers are exactly those whose digest was signed, and /Contents holds the CMS. (The signature value was
     * verified before; this catches a mis-assembled file, which is what DSS's validation would catch, at a fraction
     * of its cost: a comparison, not another digest.)
     */
    private static void requireIntact(byte[] signed, byte[] prepared, int[] range, byte[] hex) {
        boolean covers = range[0] == 0 && range[2] + range[3] == signed.length && signed.length == prepared.length
                && signed[range[1]] == '<' && signed[range[2] - 1] == '>';
        boolean unchanged = covers && Arrays.equals(signed, 0, range[1], prepared, 0, range[1])
                && Arrays.equals(signed, range[2], signed.length, prepared, range[2], prepared.length);
        boolean holds = covers && Arrays.equals(signed, range[1] + 1, range[1] + 1 + hex.length, hex, 0, hex.length);
        if (!unchanged || !holds) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED,
                    "the signed PDF is not intact when read back (byte range or /Contents); nothing was returned");
        }
    }

    /** The /ByteRange PDFBox wrote into the incremental update (after the original bytes, so it is ours). */
    static int[] byteRange(byte[] pdf, int from) {
        int at = indexOf(pdf, BYTE_RANGE, from);
        if (at < 0) {
            throw new IllegalStateException("no /ByteRange in the prepared signature");
        }
        int[] range = new int[4];
        int i = at + BYTE_RANGE.length;
        while (pdf[i] != '[') {
            i++;
        }
        i++;
        for (int n = 0; n < 4; n++) {
            while (pdf[i] == ' ') {
                i++;
            }
            int value = 0;
            while (pdf[i] >= '0' && pdf[i] <= '9') {
                value = value * 10 + (pdf[i++] - '0');
            }
            range[n] = value;
        }
        return range;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static MessageDigest copy(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned; this one cannot: " + md, e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
