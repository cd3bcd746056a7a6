package org.signet.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void theWsdlsNameNothingToFetchButSignetItself() {
        for (String service : List.of("SigningService", "AdministrationService")) {
            HttpResponse<byte[]> wsdl = SignetServer.send("GET", "/signet-soap/" + service + "?wsdl", null, null, null, null);
            assertEquals(200, wsdl.statusCode(), service);
            String text = SignetServer.text(wsdl);
            if (service.equals("SigningService")) {
                assertTrue(text.contains("expectedContentTypes"), "the documents lost their MTOM content hints");
            }
            Matcher location = LOCATION.matcher(text);
            while (location.find()) {
                URI target = URI.create(SignetServer.HTTP.resolve("/signet-soap/").toString()).resolve(location.group(1));
                assertEquals(SignetServer.HTTP.getAuthority(), target.getAuthority(),
                        service + "'s WSDL makes clients fetch " + location.group(1));
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
}
