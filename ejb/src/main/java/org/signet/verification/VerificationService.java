package org.signet.verification;

import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.signet.SignetException;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.security.Callers;
import org.signet.signing.Documents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Verifies PDF signatures and detached CMS signatures with EU DSS against Signet's trust anchors. */
@Stateless
@PermitAll
public class VerificationService {

    @Resource
    private SessionContext session;
    @EJB
    private AuditLog audit;
    @Inject
    private TrustAnchors trust;
    @Inject
    private SignetConfiguration configuration;

    /**
     * @param detachedSignature the .p7s when {@code document} is the signed file itself, else {@code null}
     */
    public VerificationReport verify(byte[] document, String documentName, byte[] detachedSignature) {
        String caller = Callers.name(session);
        String name = documentName == null || documentName.isBlank() ? "document" : documentName;
        Documents.requireNotEmpty(document, "the document");
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
        SimpleReport report;
        try {
            report = validator.validateDocument().getSimpleReport();
        } catch (RuntimeException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "'" + name + "' could not be validated: " + e.getMessage(), e);
        }

        List<SignatureVerdict> verdicts = new ArrayList<>();
        for (String id : report.getSignatureIdList()) {
            verdicts.add(new SignatureVerdict(id,
                    report.getIndication(id) == eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED,
                    String.valueOf(report.getIndication(id)),
                    report.getSubIndication(id) == null ? null : report.getSubIndication(id).name(),
                    report.getSignedBy(id),
                    instant(report.getSigningTime(id)),
                    report.getSignatureFormat(id) == null ? null : report.getSignatureFormat(id).toString(),
                    report.getAdESValidationErrors(id).stream().map(Message::getValue).toList()));
        }
        VerificationReport result = new VerificationReport(name, List.copyOf(verdicts));
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.VERIFY, AuditEvent.Outcome.SUCCESS, null,
                Documents.sha256Hex(document), verdicts.size() + " signature(s), all valid: " + result.allValid()));
        return result;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
