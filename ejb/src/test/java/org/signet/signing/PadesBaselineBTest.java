package org.signet.signing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.signature.AdvancedSignature;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.signet.document.Documents;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct PAdES-B-B writer, checked by DSS's validator (nobody here wrote it): intact, B-B, our certificate. */
class PadesBaselineBTest {

    @Test
    void rsaAndEcdsaSignaturesAreIntactBaselineBForDss() throws Exception {
        for (String keyType : List.of("RSA", "EC")) {
            KeyPair keys = KeyPairGenerator.getInstance(keyType).generateKeyPair();
            X509Certificate certificate = selfSigned(keys, keyType.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
            SignatureAlgorithm algorithm = SignatureAlgorithm.getAlgorithm(
                    keyType.equals("RSA") ? EncryptionAlgorithm.RSA : EncryptionAlgorithm.ECDSA, DigestAlgorithm.SHA256);
            assertIntactBaselineB(sign(pdf(3), keys, certificate, algorithm), certificate, keyType);
        }
    }

    /**
     * Level T by the same writer: the signature value time-stamped by a TSA (Bouncy Castle's generator with a key of its
     * own), the token in the unsigned attributes; DSS finds the signature intact, its time-stamp's imprint matching
     * the value, and names the level PAdES-BASELINE-T.
     */
    @Test
    void levelTCarriesATimeStampOverTheSignatureValue() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = selfSigned(keys, "SHA256withRSA");
        KeyPair tsaKeys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X500Name tsaName = new X500Name("CN=Test TSA,O=Signet");
        Date now = new Date();
        X509Certificate tsaCertificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(tsaName,
                BigInteger.TWO, new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000L), tsaName, tsaKeys.getPublic())
                .addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(tsaKeys.getPrivate())));
        AtomicInteger asked = new AtomicInteger();
        TSPSource tsa = (digestAlgorithm, digest) -> {
            asked.incrementAndGet();
            try {
                var generator = new TimeStampTokenGenerator(
                        new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", tsaKeys.getPrivate(), tsaCertificate),
                        new JcaDigestCalculatorProviderBuilder().build()
                                .get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                        new ASN1ObjectIdentifier("1.2.3.4"));
                generator.addCertificates(new JcaCertStore(List.of(tsaCertificate)));
                var request = new TimeStampRequestGenerator();
                request.setCertReq(true);
                var token = generator.generate(request.generate(TSPAlgorithms.SHA256, digest), BigInteger.ONE, new Date());
                return new TimestampBinary(token.getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        byte[] pdf = pdf(2);
        SignRequest levelT = new SignRequest("demo", SignatureFormat.PADES, SignatureLevel.T, null, null, pdf, "scan.pdf", PdfSignatureFields.NONE);
        PendingSignature pending = PadesBaselineB.prepare(pdf, levelT, List.of(certificate), new Date(), SignatureAlgorithm.RSA_SHA256, tsa);
        assertNotNull(pending);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(pending.dataToSign());
        byte[] signed = pending.complete().apply(signer.sign()).openStream().readAllBytes();
        assertEquals(1, asked.get());

        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(tsaCertificate));
        verifier.setTrustedCertSources(trusted);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(signed));
        validator.setCertificateVerifier(verifier);
        AdvancedSignature signature = validator.getSignatures().get(0);
        assertTrue(signature.getSignatureCryptographicVerification().isSignatureValid());
        assertEquals(1, signature.getSignatureTimestamps().size());
        assertTrue(signature.getSignatureTimestamps().get(0).isMessageImprintDataIntact(), "the token does not cover the signature value");
        assertEquals("PAdES-BASELINE-T", validator.validateDocument().getSimpleReport().getSignatureFormat(signature.getId()).toString());
    }

    /** DSS's reading of a signed PDF: one signature, intact, PAdES-BASELINE-B, made with the certificate. */
    static void assertIntactBaselineB(byte[] signed, X509Certificate certificate, String what) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(signed));
        validator.setCertificateVerifier(new CommonCertificateVerifier());
        List<AdvancedSignature> signatures = validator.getSignatures();
        assertEquals(1, signatures.size(), what);
        AdvancedSignature signature = signatures.get(0);
        signature.checkSignatureIntegrity();
        assertTrue(signature.getSignatureCryptographicVerification().isSignatureValid(),
                what + ": " + signature.getSignatureCryptographicVerification().getErrorMessage());
        assertEquals(certificate, signature.getSigningCertificateToken().getCertificate(), what);
        assertEquals("PAdES-BASELINE-B", validator.validateDocument().getSimpleReport()
                .getSignatureFormat(signature.getId()).toString(), what);
    }

    @Test
    void theSignatureIsWrittenAsBouncyCastleWritesHex() {
        byte[] every = new byte[512];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) (i * 7);
        }
        assertEquals(new String(Hex.encode(every), StandardCharsets.US_ASCII),
                new String(PadesBaselineB.hex(every), StandardCharsets.US_ASCII));
        assertEquals(0, PadesBaselineB.hex(new byte[0]).length);
    }

    @Test
    void theDigestsTakenOnTheWayAreThoseOfTheInputAndTheOutput() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = selfSigned(keys, "SHA256withRSA");
        byte[] pdf = pdf(2);
        DSSDocument signed = signed(pdf, keys, certificate, SignatureAlgorithm.RSA_SHA256);
        DigestedDocument digested = assertInstanceOf(DigestedDocument.class, signed);
        byte[] output = signed.openStream().readAllBytes();
        assertEquals(Documents.sha256Hex(pdf), digested.inputSha256Hex());
        assertEquals(Documents.sha256Hex(output), digested.sha256Hex());
        assertNotEquals(digested.inputSha256Hex(), digested.sha256Hex());

        // Another digest algorithm: the byte range is digested on its own, and DSS still finds the signature intact.
        DSSDocument sha512 = signed(pdf, keys, certificate, SignatureAlgorithm.RSA_SHA512);
        assertFalse(sha512 instanceof DigestedDocument);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(sha512);
        validator.setCertificateVerifier(new CommonCertificateVerifier());
        AdvancedSignature signature = validator.getSignatures().get(0);
        signature.checkSignatureIntegrity();
        assertTrue(signature.getSignatureCryptographicVerification().isSignatureValid());
    }

    @Test
    void theIncrementalUpdateIsByteForByteWhatPdfBoxWrites() throws Exception {
        for (byte[] pdf : List.of(pdf(3), pdf(1))) {
            Date when = new Date(1_700_000_000_000L);
            byte[] ours;
            try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(4000);
                document.addSignature(signature(when), options);
                ours = PadesBaselineB.incrementalUpdate(document, pdf, pdf.length);
            }
            ByteArrayOutputStream theirs = new ByteArrayOutputStream();
            try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(4000);
                document.addSignature(signature(when), options);
                document.saveIncrementalForExternalSigning(theirs).setSignature(new byte[0]);
            }
            // The second half of the trailer's /ID is new for every save (PDFBox derives it from the time): masked.
            assertEquals(withoutId(theirs.toByteArray()), withoutId(ours));
            assertTrue(new String(ours, StandardCharsets.ISO_8859_1).contains("/Contents <" + "0".repeat(8000) + ">"));
        }
    }

    @Test
    void theSigningTimeIsWrittenAsPdfBoxWritesIt() {
        for (long millis : new long[] {0L, 1_700_000_000_000L, 1_764_685_800_999L, 4_102_444_799_000L}) {
            PDSignature signature = signature(new Date(millis));
            assertEquals(signature.getCOSObject().getString(COSName.M), PadesBaselineB.pdfDate(new Date(millis)));
        }
    }

    private static String withoutId(byte[] pdf) {
        return new String(pdf, StandardCharsets.ISO_8859_1).replaceAll("/ID \\[<([0-9A-F]+)> <[0-9A-F]+>\\]", "/ID [<$1> <...>]");
    }

    private static PDSignature signature(Date when) {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        calendar.setTime(when);
        signature.setSignDate(calendar);
        signature.setName("Test Seal");
        return signature;
    }

    @Test
    void aSignedPdfIsLeftToDss() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = selfSigned(keys, "SHA256withRSA");
        SignatureAlgorithm algorithm = SignatureAlgorithm.RSA_SHA256;
        byte[] once = sign(pdf(1), keys, certificate, algorithm);
        assertNull(PadesBaselineB.prepare(once, request(once), List.of(certificate), new Date(), algorithm, null));
    }

    @Test
    void aSignatureValueThatDoesNotFitIsRefused() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = selfSigned(keys, "SHA256withRSA");
        byte[] pdf = pdf(1);
        PendingSignature pending = PadesBaselineB.prepare(pdf, request(pdf), List.of(certificate), new Date(), SignatureAlgorithm.RSA_SHA256, null);
        SignetException refusal = assertThrows(SignetException.class, () -> pending.complete().apply(new byte[100_000]));
        assertEquals(SignetException.Kind.SIGNING_FAILED, refusal.kind());
    }

    /**
     * A PDF 1.4 of 3 MB read where it waits: only a few kilobytes are read in pieces (its structure), the rest once as a
     * stream; the signed file (the original, then the revision) is intact PAdES-B-B for DSS and declares version 1.7;
     * the digests taken on the way are those of the input and the output. A form is refused, naming why.
     */
    @Test
    void aPdfTooLargeToHoldIsSignedWhereItWaits() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = selfSigned(keys, "SHA256withRSA");
        byte[] scan = new byte[3 << 20];
        new java.util.Random(7).nextBytes(scan);
        byte[] pdf = org.signet.document.TestPdfs.withStream(org.signet.document.TestPdfs.pdf("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
                "<< /Length " + scan.length + " >>", scan);
        pdf = new String(pdf, StandardCharsets.ISO_8859_1).replaceFirst("%PDF-1.7", "%PDF-1.4").getBytes(StandardCharsets.ISO_8859_1);
        Spooled spooled = new Spooled(pdf);
        SignRequest request = new SignRequest("demo", SignatureFormat.PADES, SignatureLevel.B, null, null, null, "scan.pdf",
                PdfSignatureFields.NONE, null, null, null, spooled);
        PendingSignature pending = PadesBaselineB.prepare(spooled, request, List.of(certificate), new Date(), SignatureAlgorithm.RSA_SHA256, null);
        assertTrue(spooled.readInPieces < 64 * 1024, spooled.readInPieces + " bytes read in pieces");
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(pending.dataToSign());
        AppendedDocument appended = assertInstanceOf(AppendedDocument.class, pending.complete().apply(signer.sign()));
        assertEquals(spooled, appended.original());
        byte[] revision = appended.openStream().readAllBytes();
        byte[] whole = java.util.Arrays.copyOf(pdf, pdf.length + revision.length);
        System.arraycopy(revision, 0, whole, pdf.length, revision.length);
        assertIntactBaselineB(whole, certificate, "spooled");
        assertTrue(new String(revision, StandardCharsets.ISO_8859_1).contains("/Version /1.7"));
        try (PDDocument read = Loader.loadPDF(whole)) {
            assertEquals(1.7f, read.getVersion());
        }
        assertEquals(Documents.sha256Hex(pdf), appended.inputSha256Hex());
        assertEquals(Documents.sha256Hex(whole), appended.sha256Hex());
        assertEquals(1, spooled.opened, "the document was read once for its digest");

        // A spool that took the SHA-256 as the document arrived: it is not read again, and the signature is the same kind.
        Spooled digested = new Spooled(pdf);
        digested.offersSha256 = true;
        PendingSignature again = PadesBaselineB.prepare(digested, request, List.of(certificate), new Date(), SignatureAlgorithm.RSA_SHA256, null);
        signer.initSign(keys.getPrivate());
        signer.update(again.dataToSign());
        AppendedDocument second = assertInstanceOf(AppendedDocument.class, again.complete().apply(signer.sign()));
        byte[] secondRevision = second.openStream().readAllBytes();
        byte[] secondWhole = java.util.Arrays.copyOf(pdf, pdf.length + secondRevision.length);
        System.arraycopy(secondRevision, 0, secondWhole, pdf.length, secondRevision.length);
        assertIntactBaselineB(secondWhole, certificate, "spooled, digested on arrival");
        assertEquals(0, digested.opened, "the document was read again");
        assertEquals(Documents.sha256Hex(pdf), second.inputSha256Hex());
        assertEquals(Documents.sha256Hex(secondWhole), second.sha256Hex());

        byte[] form = org.signet.document.TestPdfs.pdf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        SignetException refusal = assertThrows(SignetException.class, () -> PadesBaselineB.prepare(new Spooled(form), request,
                List.of(certificate), new Date(), SignatureAlgorithm.RSA_SHA256, null));
        assertEquals(SignetException.Kind.INVALID_INPUT, refusal.kind());
        assertTrue(refusal.getMessage().contains("a form or permissions"), refusal.getMessage());
    }

    /** A spooled document over an array, counting what is read of it in pieces. */
    private static final class Spooled implements org.signet.document.SpooledDocument {
        private final byte[] content;
        long readInPieces;
        int opened;
        boolean offersSha256;

        Spooled(byte[] content) {
            this.content = content;
        }

        @Override
        public long length() {
            return content.length;
        }

        @Override
        public byte[] read(long offset, int count) {
            readInPieces += count;
            return java.util.Arrays.copyOfRange(content, (int) offset, (int) offset + count);
        }

        @Override
        public java.io.InputStream open() {
            opened++;
            return new java.io.ByteArrayInputStream(content);
        }

        @Override
        public java.security.MessageDigest sha256() {
            if (!offersSha256) {
                return null;
            }
            java.security.MessageDigest sha256 = CmsSignerTemplate.messageDigest(DigestAlgorithm.SHA256);
            sha256.update(content);
            return sha256;
        }
    }

    static byte[] sign(byte[] pdf, KeyPair keys, X509Certificate certificate, SignatureAlgorithm algorithm) throws Exception {
        return signed(pdf, keys, certificate, algorithm).openStream().readAllBytes();
    }

    private static DSSDocument signed(byte[] pdf, KeyPair keys, X509Certificate certificate, SignatureAlgorithm algorithm) throws Exception {
        PendingSignature pending = PadesBaselineB.prepare(pdf, request(pdf), List.of(certificate), new Date(), algorithm, null);
        assertNotNull(pending);
        assertTrue(pending.checkedWhenCompleted());
        Signature signer = Signature.getInstance(algorithm.getJCEId());
        signer.initSign(keys.getPrivate());
        signer.update(pending.dataToSign());
        return pending.complete().apply(signer.sign());
    }

    static SignRequest request(byte[] pdf) {
        return new SignRequest("demo", SignatureFormat.PADES, SignatureLevel.B, null, null, pdf, "scan.pdf", PdfSignatureFields.NONE);
    }

    private static byte[] pdf(int pages) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            document.setVersion(1.7f);
            document.save(out);
            return out.toByteArray();
        }
    }

    static X509Certificate selfSigned(KeyPair keys, String algorithm) throws Exception {
        X500Name name = new X500Name("CN=Test Seal,O=Signet");
        Date now = new Date();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.getTime()),
                new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000L), name, keys.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    }
}
