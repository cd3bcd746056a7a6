package org.signet.it;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.AnalysisRequest;
import org.signet.client.soap.AnalysisResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verification statuses as signature pads report them (0 to 4), with certificate and time-stamp details. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VerificationIT {

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    @Test
    void aFreshLtaSignatureIsValidWithItsCertificateAndTimeStamps() {
        byte[] signed = sign(TestDocuments.pdf(1, "status 0"), "LTA");
        String report = verify(signed, "");
        assertTrue(report.contains("\"status\":0") && report.contains("\"statusName\":\"VALID\""), report);
        assertTrue(report.contains("\"signatureFormat\":\"PAdES-BASELINE-LTA\""), report);
        assertTrue(report.contains("\"publicKeySize\":2048") && report.contains("\"expired\":false") && report.contains("\"trusted\":true"), report);
        assertTrue(report.contains("\"serialNumber\":\""), report);
        assertTrue(report.contains("\"type\":\"SIGNATURE_TIMESTAMP\"") && report.contains("Time-Stamping Unit"), report);
        assertTrue(report.contains("\"fieldName\":\"Signature1\""), report);

        String withEtsi = verify(signed, "?etsiReport=true");
        assertTrue(withEtsi.contains("\"etsiValidationReport\":\"<?xml") && withEtsi.contains("ValidationReport"), withEtsi.substring(0, 300));
    }

    @Test
    void anAnnotationAddedAfterSigningMakesItValidButChangedAfterwards() throws IOException {
        byte[] signed = sign(TestDocuments.pdf(1, "status 1"), "B");
        byte[] annotated;
        try (PDDocument document = Loader.loadPDF(signed); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = document.getPage(0);
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(100, 100, 20, 20));
            note.setContents("added after signing");
            page.getAnnotations().add(note);
            page.getCOSObject().setNeedToBeUpdated(true);
            document.saveIncremental(out);
            annotated = out.toByteArray();
        }
        String report = verify(annotated, "");
        assertTrue(report.contains("\"status\":1") && report.contains("\"statusName\":\"VALID_BUT_CHANGED_AFTERWARDS\""), report);
        assertTrue(report.contains("\"valid\":false"), "changed afterwards is not plainly valid: " + report);
    }

    @Test
    void aChangedByteMakesItInvalid() {
        byte[] signed = sign(TestDocuments.pdf(1, "status two"), "B");
        String report = verify(TestDocuments.changedAfterSigning(signed, "status two"), "");
        assertTrue(report.contains("\"status\":2") && report.contains("\"statusName\":\"INVALID\""), report);
    }

    @Test
    void emptySignatureFieldsAreListed() throws IOException {
        byte[] form = formWithEmptyField(false);
        String unsigned = verify(form, "");
        assertTrue(unsigned.contains("\"status\":3") && unsigned.contains("\"fieldName\":\"ApproverSignature\""), unsigned);

        String signed = verify(sign(form, "B"), "");
        assertTrue(signed.contains("\"statusName\":\"VALID\"") && signed.contains("\"statusName\":\"EMPTY\""), signed);
    }

    @Test
    void aSignatureNobodyHereTrustsIsUnknown() throws IOException {
        Path key = dir.resolve("stranger.key");
        Path certificate = dir.resolve("stranger.pem");
        Path content = Files.writeString(dir.resolve("content.txt"), "signed by a stranger");
        Path signature = dir.resolve("content.p7s");
        assertEquals(0, OutsideVerifiers.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", certificate.toString(), "-subj", "/CN=Stranger", "-days", "30")).exitCode());
        assertEquals(0, OutsideVerifiers.run(List.of("openssl", "cms", "-sign", "-binary", "-in", content.toString(), "-signer",
                certificate.toString(), "-inkey", key.toString(), "-outform", "DER", "-out", signature.toString())).exitCode());

        SignetServer.Multipart form = new SignetServer.Multipart().file("document", "content.txt", Files.readAllBytes(content))
                .file("signature", "content.p7s", Files.readAllBytes(signature));
        HttpResponse<byte[]> response = SignetServer.demoPost("/signet/api/verify", form.contentType(), form.body());
        String report = SignetServer.text(response);
        assertTrue(report.contains("\"status\":4") && report.contains("\"statusName\":\"UNKNOWN\""), report);
        assertTrue(report.contains("\"trusted\":false") && report.contains("CN=Stranger"), report);
    }

    @Test
    void analysisDescribesVersionPdfaClaimAndEveryFieldTypedAndAsXml() throws Exception {
        byte[] form = formWithEmptyField(true);
        byte[] signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&reason=Checked", "application/pdf", form).body();

        String json = SignetServer.text(SignetServer.demoPost("/signet/api/analyze?name=form.pdf", "application/pdf", signed));
        assertTrue(json.contains("\"pdfVersion\":\"1.7\"") && json.contains("\"pageCount\":1"), json);
        assertTrue(json.contains("\"pdfaPart\":\"2\"") && json.contains("\"pdfaConformance\":\"B\""), json);
        assertTrue(json.contains("\"name\":\"Signature1\"") && json.contains("\"reason\":\"Checked\"")
                && json.contains("\"subFilter\":\"ETSI.CAdES.detached\"") && json.contains("\"hashAlgorithm\":\"2.16.840.1.101.3.4.2.1\""), json);
        // The empty field: x 300..500, y 100..150 from the bottom of an A4 page (841.8898 points high), so from the
        // top-left: top 691.8898, bottom 741.8898.
        assertTrue(json.contains("\"name\":\"ApproverSignature\"") && json.contains("\"status\":3"), json);
        assertTrue(json.contains("\"rect\":{\"bottom\":741.8898,\"left\":300.0,\"right\":500.0,\"rotation\":0,\"top\":691.8898}"), json);

        HttpResponse<byte[]> xml = SignetServer.send("POST", "/signet/api/analyze", "demo", SignetServer.demoPassword(),
                "application/pdf", signed);
        assertEquals(200, xml.statusCode());
        HttpResponse<byte[]> asXml = xmlAnalysis(signed);
        String text = SignetServer.text(asXml);
        assertTrue(text.startsWith("<?xml") && text.contains("<PDFDocument><pdfaid_part>2</pdfaid_part><pdfaid_conformance>B</pdfaid_conformance><PDFVersion>1.7</PDFVersion>"), text);
        assertTrue(text.contains("<digsignature Name=\"Signature1\"><Name></Name><Reason>Checked</Reason>"), text);
        assertTrue(text.contains("<Status>0</Status>") && text.contains("<digsignature Name=\"ApproverSignature\">") && text.contains("<Status>3</Status>"), text);
        assertTrue(text.contains("<Certificate><Issuer>C=EU,O=Signet Demo,CN=Signet Demo CA - NOT FOR PRODUCTION</Issuer>"), text);

        AnalysisRequest request = new AnalysisRequest();
        request.setDocument(new DataHandler(new ByteArrayDataSource(signed, "application/pdf")));
        AnalysisResult soap = SignetServer.demoSoap().analyzePdf(request);
        assertEquals("2", soap.getPdfaPart());
        assertEquals(2, soap.getSignatureField().size());
        assertEquals(text, soap.getXml());
    }

    @Test
    void signaturesGoIntoTheEmptyFieldNamedOrTheFirstOne() throws IOException {
        byte[] form = formWithEmptyField(false);
        for (String field : new String[] {"ApproverSignature", "*"}) {
            HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&field="
                    + URLEncoder.encode(field, StandardCharsets.UTF_8), "application/pdf", form);
            assertEquals(200, signed.statusCode(), SignetServer.text(signed));
            String report = verify(signed.body(), "");
            assertTrue(report.contains("\"fieldName\":\"ApproverSignature\"") && report.contains("\"statusName\":\"VALID\""), report);
            assertTrue(!report.contains("\"statusName\":\"EMPTY\""), "the field must now be signed: " + report);
            OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(OutsideVerifiers.write(dir, "field.pdf", signed.body()));
            assertTrue(pdfsig.output().contains("Signature Field Name: ApproverSignature") && pdfsig.output().contains("Signature is Valid."),
                    pdfsig.output());
        }
        HttpResponse<byte[]> unknown = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&field=Nope", "application/pdf", form);
        assertEquals(400, unknown.statusCode());
        assertTrue(SignetServer.text(unknown).contains("no empty signature field named 'Nope' (empty fields: ApproverSignature)"),
                SignetServer.text(unknown));
        HttpResponse<byte[]> none = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&field=*", "application/pdf",
                TestDocuments.pdf(1, "no form"));
        assertEquals(400, none.statusCode());
        assertTrue(SignetServer.text(none).contains("has no empty signature field to sign into"), SignetServer.text(none));
    }

    private static HttpResponse<byte[]> xmlAnalysis(byte[] pdf) {
        try {
            HttpRequest request = HttpRequest.newBuilder(SignetServer.HTTP.resolve("/signet/api/analyze"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("demo:" + SignetServer.demoPassword()).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/pdf").header("Accept", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page form with an empty signature field; optionally claiming PDF/A-2b in its XMP metadata. */
    private static byte[] formWithEmptyField(boolean claimPdfA2b) {
        return TestDocuments.form(claimPdfA2b ? "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
                + "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"><pdfaid:part>2</pdfaid:part>"
                + "<pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>" : null,
                "ApproverSignature");
    }

    private static byte[] sign(byte[] pdf, String level) {
        HttpResponse<byte[]> signed = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&level=" + level, "application/pdf", pdf);
        assertEquals(200, signed.statusCode(), SignetServer.text(signed));
        return signed.body();
    }

    private static String verify(byte[] pdf, String query) {
        HttpResponse<byte[]> report = SignetServer.demoPost("/signet/api/verify" + query, "application/pdf", pdf);
        assertEquals(200, report.statusCode(), SignetServer.text(report));
        return new String(report.body(), StandardCharsets.UTF_8);
    }
}
