package org.signet.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signet.client.soap.admin.SignetFault;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published SOAP contract as clients on a network cut off from the internet meet it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SoapContractIT {

    private static final Pattern LOCATION = Pattern.compile("(?:schemaLocation|location)\\s*=\\s*\"([^\"]*)\"");

    @Deployment(testable = false)
    static EnterpriseArchive signet() {
        return SignetServer.ear();
    }

    @TempDir
    Path dir;

    /** The WSDLs and every schema they lead to, followed as a client would: each must come from Signet itself. */
    @Test
    void theWsdlsNameNothingToFetchButSignetItself() {
        for (String service : List.of("SigningService", "AdministrationService")) {
            Deque<URI> toRead = new ArrayDeque<>(List.of(SignetServer.HTTP.resolve("/signet-soap/" + service + "?wsdl")));
            Set<URI> read = new HashSet<>();
            StringBuilder all = new StringBuilder();
            while (!toRead.isEmpty()) {
                URI document = toRead.pop();
                if (!read.add(document)) {
                    continue;
                }
                assertEquals(SignetServer.HTTP.getAuthority(), document.getAuthority(), service + "'s WSDL makes clients fetch " + document);
                HttpResponse<byte[]> answer = SignetServer.send("GET", document.toString().substring(SignetServer.HTTP.toString().length()),
                        null, null, null, null);
                assertEquals(200, answer.statusCode(), document.toString());
                String text = SignetServer.text(answer);
                all.append(text);
                Matcher location = LOCATION.matcher(text);
                while (location.find()) {
                    toRead.push(document.resolve(location.group(1).replace("&amp;", "&")));
                }
            }
            if (service.equals("SigningService")) {
                assertTrue(all.toString().contains("expectedContentTypes"), "the documents lost their MTOM content hints");
            }
        }
    }

    /** zeep (Python, from Debian) loads the WSDL with every request outside this machine refused, and signs a PDF. */
    @Test
    void aPythonClientLoadsTheWsdlOfflineAndSignsAPdfOverMtom() {
        Path in = OutsideVerifiers.write(dir, "invoice.pdf", TestDocuments.pdf(1, "Invoice 42"));
        Path out = dir.resolve("invoice-signed.pdf");
        OutsideVerifiers.Run zeep = OutsideVerifiers.run(List.of("/usr/bin/python3",
                Path.of(System.getProperty("signet.it.python", "src/test/python")).resolve("sign_pdf_with_zeep.py").toString(),
                SignetServer.HTTP.resolve("/signet-soap/SigningService?wsdl").toString(),
                SignetServer.DEMO_USER, SignetServer.demoPassword(), in.toString(), out.toString()));
        assertEquals(0, zeep.exitCode(), zeep.output());
        assertTrue(zeep.output().startsWith("PADES B invoice"), zeep.output());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(out);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
    }

    /** A client Apache CXF's wsdl2java generated offline loads the WSDL at run time with the internet refused, and signs. */
    @Test
    void aCxfClientGeneratedOfflineSignsAPdfOverMtom() {
        Path in = OutsideVerifiers.write(dir, "order.pdf", TestDocuments.pdf(2, "Order 7"));
        Path out = dir.resolve("order-signed.pdf");
        OutsideVerifiers.Run cxf = OutsideVerifiers.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("signet.it.cxfClient", "../cxf-client/target/signet-cxf-client.jar")).toString(),
                SignetServer.HTTP.resolve("/signet-soap/SigningService?wsdl").toString(),
                SignetServer.DEMO_USER, SignetServer.demoPassword(), in.toString(), out.toString()));
        assertEquals(0, cxf.exitCode(), cxf.output());
        assertTrue(cxf.output().contains("PADES B order"), cxf.output());
        OutsideVerifiers.Run pdfsig = OutsideVerifiers.pdfsig(out);
        assertTrue(pdfsig.output().contains("Signature is Valid."), pdfsig.output());
    }

    /** The batch list reads the same over SOAP and REST (the operation the parity test found missing on SOAP). */
    @Test
    void batchesAreListedOverSoapAsOverRest() throws Exception {
        List<String> soap = SignetServer.demoAdministration().listBatches(0).stream().map(b -> b.getId()).toList();
        String rest = SignetServer.text(SignetServer.send("GET", "/signet/api/admin/batches", SignetServer.DEMO_USER,
                SignetServer.demoPassword(), null, null));
        for (String id : soap) {
            assertTrue(rest.contains("\"" + id + "\""), id + " is listed over SOAP but not over REST: " + rest);
        }
        assertEquals(rest.split("\"id\"").length - 1, soap.size(), rest);
        assertEquals("INVALID_INPUT", assertThrows(SignetFault.class,
                () -> SignetServer.demoAdministration().listBatches(5000)).getFaultInfo().getCode());
    }
}
