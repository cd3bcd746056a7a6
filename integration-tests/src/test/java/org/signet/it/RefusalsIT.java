package org.signet.it;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.xml.ws.WebServiceException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signet.client.soap.PdfSignRequest;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.document.TestPdfs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing is signed anonymously or for the wrong caller, and bad or hostile input gets a clear refusal
 * (HTTP 4xx with a JSON problem, or a SOAP fault with a code) and never a stack trace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefusalsIT {

    private static final String OUTSIDER = "outsider";
    private static final String OUTSIDER_PASSWORD = "outsider-password-1";

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @BeforeAll
    static void outsiderWithoutSeal() {
        SignetServer.putUser(OUTSIDER, OUTSIDER_PASSWORD, "signer");
    }

    @Test
    void restWithoutCredentialsIs401Everywhere() {
        byte[] pdf = TestDocuments.pdf(1, "anonymous");
        for (String path : new String[] {"/signet/api/sign/pdf?seal=demo", "/signet/api/sign/file?seal=demo", "/signet/api/verify"}) {
            HttpResponse<byte[]> response = SignetServer.send("POST", path, null, null, "application/pdf", pdf);
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
        }
        assertEquals(401, SignetServer.send("GET", "/signet/api/seals", null, null, null, null).statusCode());
        assertEquals(401, SignetServer.send("POST", "/signet/api/sign/pdf?seal=demo", "demo", "wrong-password", "application/pdf", pdf)
                .statusCode());
        assertEquals(401, SignetServer.send("POST", "/signet/api/sign/pdf?seal=demo", "nobody", "whatever-password", "application/pdf", pdf)
                .statusCode());
    }

    /**
     * Password spraying from one place: 30 failed logins from one client address (127.0.0.2, each with another user
     * name, so the per-name lock is not what stops it) lock that address out, with 429 even for the right password,
     * while other addresses go on.
     */
    @Test
    void failedLoginsFromOneAddressLockItOut() throws IOException {
        InetAddress sprayer = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < 30; i++) {
            assertEquals(401, statusFrom(sprayer, "sprayed-" + i, "Spring2026!"), "attempt " + i);
        }
        assertEquals(429, statusFrom(sprayer, SignetServer.DEMO_USER, SignetServer.demoPassword()));
        assertEquals(200, SignetServer.send("GET", "/signet/api/seals", SignetServer.DEMO_USER, SignetServer.demoPassword(), null, null)
                .statusCode(), "another address is not locked out");
        assertEquals(200, statusFrom(InetAddress.getByName("127.0.0.3"), SignetServer.DEMO_USER, SignetServer.demoPassword()));
    }

    private static int statusFrom(InetAddress from, String user, String password) {
        return SignetServer.sendFrom(from, "GET", "/signet/api/seals", user, password, null, null).status();
    }

    @Test
    void soapWithoutCredentialsIs401() {
        HttpResponse<byte[]> response = SignetServer.send("POST", "/signet-soap/SigningService", null, null,
                "text/xml; charset=utf-8", envelope("<s:listSeals/>").getBytes(StandardCharsets.UTF_8));
        assertEquals(401, response.statusCode());

        Signing wrongPassword = SignetServer.soap("demo", "wrong-password");
        WebServiceException refused = assertThrows(WebServiceException.class, wrongPassword::listSeals);
        assertTrue(refused.getMessage().contains("401"), refused.getMessage());
    }

    @Test
    void theWsdlIsPublicSoClientsCanBeGenerated() {
        HttpResponse<byte[]> wsdl = SignetServer.send("GET", "/signet-soap/SigningService?wsdl", null, null, null, null);
        assertEquals(200, wsdl.statusCode());
        assertTrue(SignetServer.text(wsdl).contains("signPdf"));
    }

    @Test
    void callerWithoutAuthorisationForTheSealIsRefusedNamingIt() {
        HttpResponse<byte[]> rest = SignetServer.send("POST", "/signet/api/sign/pdf?seal=demo", OUTSIDER, OUTSIDER_PASSWORD,
                "application/pdf", TestDocuments.pdf(1, "not yours"));
        assertProblem(rest, 403, "NOT_AUTHORISED", "seal 'demo'");

        SignetFault fault = assertThrows(SignetFault.class,
                () -> SignetServer.soap(OUTSIDER, OUTSIDER_PASSWORD).signPdf(pdfRequest("demo", TestDocuments.pdf(1, "x"))));
        assertEquals("NOT_AUTHORISED", fault.getFaultInfo().getCode());
        assertTrue(fault.getMessage().contains("seal 'demo'"), fault.getMessage());
        assertTrue(fault.getMessage().contains(OUTSIDER), fault.getMessage());

        assertTrue(SignetServer.audited("\"action\":\"SIGN\"", "\"actor\":\"outsider\"", "\"outcome\":\"REFUSED\"",
                "\"detail\":\"user 'outsider' is not authorised to use seal 'demo'\""), "the refusal is not in the audit trail");
        assertProblem(SignetServer.send("GET", "/signet/api/admin/audit", OUTSIDER, OUTSIDER_PASSWORD, null, null),
                403, "NOT_AUTHORISED", "admin role required");
    }

    @Test
    void onlyAdminsManageUsers() {
        HttpResponse<byte[]> response = SignetServer.send("PUT", "/signet/api/admin/users/mallory", OUTSIDER, OUTSIDER_PASSWORD,
                "application/json", "{\"password\":\"mallory-password-1\",\"roles\":[\"admin\"]}".getBytes(StandardCharsets.UTF_8));
        assertProblem(response, 403, "NOT_AUTHORISED", "admin role required");
        assertEquals(401, SignetServer.send("GET", "/signet/api/seals", "mallory", "mallory-password-1", null, null).statusCode());

        HttpResponse<byte[]> weak = SignetServer.send("PUT", "/signet/api/admin/users/weak", "demo", SignetServer.demoPassword(),
                "application/json", "{\"password\":\"short\",\"roles\":[]}".getBytes(StandardCharsets.UTF_8));
        assertProblem(weak, 400, "INVALID_INPUT", "at least 12 characters");
    }

    @Test
    void badPdfInputGetsAClearRestRefusal() {
        byte[] pdf = TestDocuments.pdf(2, "input checks");
        assertProblem(signPdf("demo", "Just some text, not a PDF".getBytes(StandardCharsets.UTF_8)), 400, "INVALID_INPUT", "not a PDF");
        assertProblem(signPdf("demo", Arrays.copyOf(pdf, pdf.length / 2)), 400, "INVALID_INPUT", "truncated");
        assertProblem(signPdf("demo", new byte[0]), 400, "INVALID_INPUT", "empty");
        assertProblem(signPdf("no-such-seal", pdf), 404, "UNKNOWN_SEAL", "no-such-seal");
        // A name longer than any column: refused as unknown, and the refusal is audited (cut to its column), not a 500.
        String longName = "x".repeat(5000);
        assertProblem(signPdf(longName, pdf), 404, "UNKNOWN_SEAL", "xxxx");
        assertTrue(SignetServer.audited("\"outcome\":\"REFUSED\"", "\"seal\":\"" + "x".repeat(61) + "...\""),
                "the refusal of a 5000-character seal name is not audited");
        assertProblem(SignetServer.demoPost("/signet/api/sign/pdf", "application/pdf", pdf), 400, "INVALID_INPUT", "no seal");

        // Looks like a PDF at both ends, but is not one inside: the parser's complaint comes back, not a stack trace.
        byte[] garbage = ("%PDF-1.7\n" + "garbage ".repeat(200) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        assertProblem(signPdf("demo", garbage), 400, "INVALID_INPUT", "not a PDF that can be signed");

        // A page tree that contains itself: refused before anything is signed, invisibly or with a stamp.
        byte[] loop = TestPdfs.LOOP.clone();
        assertProblem(signPdf("demo", loop), 400, "INVALID_INPUT", "its page tree contains itself");
        assertProblem(SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&visible=true", "application/pdf", loop), 400,
                "INVALID_INPUT", "its page tree contains itself");
    }

    @Test
    void documentsOverTheConfiguredLimitAreRefused() throws Exception {
        byte[] big = new byte[5 << 20]; // the test server allows 4 MB (signet.max-document-size=4M)
        // (attached: a detached signature's document streams, see LargeDocumentsIT)
        assertProblem(SignetServer.demoPost("/signet/api/sign/file?seal=demo&packaging=attached", "application/octet-stream", big),
                413, "DOCUMENT_TOO_LARGE", "signet.max-document-size");

        // Metro spools an MTOM attachment this large to a temporary file of the server's (same machine, same /tmp).
        // (A PDF this large is signed where it waits, see LargeDocumentsIT; XML is read whole.)
        Set<Path> spooledBefore = spooledAttachments();
        org.signet.client.soap.XmlSignRequest xml = new org.signet.client.soap.XmlSignRequest();
        xml.setSeal("demo");
        xml.setDocument(new DataHandler(new ByteArrayDataSource(big, "application/xml")));
        SignetFault fault = assertThrows(SignetFault.class, () -> SignetServer.demoSoap().signXml(xml));
        assertEquals("DOCUMENT_TOO_LARGE", fault.getFaultInfo().getCode());
        Set<Path> left = spooledAttachments();
        left.removeAll(spooledBefore);
        assertTrue(left.isEmpty(), "the refused attachment's temporary file stays: " + left);
    }

    static Set<Path> spooledAttachments() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().matches("MIME\\d+\\.tmp")).collect(Collectors.toCollection(HashSet::new));
        }
    }

    /**
     * Bodies are bounded before any parser reads them (signet.max-request-size: 3 x 4M + 1M here): declared too large,
     * refused unread; chunked, stopped at the limit inside RESTEasy's multipart parsing; a text part is never a
     * way to fill the heap; inline base64 SOAP is refused before Metro decodes it.
     */
    @Test
    void requestBodiesAreBoundedBeforeAnyParser() throws Exception {
        byte[] big = new byte[14 << 20];
        String boundary = "signet-bound";
        byte[] multipart = multipart(boundary, "document", "application/pdf", big);
        assertProblem(SignetServer.demoPost("/signet/api/sign/pdf?seal=demo", "multipart/form-data; boundary=" + boundary, multipart),
                413, "DOCUMENT_TOO_LARGE", "signet.max-request-size");

        HttpRequest chunked = HttpRequest.newBuilder(SignetServer.HTTP.resolve("/signet/api/sign/pdf?seal=demo"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("demo:" + SignetServer.demoPassword())
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(multipart))).build();
        assertProblem(HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofByteArray()), 413, "DOCUMENT_TOO_LARGE",
                "signet.max-request-size");

        byte[] longText = multipart(boundary, "document", "application/pdf", TestDocuments.pdf(1, "long text"),
                "stampText", "text/plain", "x".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        assertProblem(SignetServer.demoPost("/signet/api/sign/pdf?seal=demo", "multipart/form-data; boundary=" + boundary, longText),
                400, "INVALID_INPUT", "the part 'stampText' is longer than 65536 bytes");

        String inline = envelope("<s:signPdf><request><seal>demo</seal><document>" + Base64.getEncoder().encodeToString(big)
                + "</document></request></s:signPdf>");
        HttpResponse<byte[]> soap = SignetServer.send("POST", "/signet-soap/SigningService", "demo", SignetServer.demoPassword(),
                "text/xml; charset=utf-8", inline.getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, soap.statusCode(), SignetServer.text(soap));
        assertTrue(SignetServer.text(soap).contains("<faultstring>DOCUMENT_TOO_LARGE: the request body of"), SignetServer.text(soap));
    }

    /**
     * Hostile PDFs on the PDFBox and EU DSS path (visible stamp, analysis, verification): XMP metadata that inflates to
     * 2 GiB from 2 MB (the server's heap is 1 GiB) and a page whose dictionary nests 100,000 arrays deep. Each is
     * answered, none with an internal error, and the server goes on signing.
     */
    @Test
    void flateBombsAndDeepNestingOnThePdfBoxPathAreAnswered() {
        byte[] claim = "<x:xmpmeta><pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></x:xmpmeta>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bomb = TestPdfs.withXmp(TestPdfs.flateBomb(claim, 2048), "/FlateDecode");
        HttpResponse<byte[]> analysis = SignetServer.demoPost("/signet/api/analyze", "application/pdf", bomb);
        assertEquals(200, analysis.statusCode(), SignetServer.text(analysis));
        assertFalse(SignetServer.text(analysis).contains("\"pdfaPart\":\"1\""), "a claim beyond the XMP bound is not read: "
                + SignetServer.text(analysis));
        HttpResponse<byte[]> stamped = SignetServer.demoPost("/signet/api/sign/pdf?seal=demo&visible=true", "application/pdf", bomb);
        assertEquals(200, stamped.statusCode(), SignetServer.text(stamped));
        assertEquals(200, SignetServer.demoPost("/signet/api/verify", "application/pdf", stamped.body()).statusCode());

        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        byte[] deep = TestPdfs.pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /X " + nested + " >>");
        for (String path : new String[] {"/signet/api/sign/pdf?seal=demo&visible=true", "/signet/api/sign/pdf?seal=demo", "/signet/api/analyze"}) {
            HttpResponse<byte[]> answer = SignetServer.demoPost(path, "application/pdf", deep);
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 400, path + ": " + SignetServer.text(answer));
        }
        assertEquals(200, signPdf("demo", TestDocuments.pdf(1, "still signing")).statusCode());
    }

    /** A multipart/form-data body of the parts given as name, content type, content, name, ... */
    private static byte[] multipart(String boundary, Object... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i += 3) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + parts[i] + "\"; filename=\"" + parts[i]
                    + "\"\r\nContent-Type: " + parts[i + 1] + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes((byte[]) parts[i + 2]);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    @Test
    void badSoapInputGetsAFaultWithACode() {
        Signing soap = SignetServer.demoSoap();
        SignetFault notPdf = assertThrows(SignetFault.class,
                () -> soap.signPdf(pdfRequest("demo", "plain text".getBytes(StandardCharsets.UTF_8))));
        assertEquals("INVALID_INPUT", notPdf.getFaultInfo().getCode());
        assertTrue(notPdf.getMessage().contains("not a PDF"), notPdf.getMessage());

        SignetFault unknown = assertThrows(SignetFault.class,
                () -> soap.signPdf(pdfRequest("no-such-seal", TestDocuments.pdf(1, "x"))));
        assertEquals("UNKNOWN_SEAL", unknown.getFaultInfo().getCode());

        PdfSignRequest noDocument = new PdfSignRequest();
        noDocument.setSeal("demo");
        SignetFault missing = assertThrows(SignetFault.class, () -> soap.signPdf(noDocument));
        assertEquals("INVALID_INPUT", missing.getFaultInfo().getCode());
    }

    @Test
    void verifyingSomethingThatIsNotSignedDataIsRefused() {
        assertProblem(SignetServer.demoPost("/signet/api/verify", "application/octet-stream",
                "hello".getBytes(StandardCharsets.UTF_8)), 400, "INVALID_INPUT", "not a signed document");
    }

    @Test
    void hostileXmlIsRefusedWithoutResolvingAnything() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE invoice [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + "<invoice>&secret;</invoice>\n";
        HttpResponse<byte[]> external = SignetServer.demoPost("/signet/api/sign/xml?seal=demo", "application/xml",
                xxe.getBytes(StandardCharsets.UTF_8));
        assertProblem(external, 400, "INVALID_INPUT", "cannot be signed as enveloped XAdES");
        assertFalse(SignetServer.text(external).contains("root:"), SignetServer.text(external));

        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>\n<lolz>&lol9;</lolz>\n");
        long start = System.nanoTime();
        assertProblem(SignetServer.demoPost("/signet/api/sign/xml?seal=demo", "application/xml",
                laughs.toString().getBytes(StandardCharsets.UTF_8)), 400, "INVALID_INPUT", "cannot be signed");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "a billion laughs must be refused, not expanded");

        assertProblem(SignetServer.demoPost("/signet/api/sign/xml?seal=demo", "application/xml",
                "<unclosed>".getBytes(StandardCharsets.UTF_8)), 400, "INVALID_INPUT", "cannot be signed");
        assertProblem(SignetServer.demoPost("/signet/api/sign/xml?seal=demo&packaging=sideways", "application/xml",
                "<a/>".getBytes(StandardCharsets.UTF_8)), 400, "INVALID_INPUT", "not one of enveloped");
        assertProblem(SignetServer.demoPost("/signet/api/sign/file?seal=demo&packaging=enveloped", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8)), 400, "INVALID_INPUT", "CADES signatures can be");
    }

    @Test
    void soapMessagesWithADoctypeAreRejectedWithoutResolvingEntities() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE s:Envelope [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + envelope("<s:signPdf><request><seal>&secret;</seal></request></s:signPdf>").substring("<?xml version=\"1.0\"?>".length());
        HttpResponse<byte[]> response = SignetServer.send("POST", "/signet-soap/SigningService", "demo", SignetServer.demoPassword(),
                "text/xml; charset=utf-8", xxe.getBytes(StandardCharsets.UTF_8));
        String body = SignetServer.text(response);
        assertTrue(response.statusCode() >= 400, "status " + response.statusCode());
        assertFalse(body.contains("root:"), "the entity was resolved: " + body);
        assertTrue(body.contains("Fault"), body);
        assertFalse(body.contains("\tat "), "a stack trace reached the client: " + body);
    }

    private static HttpResponse<byte[]> signPdf(String seal, byte[] body) {
        return SignetServer.demoPost("/signet/api/sign/pdf?seal=" + seal, "application/pdf", body);
    }

    private static PdfSignRequest pdfRequest(String seal, byte[] document) {
        PdfSignRequest request = new PdfSignRequest();
        request.setSeal(seal);
        request.setDocument(new DataHandler(new ByteArrayDataSource(document, "application/pdf")));
        return request;
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:s=\"urn:signet:soap:1\"><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String error, String messagePart) {
        String body = SignetServer.text(response);
        assertEquals(status, response.statusCode(), body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), body);
        assertTrue(body.contains("\"error\":\"" + error + "\""), body);
        assertTrue(body.contains(messagePart), "expected '" + messagePart + "' in " + body);
        assertFalse(body.contains("Exception") || body.contains("\tat "), "internals reached the client: " + body);
    }
}
