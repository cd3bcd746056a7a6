package org.signet.signing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDPropBuild;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDPropBuildDataDict;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.signet.SignetException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * PAdES-B-B, invisible, into a PDF that has no signature yet: the mass-signature case (scans, invoices). The PDF is
 * parsed once by PDFBox and the incremental update written with an empty /Contents; the CMS (content type, message
 * digest, signing-certificate-v2; no signing time, which PAdES forbids) is built with Bouncy Castle and patched in.
 * DSS's own path parses the PDF twice to sign and once more to check, which made it the bottleneck of hot folders.
 * Anything else (stamps, fields, levels T and up, signed, encrypted or pre-1.6 PDFs, RSASSA-PSS keys) goes to DSS.
 */
final class PadesBaselineB {

    private static final byte[] BYTE_RANGE = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
    /** Room for the signed attributes, the signature value and the SignedData around the certificates. */
    private static final int CMS_OVERHEAD = 2048;

    private PadesBaselineB() { }

    /** Whether the request is one this writer makes exactly as the PAdES-B-B DSS would make. */
    static boolean applies(SignRequest request, SignatureAlgorithm algorithm) {
        PdfSignatureFields fields = request.pdfFields();
        return request.level() == SignatureLevel.B && fields.stamp() == null && fields.targetField() == null
                && (fields.subFilter() == null || PdfSignatureFields.ETSI_CADES_DETACHED.equals(fields.subFilter()))
                && (algorithm.getEncryptionAlgorithm() == EncryptionAlgorithm.RSA
                || algorithm.getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA);
    }

    /** The prepared signature, or null when the PDF turns out to need DSS (signed, encrypted, older than 1.6). */
    static PendingSignature prepare(byte[] pdf, SignRequest request, List<X509Certificate> chain, Date signingTime,
                                    SignatureAlgorithm algorithm) throws IOException {
        byte[] prepared;
        try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            if (document.isEncrypted() || document.getVersion() < 1.6f || !document.getSignatureDictionaries().isEmpty()
                    || document.getDocumentCatalog().getCOSObject().containsKey(COSName.PERMS)) {
                return null;
            }
            options.setPreferredSignatureSize(contentsSize(chain));
            document.addSignature(signatureDictionary(request.pdfFields(), signingTime), options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * contentsSize(chain) + 8192);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(new byte[0]); // the placeholder stays zeros until the key has signed
            prepared = out.toByteArray();
        }
        int[] range = byteRange(prepared, pdf.length);
        MessageDigest md = messageDigest(algorithm.getDigestAlgorithm());
        md.update(prepared, range[0], range[1]);
        md.update(prepared, range[2], range[3]);
        byte[] digest = md.digest();
        ASN1Set signedAttributes = signedAttributes(algorithm.getDigestAlgorithm(), digest, chain.get(0));
        byte[] dataToSign;
        try {
            dataToSign = signedAttributes.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new PendingSignature(dataToSign, algorithm,
                value -> new InMemoryDocument(complete(prepared, range, signedAttributes, algorithm, chain, value),
                        request.documentName(), MimeTypeEnum.PDF),
                MimeTypeEnum.PDF.getMimeTypeString(), PdfDocuments.signedName(request.documentName()), List.of(), true);
    }

    private static PDSignature signatureDictionary(PdfSignatureFields fields, Date signingTime) {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(COSName.getPDFName(PdfSignatureFields.ETSI_CADES_DETACHED));
        Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        when.setTime(signingTime);
        signature.setSignDate(when);
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

    /** Bytes reserved for the CMS: the chain, the signature value, attributes and structure, with a margin. */
    private static int contentsSize(List<X509Certificate> chain) {
        int size = CMS_OVERHEAD;
        for (X509Certificate certificate : chain) {
            size += encoded(certificate).length;
        }
        size += 2 * chain.get(0).getPublicKey().getEncoded().length; // the signature value grows with the key
        return size;
    }

    private static ASN1Set signedAttributes(DigestAlgorithm digestAlgorithm, byte[] digest, X509Certificate signer) {
        AlgorithmIdentifier digestId = new AlgorithmIdentifier(new ASN1ObjectIdentifier(digestAlgorithm.getOid()));
        byte[] certificateHash = digest(digestAlgorithm, encoded(signer));
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))), signer.getSerialNumber());
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
        attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))));
        attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(
                new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(digestId, certificateHash, issuerSerial)}))));
        return new DERSet(attributes); // DER: sorted, exactly the bytes the key signs
    }

    private static byte[] complete(byte[] prepared, int[] range, ASN1Set signedAttributes,
                                   SignatureAlgorithm algorithm, List<X509Certificate> chain, byte[] value) {
        X509Certificate signer = chain.get(0);
        AlgorithmIdentifier digestId = new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.getDigestAlgorithm().getOid()));
        AlgorithmIdentifier signatureId = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.getJCEId());
        SignerInfo signerInfo = new SignerInfo(new SignerIdentifier(new IssuerAndSerialNumber(
                X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()), signer.getSerialNumber())),
                digestId, signedAttributes, signatureId, new DEROctetString(value), null);
        ASN1EncodableVector certificates = new ASN1EncodableVector();
        for (X509Certificate certificate : chain) {
            certificates.add(Certificate.getInstance(encoded(certificate)));
        }
        SignedData signedData = new SignedData(new DERSet(digestId), new ContentInfo(CMSObjectIdentifiers.data, null),
                new DLSet(certificates), null, new DERSet(new ASN1Encodable[] {signerInfo}));
        byte[] cms;
        try {
            cms = new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] hex = org.bouncycastle.util.encoders.Hex.encode(cms);
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

    private static byte[] digest(DigestAlgorithm algorithm, byte[] content) {
        return messageDigest(algorithm).digest(content);
    }

    private static MessageDigest messageDigest(DigestAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.getJavaName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
