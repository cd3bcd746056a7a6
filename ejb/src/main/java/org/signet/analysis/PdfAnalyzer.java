package org.signet.analysis;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.model.SignetException;
import org.signet.security.Callers;
import org.signet.verification.SignatureStatus;
import org.signet.verification.SignatureVerdict;
import org.signet.verification.VerificationReport;
import org.signet.verification.VerificationService;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Analyses a PDF the way signature pads report it. The status of each signed field comes from
 * {@link VerificationService} (EU DSS); the field's own data from PDFBox, and its CMS from Bouncy Castle.
 */
@Stateless
@PermitAll
public class PdfAnalyzer {


    @Resource
    private SessionContext session;
    @EJB
    private VerificationService verification;

    public PdfAnalysis analyze(byte[] pdf, String documentName) {
        Callers.name(session);
        String name = documentName == null || documentName.isBlank() ? "document" : documentName;
        Documents.requireNotEmpty(pdf, "the document");
        VerificationReport verified;
        try {
            verified = verification.verify(pdf, name, null);
        } catch (SignetException e) {
            verified = new VerificationReport(name, List.of(), null, false); // an unsigned or unreadable-to-DSS PDF still gets analysed
        }
        Map<String, SignatureVerdict> byField = verified.signatures().stream().filter(v -> v.fieldName() != null)
                .collect(Collectors.toMap(SignatureVerdict::fieldName, Function.identity(), (a, b) -> a));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<SignatureField> fields = new ArrayList<>();
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            if (form != null) {
                for (PDField field : form.getFieldTree()) {
                    if (field instanceof PDSignatureField signatureField) {
                        fields.add(field(document, signatureField, byField.get(field.getFullyQualifiedName())));
                    }
                }
            }
            String part = PdfDocuments.pdfaPart(document);
            String conformance = PdfDocuments.pdfaConformance(document);
            String version = String.format(Locale.ROOT, "%.1f", document.getVersion());
            PdfAnalysis partial = new PdfAnalysis(name, version, part, conformance,
                    document.isEncrypted(), document.getNumberOfPages(), List.copyOf(fields), null);
            return new PdfAnalysis(partial.documentName(), partial.pdfVersion(), partial.pdfaPart(), partial.pdfaConformance(),
                    partial.encrypted(), partial.pageCount(), partial.signatureFields(), AnalysisXml.of(partial));
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + name + "' is not a PDF Signet can read: " + e.getMessage(), e);
        }
    }

    private static SignatureField field(PDDocument document, PDSignatureField field, SignatureVerdict verdict) throws IOException {
        PDAnnotationWidget widget = field.getWidgets().isEmpty() ? null : field.getWidgets().get(0);
        Integer pageNumber = null;
        SignatureField.Rect rect = null;
        int flags = 0;
        if (widget != null) {
            flags = widget.getAnnotationFlags();
            PDPage page = widget.getPage() != null ? widget.getPage() : pageOf(document, widget);
            if (page != null) {
                pageNumber = document.getPages().indexOf(page) + 1;
                PDRectangle box = widget.getRectangle();
                float height = page.getMediaBox().getHeight();
                rect = box == null ? null : new SignatureField.Rect(box.getLowerLeftX(), box.getUpperRightX(),
                        height - box.getUpperRightY(), height - box.getLowerLeftY(), page.getRotation());
            }
        }
        PDSignature signature = field.getSignature();
        if (signature == null) {
            return new SignatureField(field.getFullyQualifiedName(), pageNumber, rect, field.isRequired(), field.isReadOnly(),
                    field.getAlternateFieldName(), flags, null, null, null, null, null, null, null, null, null,
                    SignatureStatus.EMPTY.code(), false, null);
        }
        String hash = null;
        String signatureOid = null;
        SignatureField.Certificate certificate = null;
        boolean expired = false;
        try {
            CMSSignedData cms = new CMSSignedData(signature.getContents());
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (!signers.isEmpty()) {
                SignerInformation signer = signers.iterator().next();
                hash = signer.getDigestAlgOID();
                signatureOid = signer.getEncryptionAlgOID();
                X509Certificate x509 = signerCertificate(cms, signer);
                if (x509 != null) {
                    certificate = new SignatureField.Certificate(x509.getIssuerX500Principal().getName(),
                            x509.getSerialNumber().toString(16), keySize(x509), x509.getNotBefore().toInstant(),
                            x509.getNotAfter().toInstant(), Base64.getEncoder().encodeToString(x509.getEncoded()));
                    expired = x509.getNotAfter().toInstant().isBefore(Instant.now());
                }
            }
        } catch (Exception e) {
            // not a CMS Signet can read: status 4 says so below
        }
        int status = verdict != null ? verdict.status() : SignatureStatus.UNKNOWN.code();
        return new SignatureField(field.getFullyQualifiedName(), pageNumber, rect, field.isRequired(), field.isReadOnly(),
                field.getAlternateFieldName(), flags, signature.getFilter(), signature.getSubFilter(), hash, signatureOid,
                signature.getName(), signature.getReason(), signature.getLocation(), signature.getContactInfo(),
                signature.getSignDate() == null ? null : signature.getSignDate().toInstant(), status, expired, certificate);
    }

    private static X509Certificate signerCertificate(CMSSignedData cms, SignerInformation signer) throws CertificateException, IOException {
        for (Object holder : cms.getCertificates().getMatches(signer.getSID())) {
            byte[] der = ((X509CertificateHolder) holder).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        }
        return null;
    }

    private static int keySize(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }

    private static PDPage pageOf(PDDocument document, PDAnnotationWidget widget) throws IOException {
        for (PDPage page : document.getPages()) {
            for (var annotation : page.getAnnotations()) {
                if (annotation.getCOSObject() == widget.getCOSObject()) {
                    return page;
                }
            }
        }
        return null;
    }

}
