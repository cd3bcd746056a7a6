package org.signet.verification;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.PDFRevisionWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.signet.archive.ArchiveEntry;
import org.signet.archive.ArchiveJournal;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.document.MailMessage;
import org.signet.document.PdfDocuments;
import org.signet.model.SignetException;
import org.signet.pki.TrustAnchors;
import org.signet.security.Callers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Verifies PDF signatures and detached CMS signatures with EU DSS against Signet's trust anchors. */
@Stateless
@PermitAll
public class VerificationService {

    @Resource
    private SessionContext session;
    @EJB
    private AuditLog audit;
    @EJB
    private ArchiveJournal journal;
    @Inject
    private TrustAnchors trust;
    @Inject
    private SignetConfiguration configuration;

    public VerificationReport verify(byte[] document, String documentName, byte[] detachedSignature) {
        return verify(document, documentName, detachedSignature, false, false);
    }

    /**
     * @param detachedSignature the .p7s or detached XAdES when {@code document} is the signed file, else {@code null}
     * @param etsiReport        also return DSS's full ETSI validation report (XML)
     * @param archive           enter the signed file (the signature file, if detached) into the archive when every
     *                          signature holds, as if Signet had signed it: a remote signature kept with evidence
     */
    public VerificationReport verify(byte[] document, String documentName, byte[] detachedSignature, boolean etsiReport,
                                     boolean archive) {
        return verify(Callers.name(session), document, documentName, detachedSignature, etsiReport, archive);
    }

    /** For a principal Signet itself names (a workflow link's signer), never for a name a request carries. */
    public VerificationReport verifyAs(String caller, byte[] document, String documentName) {
        return verify(caller, document, documentName, null, false, false);
    }

