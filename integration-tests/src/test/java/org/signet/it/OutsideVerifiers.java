package org.signet.it;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.results.ValidationResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Verifiers nobody on this project wrote: poppler's pdfsig, OpenSSL, and EU DSS run in the test JVM. */
final class OutsideVerifiers {

    record Run(int exitCode, String output) { }

    private OutsideVerifiers() { }

    /** veraPDF's verdict on the PDF/A flavour the document claims (null: it claims none), with the failed rules. */
    record PdfaVerdict(String flavour, boolean compliant, Map<String, Integer> failedRules) { }

    static synchronized PdfaVerdict veraPdf(byte[] pdf) {
        VeraGreenfieldFoundryProvider.initialise();
        try (VeraPDFFoundry foundry = Foundries.defaultInstance();
             PDFAParser parser = foundry.createParser(new ByteArrayInputStream(pdf))) {
            if (parser.getFlavours().isEmpty()) {
                return new PdfaVerdict(null, false, Map.of());
            }
            ValidationResult result = foundry.createValidator(parser.getFlavour(), false).validate(parser);
            Map<String, Integer> failed = new TreeMap<>();
            result.getFailedChecks().forEach((rule, count) -> failed.put(rule.getClause() + "-" + rule.getTestNumber(), count));
            return new PdfaVerdict(parser.getFlavour().getId(), result.isCompliant(), failed);
        } catch (Exception e) {
            throw new IllegalStateException("veraPDF could not check the document: " + e, e);
        }
    }

    static Run pdfsig(Path pdf) {
        return run(List.of("pdfsig", pdf.toString()));
    }

    static Run opensslCmsVerify(Path content, Path signature, Path caCertificate) {
        return run(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(),
                "-content", content.toString(), "-CAfile", caCertificate.toString(), "-out", "/dev/null"));
    }

    /** xmlsec1's check of the XML signature core (references and value), trusting only the demo CA. */
    static Run xmlsec1Verify(Path signedXml, String... extraOptions) {
        List<String> command = new ArrayList<>(List.of("xmlsec1", "--verify", "--trusted-pem", SignetServer.demoCa().toString(),
                "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                "--id-attr:Id", "http://www.w3.org/2000/09/xmldsig#:Object"));
        command.addAll(List.of(extraOptions));
        command.add(signedXml.toString());
        return run(command);
    }

    /** DSS's simple report for a signed document, trusting the demo CA, with the CRL the CA publishes over HTTP. */
    static SimpleReport dss(byte[] signed, byte[] detachedContent) {
        return dss(signed, detachedContent, "content");
    }

    /** A detached XAdES names its file: the detached content must carry that name. */
    static SimpleReport dss(byte[] signed, byte[] detachedContent, String detachedName) {
        return dss(signed, detachedContent, detachedName, SignetServer.demoCa(), SignetServer.publishedCrl());
    }

    /** The same, trusting another server's demo CA with its CRL. */
    static SimpleReport dss(byte[] signed, byte[] detachedContent, String detachedName, Path trustedCa, byte[] crl) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(signed, "signed"));
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(DSSUtils.loadCertificate(trustedCa.toFile()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(new ExternalResourcesCRLSource((DSSDocument) new InMemoryDocument(crl)));
        validator.setCertificateVerifier(verifier);
        if (detachedContent != null) {
            validator.setDetachedContents(List.of(new InMemoryDocument(detachedContent, detachedName)));
        }
        return validator.validateDocument().getSimpleReport();
    }

    static Run run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (is it installed? .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
