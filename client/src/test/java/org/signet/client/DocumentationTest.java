package org.signet.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manual keeps up with the product: every SOAP operation is in docs/api-soap.md, and no link inside docs/ is broken. */
class DocumentationTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern OPERATION = Pattern.compile("<portType name=\"(\\w+)\">|<operation name=\"(\\w+)\">");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** "Service.operation" for each operation of the WSDLs the client was generated from, as Signet publishes them. */
    static List<String> soapOperations() throws IOException {
        TreeSet<String> operations = new TreeSet<>();
        for (String wsdl : List.of("/wsdl/SigningService.wsdl", "/wsdl/AdministrationService.wsdl")) {
            String text;
            try (InputStream in = DocumentationTest.class.getResourceAsStream(wsdl)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String service = wsdl.substring(6, wsdl.length() - 5);
            // operations are listed under the portType and again under the binding: the portType's are enough
            String portType = text.substring(text.indexOf("<portType"), text.indexOf("</portType>"));
            Matcher m = OPERATION.matcher(portType);
            while (m.find()) {
                if (m.group(2) != null) {
                    operations.add(service + "." + m.group(2));
                }
            }
        }
        return List.copyOf(operations);
    }

    @Test
    void theWsdlsHoldWhatTheTestReads() throws IOException {
        List<String> operations = soapOperations();
        assertTrue(operations.contains("SigningService.signPdf"), operations.toString());
        assertTrue(operations.contains("AdministrationService.putUser"), operations.toString());
        assertTrue(operations.size() >= 30, operations.toString());
    }

    @Test
    void everySoapOperationIsDocumented() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/api-soap.md"));
        TreeSet<String> missing = new TreeSet<>();
        for (String operation : soapOperations()) {
            String service = operation.substring(0, operation.indexOf('.'));
            String name = operation.substring(operation.indexOf('.') + 1);
            int section = docs.indexOf("## " + service);
            if (section < 0 || !docs.substring(section).contains("`" + name + "`")) {
                missing.add(operation);
            }
        }
        assertEquals(new TreeSet<>(), missing, "docs/api-soap.md lacks these operations (under '## <service>')");
    }

    @Test
    void relativeLinksInTheManualLeadToFiles() throws IOException {
        TreeSet<String> broken = new TreeSet<>();
        List<Path> pages;
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            pages = Stream.concat(docs.filter(p -> p.toString().endsWith(".md")), Stream.of(ROOT.resolve("README.md"))).toList();
        }
        assertTrue(pages.size() > 5, pages.toString());
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                String file = target.replaceAll("#.*$", "");
                if (!Files.exists(page.getParent().resolve(file))) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertEquals(new TreeSet<>(), broken, "broken relative links");
    }
}