    /**
     * A verification for anyone, without signing in, where the server offers it ({@code signet.web.public-verification}):
     * the same checks and limits, nothing entered into the archive; audited as "public" with the client's address.
     */
    public VerificationReport verifyForAnyone(byte[] document, String documentName, byte[] detachedSignature, String clientAddress) {
        if (!configuration.publicVerification()) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "this server verifies only for users who signed in ("
                    + SignetConfiguration.PUBLIC_VERIFICATION + " is off)");
        }
        String address = clientAddress == null ? "" : clientAddress.replaceAll("[^0-9A-Fa-f:.]", "");
        return verify("public " + address, document, documentName, detachedSignature, false, false);
    }

    private VerificationReport verify(String caller, byte[] document, String documentName, byte[] detachedSignature,
                                      boolean etsiReport, boolean archive) {
        String name = documentName == null || documentName.isBlank() ? "document" : documentName;
        Documents.requireNotEmpty(document, "the document");
        if (detachedSignature == null) {
            // an S/MIME mail: its signature is a detached CMS over its MIME entity
            Optional<MailMessage.SignedParts> mail = MailMessage.signedParts(document);
            if (mail.isPresent()) {
                return verify(caller, mail.get().entity(), name, mail.get().signature(), etsiReport, archive);
            }
        }
        Documents.requireWithinLimit(document, configuration.maxDocumentBytes(), "the document");
        Documents.requireWithinLimit(detachedSignature, configuration.maxDocumentBytes(), "the signature");

        DSSDocument signed = new InMemoryDocument(detachedSignature != null ? detachedSignature : document, name);
        SignedDocumentValidator validator;
        try {
            validator = SignedDocumentValidator.fromDocument(signed);
        } catch (RuntimeException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, detachedSignature != null
                    ? "the signature is not a CMS/CAdES signature Signet can read"
                    : "'" + name + "' is not a signed document Signet can read (PDF, or a file with its detached signature)");
        }
        validator.setCertificateVerifier(trust.verifier());
        if (detachedSignature != null) {
            validator.setDetachedContents(List.of(new InMemoryDocument(document, name)));
        }
        Reports reports;
        try {
            reports = validator.validateDocument();
        } catch (RuntimeException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "'" + name + "' could not be validated: " + e.getMessage(), e);
        }
        SimpleReport report = reports.getSimpleReport();
        DiagnosticData diagnostic = reports.getDiagnosticData();

        List<SignatureVerdict> verdicts = new ArrayList<>();
        for (String id : report.getSignatureIdList()) {
            SignatureWrapper signature = diagnostic.getSignatureById(id);
            Indication indication = report.getIndication(id);
            SignatureStatus status = status(indication, signature);
            verdicts.add(new SignatureVerdict(id, status.code(), status, status == SignatureStatus.VALID,
                    String.valueOf(indication),
                    report.getSubIndication(id) == null ? null : report.getSubIndication(id).name(),
                    report.getSignedBy(id),
                    instant(report.getSigningTime(id)),
                    report.getSignatureFormat(id) == null ? null : report.getSignatureFormat(id).toString(),
                    signature.getPDFRevision() == null ? null : signature.getPDFRevision().getFirstFieldName(),
                    summary(signature, diagnostic.getValidationDate()),
                    signature.getTimestampList().stream().map(t -> new TimeStampSummary(String.valueOf(t.getType()),
                            instant(t.getProductionTime()), t.getSigningCertificate() == null ? null
                            : t.getSigningCertificate().getCertificateDN(), t.isSignatureIntact() && t.isMessageImprintDataIntact())).toList(),
                    report.getAdESValidationErrors(id).stream().map(Message::getValue).toList()));
        }
        if (detachedSignature == null && PdfDocuments.hasPdfHeader(document)) {
            PdfDocuments.emptySignatureFields(document).forEach(field -> verdicts.add(SignatureVerdict.emptyField(field)));
        }
        boolean allValid = VerificationReport.allValid(verdicts);
        Instant now = Instant.now();
        AuditEvent verified = new AuditEvent(now, caller, AuditEvent.Action.VERIFY, AuditEvent.Outcome.SUCCESS, null,
                Documents.sha256Hex(document), verdicts.size() + " signature field(s), all valid: " + allValid
                + (archive ? allValid ? ", archived" : ", not archived" : ""));
        if (archive && allValid) {
            byte[] signedFile = detachedSignature != null ? detachedSignature : document;
            List<ArchiveEntry.New> entries = new ArrayList<>();
            entries.add(new ArchiveEntry.New(Documents.sha256Hex(signedFile), now, caller, null, name,
                    Documents.looksLikeXml(signedFile) ? ArchiveEntry.VERIFIED_XML : ArchiveEntry.VERIFIED, null));
            for (String id : report.getSignatureIdList()) { // each signature value on its own, as a signing enters it
                byte[] value = diagnostic.getSignatureById(id).getSignatureValue();
                if (value != null) {
                    entries.add(new ArchiveEntry.New(Documents.sha256Hex(value), now, caller, null, name, ArchiveEntry.SIGNATURE_VALUE, null));
                }
            }
            journal.record(List.of(verified), entries);
        } else {
            audit.record(verified);
        }
        return new VerificationReport(name, List.copyOf(verdicts), etsiReport ? reports.getXmlValidationReport() : null,
                archive && allValid);
    }

    /**
     * Valid, unless the PDF was changed after this signature in ways other than later signatures, form fill-in
     * and validation data (DSS's modification detection): then "valid but changed afterwards".
     */
    static SignatureStatus status(Indication indication, SignatureWrapper signature) {
        if (indication == Indication.TOTAL_FAILED || indication == Indication.FAILED) {
            return SignatureStatus.INVALID;
        }
        if (indication != Indication.TOTAL_PASSED && indication != Indication.PASSED) {
            return SignatureStatus.UNKNOWN;
        }
        PDFRevisionWrapper revision = signature.getPDFRevision();
        if (revision != null && (revision.arePdfModificationsDetected() || !revision.getPdfUndefinedChanges().isEmpty()
                || !revision.getPdfAnnotationChanges().isEmpty())) {
            return SignatureStatus.VALID_BUT_CHANGED_AFTERWARDS;
        }
        return SignatureStatus.VALID;
    }

    private static CertificateSummary summary(SignatureWrapper signature, Date validationTime) {
        CertificateWrapper certificate = signature.getSigningCertificate();
        if (certificate == null) {
            return null;
        }
        int keySize;
        try {
            keySize = Integer.parseInt(signature.getKeyLengthUsedToSignThisToken());
        } catch (NumberFormatException e) {
            keySize = 0; // DSS could not tell
        }
        return new CertificateSummary(certificate.getCertificateDN(), certificate.getCertificateIssuerDN(),
                certificate.getSerialNumber(), keySize, instant(certificate.getNotBefore()), instant(certificate.getNotAfter()),
                certificate.getNotAfter() != null && certificate.getNotAfter().before(validationTime), certificate.isTrusted()
                        || certificate.getCertificateChain().stream().anyMatch(CertificateWrapper::isTrusted));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
