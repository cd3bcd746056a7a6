package org.signet.it;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        byte[] form;
        try (PDDocument document = Loader.loadPDF(TestDocuments.pdf(1, "form"));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDAcroForm acroForm = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(acroForm);
            PDSignatureField field = new PDSignatureField(acroForm);
            field.setPartialName("ApproverSignature");
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(300, 100, 200, 50));
            widget.setPage(document.getPage(0));
            document.getPage(0).getAnnotations().add(widget);
            acroForm.getFields().add(field);
            document.save(out);
            form = out.toByteArray();
        }
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
