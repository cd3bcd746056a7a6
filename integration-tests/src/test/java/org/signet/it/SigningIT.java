package org.signet.it;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.signet.document.OutsideSigner;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.signet.client.soap.FileSignRequest;
import org.signet.client.soap.PdfSignRequest;
import org.signet.client.soap.SealDescription;
import org.signet.client.soap.SignResponse;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.client.soap.VerificationRequest;
import org.signet.client.soap.VerificationResult;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing and verifying through SOAP and REST, each result checked by outside verifiers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SigningIT {

    private static final String TEXT = "Invoice 2026-0042 total EUR 1234.56";

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void soapPadesSignatureIsValidForPdfsigAndDss() throws Exception {
        byte[] pdf = TestDocuments.pdf(3, TEXT);
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal(SignetServer.DEMO_SEAL);
        request.setDocument(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        request.setDocumentName("invoice.pdf");
        request.setReason("Invoice sealed by Signet");
        request.setLocation("Berlin");
        request.setContactInfo("billing@example.org");
        SignResponse response = SignetServer.demoSoap().signPdf(request);
        byte[] signed = response.getDocument().getInputStream().readAllBytes();

        assertEquals("invoice-signed.pdf", response.getFileName());
        assertEquals("PADES", response.getFormat());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "signed.pdf", signed));
        assertEquals(0, pdfsig.exitCode(), pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        assertTrue(pdfsig.output().contains("Total document signed"), pdfsig.output());
        assertTrue(pdfsig.output().contains("Signet Demo Seal"), pdfsig.output());

        SimpleReport dss = OutsideVerifiers.dss(signed, null);
        String id = dss.getFirstSignatureId();
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(id), () -> dss.getAdESValidationErrors(id).toString());
        assertEquals("PAdES-BASELINE-B", dss.getSignatureFormat(id).toString());

        try (PDDocument document = Loader.loadPDF(signed)) {
            PDSignature signature = document.getLastSignatureDictionary();
            assertEquals("Invoice sealed by Signet", signature.getReason());
            assertEquals("Berlin", signature.getLocation());
            assertEquals("billing@example.org", signature.getContactInfo());
            assertEquals("ETSI.CAdES.detached", signature.getSubFilter());
            assertEquals(3, document.getNumberOfPages());
        }
    }

    /**
     * Only a digest travels: the command line hashes a 20 MB file itself, REST takes sha256sum's line; openssl and DSS
     * accept the detached CAdES (level T over SOAP's digest) with the file, and refuse it with another.
     */
    @Test
    void aDigestIsSignedWhileTheDocumentStaysWithTheCaller() throws Exception {
        byte[] content = new byte[20 << 20];
        new Random(7).nextBytes(content);
        Path file = OutsideVerifiers.write(dir, "backup.bin", content);
        CommandLineIT.Result cli = CommandLineIT.run(dir, java.util.Map.of("SIGNET_URL", SignetServer.HTTP.toString(),
                "SIGNET_USER", SignetServer.DEMO_USER, "SIGNET_PASSWORD", SignetServer.demoPassword()),
                "sign", "--seal", SignetServer.DEMO_SEAL, "--in", file.toString(), "--digest-only", "--level", "T");
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());
        Path signature = dir.resolve("backup.bin.p7s");
        OutsideVerifiers.Run openssl = OutsideVerifiers.opensslCmsVerify(file, signature, SignetServer.demoCa());
        assertEquals(0, openssl.exitCode(), openssl.output());
        SimpleReport dss = OutsideVerifiers.dss(Files.readAllBytes(signature), content);
        String id = dss.getFirstSignatureId();
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(id), () -> dss.getAdESValidationErrors(id).toString());
        assertEquals("CAdES-BASELINE-T", dss.getSignatureFormat(id).toString());

        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<byte[]> rest = SignetServer.demoPost("/signet/api/sign/digest?seal=" + SignetServer.DEMO_SEAL + "&name=backup.bin",
                "text/plain", (sha256 + "  backup.bin\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, rest.statusCode(), SignetServer.text(rest));
        Path restSignature = OutsideVerifiers.write(dir, "rest.p7s", rest.body());
        assertEquals(0, OutsideVerifiers.opensslCmsVerify(file, restSignature, SignetServer.demoCa()).exitCode());
        byte[] other = content.clone();
        other[12345] ^= 1;
        assertNotEquals(0, OutsideVerifiers.opensslCmsVerify(OutsideVerifiers.write(dir, "other.bin", other), restSignature,
                SignetServer.demoCa()).exitCode(), "openssl accepted the signature for another file");
        assertTrue(SignetServer.audited("\"documentSha256\":\"" + sha256 + "\"", "\"action\":\"SIGN\""), "the digest is audited");

        HttpResponse<byte[]> shortDigest = SignetServer.demoPost("/signet/api/sign/digest?seal=" + SignetServer.DEMO_SEAL + "&hash=SHA-512",
                "text/plain", sha256.getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, shortDigest.statusCode());
        assertTrue(SignetServer.text(shortDigest).contains("digest has 64 bytes, not 32"), SignetServer.text(shortDigest));
        assertEquals(400, SignetServer.demoPost("/signet/api/sign/digest?seal=" + SignetServer.DEMO_SEAL + "&packaging=attached",
                "text/plain", sha256.getBytes(StandardCharsets.US_ASCII)).statusCode(), "an attached signature needs the document");
        assertEquals(400, SignetServer.demoPost("/signet/api/sign/digest?seal=" + SignetServer.DEMO_SEAL, "text/plain",
                "not a digest".getBytes(StandardCharsets.US_ASCII)).statusCode());
    }

    /**
     * A mail sealed with S/MIME, over REST (an 8-bit text, sent on as base64) and the command line (a multipart mail
     * with an attachment): openssl smime verifies both, and refuses one whose signed part was changed.
     */
    @Test
    void aMailIsSealedWithSmimeThatOpensslVerifies() throws Exception {
        String mail = "From: invoicing@example.org\r\nTo: customer@example.com\r\nSubject: Invoice 4711\r\n"
                + "Message-ID: <4711@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Gr\u00fc\u00dfe, the amount due is 42 \u20ac.\r\n";
        HttpResponse<byte[]> sealed = SignetServer.demoPost("/signet/api/sign/mail?seal=" + SignetServer.DEMO_SEAL, "message/rfc822",
                mail.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, sealed.statusCode(), SignetServer.text(sealed));
        assertTrue(sealed.headers().firstValue("Content-Type").orElse("").startsWith("message/rfc822"));
        Path signed = OutsideVerifiers.write(dir, "invoice-signed.eml", sealed.body());
        OutsideVerifiers.Run openssl = OutsideVerifiers.run(List.of("openssl", "smime", "-verify", "-in", signed.toString(),
                "-CAfile", SignetServer.demoCa().toString(), "-out", dir.resolve("content.txt").toString()));
        assertEquals(0, openssl.exitCode(), openssl.output());
        assertTrue(openssl.output().contains("Verification successful"), openssl.output());
        String text = SignetServer.text(sealed);
        assertTrue(text.startsWith("From: invoicing@example.org\r\n") && text.contains("Subject: Invoice 4711\r\n"), text);

        String changed = text.replaceFirst("Content-Transfer-Encoding: base64\r\n\r\nR", "Content-Transfer-Encoding: base64\r\n\r\nS");
        assertNotEquals(text, changed);
        OutsideVerifiers.Run tampered = OutsideVerifiers.run(List.of("openssl", "smime", "-verify", "-in",
                OutsideVerifiers.write(dir, "changed.eml", changed.getBytes(StandardCharsets.ISO_8859_1)).toString(),
                "-CAfile", SignetServer.demoCa().toString(), "-out", "/dev/null"));
        assertNotEquals(0, tampered.exitCode(), "openssl accepted a changed mail: " + tampered.output());

        // Signet's own verification reads the mail's signature as a detached CAdES over its entity.
        String verified = SignetServer.text(SignetServer.demoPost("/signet/api/verify?name=invoice-signed.eml", "message/rfc822",
                sealed.body()));
        assertTrue(verified.contains("\"allValid\":true") && verified.contains("CAdES-BASELINE-B"), verified);
        String refused = SignetServer.text(SignetServer.demoPost("/signet/api/verify?name=changed.eml", "message/rfc822",
                changed.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(refused.contains("\"allValid\":false"), refused);

        Path multipart = Files.writeString(dir.resolve("report.eml"), "From: reports@example.org\nTo: board@example.org\nSubject: Q4\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"part\"\n\n--part\nContent-Type: text/plain\n\nSee the file.\n"
                + "--part\nContent-Type: text/csv; name=\"q4.csv\"\nContent-Disposition: attachment; filename=\"q4.csv\"\n\nquarter,revenue\n"
                + "Q4,1000\n--part--\n");
        CommandLineIT.Result cli = CommandLineIT.run(dir, java.util.Map.of("SIGNET_URL", SignetServer.HTTP.toString(),
                "SIGNET_USER", SignetServer.DEMO_USER, "SIGNET_PASSWORD", SignetServer.demoPassword()),
                "sign", "--seal", SignetServer.DEMO_SEAL, "--in", multipart.toString(), "--format", "smime");
        assertEquals(0, cli.exitCode(), cli.stdout() + cli.stderr());
        OutsideVerifiers.Run report = OutsideVerifiers.run(List.of("openssl", "smime", "-verify", "-in", dir.resolve("report-signed.eml")
                .toString(), "-CAfile", SignetServer.demoCa().toString(), "-out", "/dev/null"));
        assertEquals(0, report.exitCode(), report.output());

        HttpResponse<byte[]> anonymous = SignetServer.demoPost("/signet/api/sign/mail?seal=" + SignetServer.DEMO_SEAL, "message/rfc822",
                "Subject: who sent this?\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, anonymous.statusCode());
        assertTrue(SignetServer.text(anonymous).contains("no From header"), SignetServer.text(anonymous));
    }

    @Test
    void soapCadesDetachedSignatureIsValidForOpensslAndDss() throws Exception {
        byte[] content = "Any file at all: a statement, an image, an archive.\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        FileSignRequest request = new FileSignRequest();
        request.setSeal(SignetServer.DEMO_SEAL);
        request.setDocument(new DataHandler(new ByteArrayDataSource(content, "application/octet-stream")));
        request.setDocumentName("statement.txt");
        SignResponse response = SignetServer.demoSoap().signFile(request);
        byte[] p7s = response.getDocument().getInputStream().readAllBytes();

        assertEquals("statement.txt.p7s", response.getFileName());
        Path file = OutsideVerifiers.write(dir, "statement.txt", content);
        Path signature = OutsideVerifiers.write(dir, "statement.txt.p7s", p7s);
        OutsideVerifiers.Run openssl = OutsideVerifiers.opensslCmsVerify(file, signature, SignetServer.demoCa());
        assertEquals(0, openssl.exitCode(), openssl.output());
        assertTrue(openssl.output().contains("Verification successful"), openssl.output());

        SimpleReport dss = OutsideVerifiers.dss(p7s, content);
        String id = dss.getFirstSignatureId();
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(id), () -> dss.getAdESValidationErrors(id).toString());
        assertEquals("CAdES-BASELINE-B", dss.getSignatureFormat(id).toString());

        byte[] otherContent = content.clone();
        otherContent[10] ^= 1;
        OutsideVerifiers.Run wrong = OutsideVerifiers.opensslCmsVerify(
                OutsideVerifiers.write(dir, "other.txt", otherContent), signature, SignetServer.demoCa());
        assertTrue(wrong.exitCode() != 0, "openssl accepted the signature for different content: " + wrong.output());
    }

    @Test
    void soapVerifyTellsValidFromChangedAfterSigning() throws Exception {
        Signing soap = SignetServer.demoSoap();
        byte[] signed = signPdfOverRest(TestDocuments.pdf(1, TEXT));

        VerificationResult valid = soap.verify(verification(signed, null));
        assertTrue(valid.isAllValid());
        assertEquals(1, valid.getSignature().size());
        assertTrue(valid.getSignature().get(0).isValid());
        assertTrue(valid.getSignature().get(0).getSignedBy().contains("Signet Demo Seal"));

        byte[] changed = TestDocuments.changedAfterSigning(signed, TEXT);
        VerificationResult invalid = soap.verify(verification(changed, null));
        assertFalse(invalid.isAllValid());
        assertFalse(invalid.getSignature().get(0).isValid());
        assertEquals("TOTAL_FAILED", invalid.getSignature().get(0).getIndication());
        assertEquals("HASH_FAILURE", invalid.getSignature().get(0).getSubIndication());

        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "changed.pdf", changed));
        assertFalse(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(changed, null);
        assertEquals(Indication.TOTAL_FAILED, dss.getIndication(dss.getFirstSignatureId()));

        VerificationResult unsigned = soap.verify(verification(TestDocuments.pdf(1, TEXT), null));
        assertFalse(unsigned.isAllValid(), "a PDF without signatures must not count as valid");
        assertTrue(unsigned.getSignature().isEmpty());
    }

    @Test
    void soapVerifiesDetachedSignatureAgainstItsFile() throws Exception {
        byte[] content = "detached".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/file?seal=demo&name=a.txt",
                "application/octet-stream", content);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));

        Signing soap = SignetServer.demoSoap();
        assertTrue(soap.verify(verification(content, signed.body())).isAllValid());
        assertFalse(soap.verify(verification("detachex".getBytes(StandardCharsets.UTF_8), signed.body())).isAllValid());
    }

    @Test
    void restSignsRawAndMultipartPdfsAndVerifies() throws Exception {
        byte[] pdf = TestDocuments.pdf(2, TEXT);
        byte[] raw = signPdfOverRest(pdf);

        SignetServer.Multipart form = new SignetServer.Multipart()
                .text("seal", "demo").text("reason", "Approved").file("document", "contract.pdf", pdf);
        HttpResponse<byte[]> multipart = SignetServer.demoPost("/signet/api/sign/pdf", form.contentType(), form.body());
        assertEquals(200, multipart.statusCode(), SignetServer.text(multipart));
        assertEquals("application/pdf", multipart.headers().firstValue("Content-Type").orElse(""));
        assertTrue(multipart.headers().firstValue("Content-Disposition").orElse("").contains("contract-signed.pdf"));
        try (PDDocument document = Loader.loadPDF(multipart.body())) {
            assertEquals("Approved", document.getLastSignatureDictionary().getReason());
        }

        for (byte[] signed : List.of(raw, multipart.body())) {
            OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "rest.pdf", signed));
            assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
            HttpResponse<byte[]> report = SignetServer.demoPost("/signet/api/verify", "application/pdf", signed);
            assertEquals(200, report.statusCode());
            assertTrue(SignetServer.text(report).contains("\"valid\":true"), SignetServer.text(report));
            assertTrue(SignetServer.text(report).contains("TOTAL_PASSED"), SignetServer.text(report));
        }
    }

    @Test
    void restSignsAnyFileDetachedAndVerifiesMultipart() {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/file?seal=demo&name=scan.tif",
                "image/tiff", content);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));

        // The audit trail names the signed document by its SHA-256, so a copy found later can be matched to it.
        assertTrue(SignetServer.audited("\"action\":\"SIGN\"", "\"outcome\":\"SUCCESS\"", "\"actor\":\"demo\"",
                "\"documentSha256\":\"" + TestDocuments.sha256Hex(content) + "\""), "the signature is not in the audit trail");
        assertEquals("application/pkcs7-signature", signed.headers().firstValue("Content-Type").orElse(""));

        OutsideVerifiers.Run openssl = OutsideVerifiers.opensslCmsVerify(OutsideVerifiers.write(dir, "scan.tif", content),
                OutsideVerifiers.write(dir, "scan.tif.p7s", signed.body()), SignetServer.demoCa());
        assertEquals(0, openssl.exitCode(), openssl.output());

        SignetServer.Multipart form = new SignetServer.Multipart()
                .file("document", "scan.tif", content).file("signature", "scan.tif.p7s", signed.body());
        HttpResponse<byte[]> report = SignetServer.demoPost("/signet/api/verify", form.contentType(), form.body());
        assertEquals(200, report.statusCode(), SignetServer.text(report));
        assertTrue(SignetServer.text(report).contains("CAdES-BASELINE-B"), SignetServer.text(report));
        assertTrue(SignetServer.text(report).contains("\"valid\":true"), SignetServer.text(report));
    }

    @ParameterizedTest(name = "{0} level {1}")
    @CsvSource({"pades,T", "pades,LT", "pades,LTA", "cades,T", "cades,LT", "cades,LTA"})
    void everyLevelIsReachedAsDssValidatesIt(String format, String level) {
        boolean pades = format.equals("pades");
        byte[] input = pades ? TestDocuments.pdf(2, TEXT) : "ledger line 1\nledger line 2\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/" + (pades ? "pdf" : "file") + "?seal=demo&level=" + level,
                pades ? "application/pdf" : "text/plain", input);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));

        SimpleReport dss = OutsideVerifiers.dss(signed.body(), pades ? null : input);
        String id = dss.getFirstSignatureId();
        assertEquals((pades ? "PAdES" : "CAdES") + "-BASELINE-" + level, dss.getSignatureFormat(id).toString());
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(id), () -> dss.getAdESValidationErrors(id).toString());
        assertFalse(dss.getSignatureTimestamps(id).isEmpty(), "level " + level + " needs a signature time-stamp");

        if (pades) {
            // poppler checks the signature itself; it cannot check an LTA's document time-stamp (DSS did above).
            OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "level.pdf", signed.body()));
            assertTrue(pdfsig.output().contains("Signature #1:"), pdfsig.output());
            assertTrue(pdfsig.output().split("Signature #2:")[0].contains("Signature is Valid."), pdfsig.output());
        } else {
            OutsideVerifiers.Run openssl = OutsideVerifiers.opensslCmsVerify(OutsideVerifiers.write(dir, "ledger.txt", input),
                    OutsideVerifiers.write(dir, "ledger.txt.p7s", signed.body()), SignetServer.demoCa());
            assertEquals(0, openssl.exitCode(), openssl.output());
        }
    }

    @ParameterizedTest(name = "XAdES {0} level {1}")
    @CsvSource({"enveloped,B", "enveloped,LTA", "enveloping,B", "enveloping,LTA", "detached,B", "detached,LTA"})
    void xadesInEveryPackagingPassesDssAndXmlsec1(String packaging, String level) {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<invoice number=\"2026-0042\">"
                + "<total currency=\"EUR\">1234.56</total></invoice>\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/xml?seal=demo&name=invoice.xml&level=" + level
                + "&packaging=" + packaging, "application/xml", xml);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));

        boolean detached = packaging.equals("detached");
        SimpleReport dss = OutsideVerifiers.dss(signed.body(), detached ? xml : null, "invoice.xml");
        String id = dss.getFirstSignatureId();
        assertEquals("XAdES-BASELINE-" + level, dss.getSignatureFormat(id).toString());
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(id), () -> dss.getAdESValidationErrors(id).toString());

        Path file = OutsideVerifiers.write(dir, "signed.xml", signed.body());
        Path original = OutsideVerifiers.write(dir, "invoice.xml", xml);
        OutsideVerifiers.Run xmlsec = detached ? OutsideVerifiers.xmlsec1Verify(file, "--url-map:invoice.xml", original.toString())
                : OutsideVerifiers.xmlsec1Verify(file);
        assertEquals(0, xmlsec.exitCode(), xmlsec.output());
        if (packaging.equals("enveloped")) {
            Path changed = OutsideVerifiers.write(dir, "changed.xml", SignetServer.text(signed).replace("1234.56", "9234.56")
                    .getBytes(StandardCharsets.UTF_8));
            assertTrue(OutsideVerifiers.xmlsec1Verify(changed).exitCode() != 0, "xmlsec1 accepted a changed document");
        }
    }

    @Test
    void cadesAttachedCarriesTheContent() {
        byte[] content = "statement of account\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/file?seal=demo&packaging=attached&level=T&name=s.txt",
                "text/plain", content);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        assertEquals("application/pkcs7-mime", signed.headers().firstValue("Content-Type").orElse(""));
        assertTrue(signed.headers().firstValue("Content-Disposition").orElse("").contains("s.txt.p7m"));
        Path p7m = OutsideVerifiers.write(dir, "s.txt.p7m", signed.body());
        Path extracted = dir.resolve("extracted.txt");
        OutsideVerifiers.Run openssl = OutsideVerifiers.run(List.of("openssl", "cms", "-verify", "-inform", "DER", "-in", p7m.toString(),
                "-CAfile", SignetServer.demoCa().toString(), "-out", extracted.toString()));
        assertEquals(0, openssl.exitCode(), openssl.output());
        SimpleReport dss = OutsideVerifiers.dss(signed.body(), null);
        assertEquals("CAdES-BASELINE-T", dss.getSignatureFormat(dss.getFirstSignatureId()).toString());
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()));
    }

    @ParameterizedTest(name = "qpdf {0}")
    @CsvSource(delimiter = '|', value = {
            "object streams, linearized|--object-streams=generate --linearize|T",
            "PDF 1.3|--force-version=1.3|T",
            "PDF 2.0|--force-version=2.0|T",
            "encrypted with an owner password only|--encrypt  owner-secret 256 --|T",
            // Level B, invisible: the revision written without parsing the document (hot folders' path) ...
            "object streams, linearized, B-B|--object-streams=generate --linearize|B",
            "PDF 2.0, B-B|--force-version=2.0|B",
            "uncompressed, B-B|--object-streams=disable --stream-data=uncompress|B",
            // ... and the files it leaves to PDFBox and DSS.
            "PDF 1.3, B-B|--force-version=1.3|B",
            "encrypted with an owner password only, B-B|--encrypt  owner-secret 256 --|B"})
    void pdfsRewrittenByQpdfAreSignedAndStayAsTheyWere(String variant, String options, String level) throws Exception {
        Path base = OutsideVerifiers.write(dir, "base.pdf", TestDocuments.pdf(2, TEXT));
        Path rewritten = dir.resolve("variant.pdf");
        // "--encrypt  owner-secret" splits into an empty user password: anyone may open it, only the owner may change it.
        List<String> command = new ArrayList<>(List.of("qpdf"));
        command.addAll(List.of(options.split(" ")));
        command.addAll(List.of(base.toString(), rewritten.toString()));
        OutsideVerifiers.Run qpdf = OutsideVerifiers.run(command);
        assertTrue(qpdf.exitCode() == 0 || qpdf.exitCode() == 3, "qpdf failed (3 means done with warnings): " + qpdf.output());

        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&level=" + level, "application/pdf",
                Files.readAllBytes(rewritten));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        Path output = OutsideVerifiers.write(dir, "signed-variant.pdf", signed.body());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(output);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
        // The signed ranges must reach the file's last byte. (poppler's own "total document" line is wrong for
        // encrypted files, so the ranges it prints are checked here.)
        Matcher ranges = Pattern.compile("Signed Ranges: \\[0 - (\\d+)\\], \\[(\\d+) - (\\d+)\\]")
                .matcher(pdfsig.output());
        assertTrue(ranges.find(), pdfsig.output());
        assertEquals(signed.body().length, Long.parseLong(ranges.group(3)), "the signature must cover the whole file");
        SimpleReport dss = OutsideVerifiers.dss(signed.body(), null);
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()),
                () -> dss.getAdESValidationErrors(dss.getFirstSignatureId()).toString());
        assertEquals("PAdES-BASELINE-" + level, dss.getSignatureFormat(dss.getFirstSignatureId()).toString());
        OutsideVerifiers.Run check = OutsideVerifiers.run(List.of("qpdf", "--check", output.toString()));
        // 3: warnings only, such as the /Size one more than PDFBox's revisions (DSS's path) declare.
        assertTrue(check.exitCode() == 0 || check.exitCode() == 3, check.output());
        if (options.startsWith("--encrypt")) {
            OutsideVerifiers.Run encryption = OutsideVerifiers.run(List.of("qpdf", "--show-encryption", output.toString()));
            assertTrue(encryption.output().contains("R = 6"), "signing must not strip the encryption: " + encryption.output());
        }
    }

    @Test
    void adbePkcs7DetachedIsMadeOnRequest() {
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&level=T&subFilter=adbe.pkcs7.detached",
                "application/pdf", TestDocuments.pdf(1, TEXT));
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "pkcs7.pdf", signed.body()));
        assertTrue(pdfsig.output().contains("Signature Type: adbe.pkcs7.detached") && pdfsig.output().contains("Signature is Valid."),
                pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(signed.body(), null);
        // Not a PAdES baseline signature by definition: DSS names it for what it is.
        assertEquals("PKCS7-T", dss.getSignatureFormat(dss.getFirstSignatureId()).toString());
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(dss.getFirstSignatureId()));

        HttpResponse<byte[]> unknown = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&subFilter=adbe.x509.rsa_sha1",
                "application/pdf", TestDocuments.pdf(1, TEXT));
        assertEquals(400, unknown.statusCode());
        assertTrue(SignetServer.text(unknown).contains("is not one of ETSI.CAdES.detached, adbe.pkcs7.detached"), SignetServer.text(unknown));
    }

    @Test
    void strongerHashesAreUsedWhenAskedFor() throws Exception {
        HttpResponse<byte[]> pdf = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&hash=SHA-512", "application/pdf",
                TestDocuments.pdf(1, TEXT));
        assertEquals(200, pdf.statusCode(), SignetServer.text(pdf));
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "sha512.pdf", pdf.body()));
        assertTrue(pdfsig.output().contains("Signing Hash Algorithm: SHA-512"), pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());

        HttpResponse<byte[]> xml = SignetServer.demoPost("/signet/api/sign/xml?seal=demo&hash=sha384", "application/xml",
                "<a>b</a>".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, xml.statusCode(), SignetServer.text(xml));
        assertTrue(SignetServer.text(xml).contains("http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"), SignetServer.text(xml));
        assertEquals(Indication.TOTAL_PASSED, OutsideVerifiers.dss(xml.body(), null).getIndication(
                OutsideVerifiers.dss(xml.body(), null).getFirstSignatureId()));

        HttpResponse<byte[]> sha1 = SignetServer.demoPost("/signet/api/sign/file?seal=demo&hash=SHA-1", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, sha1.statusCode());
        assertTrue(SignetServer.text(sha1).contains("not one of SHA-256, SHA-384, SHA-512"), SignetServer.text(sha1));
    }

    @Test
    void oldPdfsAreRaisedTo17AndSignedOnesKeepTheirSignatures() throws Exception {
        byte[] pdf14 = TestDocuments.pdf(1, TEXT, 1.4f);
        assertTrue(new String(pdf14, 0, 8, StandardCharsets.US_ASCII).startsWith("%PDF-1.4"), "the input must be PDF 1.4");
        byte[] signed = signPdfOverRest(pdf14);
        try (PDDocument document = Loader.loadPDF(signed)) {
            assertEquals(1.7f, document.getVersion(), "SHA-256 needs PDF 1.6, so the unsigned 1.4 input is raised");
        }
        // A PDF 1.5 another signer signed: an update declares 1.7 in its catalog, and both signatures are valid.
        byte[] signed15 = OutsideSigner.signedPdf15();
        HttpResponse<byte[]> countersigned = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo", "application/pdf", signed15);
        assertEquals(200, countersigned.statusCode(), SignetServer.text(countersigned));
        assertArrayEquals(signed15, Arrays.copyOf(countersigned.body(), signed15.length), "the signed bytes stay as they were");
        try (PDDocument document = Loader.loadPDF(countersigned.body())) {
            assertEquals(1.7f, document.getVersion());
        }
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "countersigned-1.5.pdf", countersigned.body()));
        String[] signatures = pdfsig.output().split("Signature #");
        assertEquals(3, signatures.length, pdfsig.output());
        assertTrue(signatures[1].contains("Signature is Valid.") && signatures[2].contains("Signature is Valid."), pdfsig.output());
        SimpleReport dss = OutsideVerifiers.dss(countersigned.body(), null);
        String ours = dss.getSignatureIdList().stream().filter(id -> !dss.getSignedBy(id).contains("Another signer")).findFirst()
                .orElseThrow();
        assertEquals(Indication.TOTAL_PASSED, dss.getIndication(ours), dss.getAdESValidationErrors(ours).toString());
    }

    @Test
    void signersFollowOneAnotherAndEarlierSignaturesStayValid() throws Exception {
        byte[] first = signPdfOverRest(TestDocuments.pdf(2, TEXT));
        HttpResponse<byte[]> second = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&reason=Countersigned&level=T",
                "application/pdf", first);
        assertEquals(200, second.statusCode(), SignetServer.text(second));

        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "two.pdf", second.body()));
        String[] signatures = pdfsig.output().split("Signature #");
        assertEquals(3, signatures.length, pdfsig.output());
        assertTrue(signatures[1].contains("Signature is Valid.") && signatures[2].contains("Signature is Valid."), pdfsig.output());
        assertTrue(signatures[2].contains("Total document signed"), pdfsig.output());
        assertNotEquals(field(signatures[1]), field(signatures[2]), "each signer gets a field of its own");

        SimpleReport dss = OutsideVerifiers.dss(second.body(), null);
        assertEquals(2, dss.getSignaturesCount());
        assertEquals(2, dss.getValidSignaturesCount(), () -> dss.getSignatureIdList().stream()
                .map(id -> dss.getAdESValidationErrors(id).toString()).toList().toString());
    }

    private static String field(String pdfsigBlock) {
        return pdfsigBlock.lines().filter(l -> l.contains("Signature Field Name")).findFirst().orElse("");
    }

    @Test
    void soapTakesTheLevelToo() throws Exception {
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal(SignetServer.DEMO_SEAL);
        request.setLevel("lta");
        request.setDocument(new DataHandler(new ByteArrayDataSource(TestDocuments.pdf(1, TEXT), "application/pdf")));
        SignResponse response = SignetServer.demoSoap().signPdf(request);
        assertEquals("LTA", response.getLevel());
        SimpleReport dss = OutsideVerifiers.dss(response.getDocument().getInputStream().readAllBytes(), null);
        assertEquals("PAdES-BASELINE-LTA", dss.getSignatureFormat(dss.getFirstSignatureId()).toString());

        request.setLevel("XL");
        SignetFault fault = Assertions.assertThrows(
                SignetFault.class, () -> SignetServer.demoSoap().signPdf(request));
        assertEquals("INVALID_INPUT", fault.getFaultInfo().getCode());
        assertTrue(fault.getMessage().contains("not one of B, T, LT, LTA"), fault.getMessage());
    }

    @Test
    void callersSeeOnlyTheSealsTheyMayUse() throws Exception {
        List<SealDescription> seals = SignetServer.demoSoap().listSeals();
        assertEquals(1, seals.size());
        assertEquals("demo", seals.get(0).getName());
        assertTrue(seals.get(0).getCertificateSubject().contains("NOT FOR PRODUCTION"));
        assertTrue(seals.get(0).getFormat().containsAll(List.of("PADES", "CADES")));

        SignetServer.putUser("reader", "reader-password-1", "auditor");
        assertTrue(SignetServer.soap("reader", "reader-password-1").listSeals().isEmpty());
        HttpResponse<byte[]> rest = SignetServer.send("GET", "/signet/api/seals", "reader", "reader-password-1", null, null);
        assertEquals(200, rest.statusCode());
        assertEquals("[]", SignetServer.text(rest));
    }

    private static byte[] signPdfOverRest(byte[] pdf) {
        HttpResponse<byte[]> response = SignetServer.demoPost(
                "/signet/api/sign/pdf?seal=demo&name=doc.pdf&reason=Test", "application/pdf", pdf);
        assertEquals(200, response.statusCode(), SignetServer.text(response));
        return response.body();
    }

    private static VerificationRequest verification(byte[] document, byte[] detachedSignature) {
        VerificationRequest request = new VerificationRequest();
        request.setDocument(new DataHandler(new ByteArrayDataSource(document, "application/octet-stream")));
        request.setDocumentName("document");
        if (detachedSignature != null) {
            request.setDetachedSignature(new DataHandler(new ByteArrayDataSource(detachedSignature, "application/octet-stream")));
        }
        return request;
    }
}
