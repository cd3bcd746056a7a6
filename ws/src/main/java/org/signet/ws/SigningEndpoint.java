package org.signet.ws;

import jakarta.activation.DataHandler;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.bind.annotation.XmlMimeType;
import jakarta.xml.ws.soap.MTOM;
import org.signet.analysis.PdfAnalyzer;
import org.signet.api.AuthenticatorEnrolment;
import org.signet.api.EvidenceVerificationResult;
import org.signet.api.LogProof;
import org.signet.archive.ArchiveService;
import org.signet.archive.TransparencyLog;
import org.signet.archive.EvidenceForm;
import org.signet.archive.EvidenceVerification;
import org.signet.config.SignetConfiguration;
import org.signet.document.DocumentSpool;
import org.signet.hotfolder.HotFolders;
import org.signet.seal.SealService;
import org.signet.security.SecondFactors;
import org.signet.signing.SigningService;
import org.signet.verification.VerificationService;
import org.signet.workflow.WorkflowTemplates;
import org.signet.workflow.Workflows;
import org.signet.ws.SoapTypes.AnalysisRequest;
import org.signet.ws.SoapTypes.AnalysisResult;
import org.signet.ws.SoapTypes.FileSignRequest;
import org.signet.ws.SoapTypes.PdfSignRequest;
import org.signet.ws.SoapTypes.SealDescription;
import org.signet.ws.SoapTypes.SignResponse;
import org.signet.ws.SoapTypes.VerificationRequest;
import org.signet.ws.SoapTypes.VerificationResult;
import org.signet.ws.SoapTypes.XmlSignRequest;

import java.util.List;

/** The SOAP face: each operation is one service call between two mappings. */
@WebService(serviceName = "SigningService", portName = "SigningPort", name = "Signing",
        targetNamespace = SigningEndpoint.NAMESPACE)
@MTOM
@CdiEndpoint
@HandlerChain(file = "handlers.xml")
@ApplicationScoped
public class SigningEndpoint {

    public static final String NAMESPACE = "urn:signet:soap:1";

    @EJB
    private SecondFactors secondFactors;
    @EJB
    private SigningService signing;
    @EJB
    private VerificationService verification;
    @EJB
    private SealService seals;
    @EJB
    private PdfAnalyzer analyzer;
    @EJB
    private HotFolders hotFolders;
    @EJB
    private ArchiveService archive;
    @EJB
    private EvidenceVerification evidence;
    @EJB
    private TransparencyLog log;
    @EJB
    private Workflows workflows;
    @EJB
    private WorkflowTemplates templates;
    @Inject
    private SignetConfiguration configuration;
    /** The HTTP request being answered (CDI's proxy): a large PDF's spool is among its attributes. */
    @Inject
    private HttpServletRequest http;

    private SoapMapping mapping;

    @PostConstruct
    void init() {
        mapping = new SoapMapping(configuration.maxDocumentBytes(), configuration.maxStreamedBytes());
    }

    /**
     * Puts documents into a batch of a hot folder (admin or the folder's run-as user); call it as often as needed,
     * then {@link #submitBatch} to approve. Nothing is signed before the approval.
     */
    @WebMethod
    public void uploadBatchDocuments(@WebParam(name = "hotFolder") String hotFolder, @WebParam(name = "batch") String batch,
                                     @WebParam(name = "document") List<SoapTypes.BatchDocument> documents) throws SignetFault {
        SignetFault.answer(() -> upload(hotFolder, batch, documents));
    }

    /** Uploads the documents given (none: those uploaded before) and approves the batch; answers its id and progress. */
    @WebMethod
    @WebResult(name = "progress")
    public SoapTypes.BatchProgress submitBatch(@WebParam(name = "hotFolder") String hotFolder, @WebParam(name = "batch") String batch,
                                               @WebParam(name = "document") List<SoapTypes.BatchDocument> documents) throws SignetFault {
        return SignetFault.answer(() -> {
            upload(hotFolder, batch, documents);
            return SoapMapping.describe(hotFolders.progress(hotFolders.approve(hotFolder, batch)));
        });
    }

    /** One result of a batch by name: a signed document, a detached signature, or report.csv. */
    @WebMethod
    @WebResult(name = "content")
    @XmlMimeType("application/octet-stream")
    public DataHandler batchResult(@WebParam(name = "id") String id, @WebParam(name = "name") String name)
            throws SignetFault {
        return SignetFault.answer(() -> new DataHandler(
                new ByteArrayDataSource(hotFolders.result(id, name), "application/octet-stream")));
    }

    /** The RFC 4998 evidence record (DER) of a document Signet signed and archived, by the document or its SHA-256. */
    @WebMethod
    @WebResult(name = "evidenceRecord")
    @XmlMimeType("application/octet-stream")
    public DataHandler evidenceRecord(@WebParam(name = "request") SoapTypes.EvidenceRequest request) throws SignetFault {
        return SignetFault.answer(() -> {
            SoapMapping.require(request);
            EvidenceForm form = EvidenceForm.parse(request.form);
            byte[] record = request.document != null ? archive.evidenceRecord(mapping.read(request.document, "the document"), form)
                    : request.documentSha256 != null || request.file == null ? archive.evidenceRecordOf(request.documentSha256, form)
                    : archive.evidenceRecordIn(request.hotFolder, request.batch, request.file, form);
            return new DataHandler(new ByteArrayDataSource(record, "application/octet-stream"));
        });
    }

    /**
     * Brings an archived document back to the archive store (an admin, or a user who signed it), so that the next
     * hash-tree renewal renews its evidence; answers how many archive entries it is.
     */
    @WebMethod
    @WebResult(name = "entries")
    public int keepArchivedDocument(@WebParam(name = "request") SoapTypes.ArchivedDocument request) throws SignetFault {
        return SignetFault.answer(() -> {
            SoapMapping.require(request);
            return archive.keepDocument(mapping.read(request.document, "the document")).entries();
        });
    }

    /** Checks an evidence record over its document, as EU DSS judges RFC 4998 records. */
    @WebMethod
    @WebResult(name = "verification")
    public SoapTypes.EvidenceVerification verifyEvidenceRecord(@WebParam(name = "request") SoapTypes.EvidenceVerificationRequest request)
            throws SignetFault {
        return SignetFault.answer(() -> {
            SoapMapping.require(request);
            return SoapMapping.describe(EvidenceVerificationResult.of(evidence.verify(mapping.read(request.document, "the document"),
                    request.documentName, mapping.read(request.evidenceRecord, "the evidence record"))));
        });
    }

    private void upload(String hotFolder, String batch, List<SoapTypes.BatchDocument> documents) {
        if (documents == null) {
            return;
        }
        for (SoapTypes.BatchDocument document : documents) {
            SoapMapping.require(document);
            hotFolders.putDocument(hotFolder, batch, document.name, mapping.read(document.content, "the document '" + document.name + "'"));
        }
    }

    @WebMethod
    @WebResult(name = "signed")
    public SignResponse signPdf(@WebParam(name = "request") PdfSignRequest request) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.response(signing.sign(mapping.pades(request,
                http.getAttribute(DocumentSpool.REQUEST_ATTRIBUTE) instanceof DocumentSpool spool ? spool : null))));
    }

    @WebMethod
    @WebResult(name = "signed")
    public SignResponse signFile(@WebParam(name = "request") FileSignRequest request) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.response(signing.sign(mapping.cades(request))));
    }

    /** An RFC 5322 mail message (in {@code document}) sealed with S/MIME: the multipart/signed message. */
    @WebMethod
    @WebResult(name = "signed")
    public SignResponse signMail(@WebParam(name = "request") FileSignRequest request) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.response(signing.signMail(mapping.mail(request))));
    }

    /** A detached CAdES signature (.p7s) over the digest of a document that stays with the caller, whatever its size. */
    @WebMethod
    @WebResult(name = "signed")
    public SignResponse signDigest(@WebParam(name = "request") SoapTypes.DigestSignRequest request) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.response(signing.sign(mapping.digest(request))));
    }

    @WebMethod
    @WebResult(name = "signed")
    public SignResponse signXml(@WebParam(name = "request") XmlSignRequest request) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.response(signing.sign(mapping.xades(request))));
    }

    @WebMethod
    @WebResult(name = "report")
    public VerificationResult verify(@WebParam(name = "request") VerificationRequest request) throws SignetFault {
        return SignetFault.answer(() -> {
            SoapMapping.require(request);
            byte[] signature = request.detachedSignature == null ? null : mapping.read(request.detachedSignature, "the signature");
            return SoapMapping.response(verification.verify(mapping.read(request.document, "the document"),
                    request.documentName, signature, request.etsiReport, request.archive));
        });
    }

    @WebMethod
    @WebResult(name = "analysis")
    public AnalysisResult analyzePdf(@WebParam(name = "request") AnalysisRequest request) throws SignetFault {
        return SignetFault.answer(() -> {
            SoapMapping.require(request);
            return SoapMapping.response(analyzer.analyze(mapping.read(request.document, "the document"), request.documentName));
        });
    }

    @WebMethod
    @WebResult(name = "seal")
    public List<SealDescription> listSeals() throws SignetFault {
        return SignetFault.answer(() -> seals.sealsForCaller().stream().map(SoapMapping::describe).toList());
    }

    /** Enrols the caller's authenticator (TOTP): its secret, otpauth URI and recovery codes, shown this once. */
    @WebMethod
    @WebResult(name = "enrolment")
    public SoapTypes.AuthenticatorEnrolment enrolAuthenticator() throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(AuthenticatorEnrolment.of(secondFactors.enrol())));
    }

    /** Confirms the caller's new authenticator with a first code from it. */
    @WebMethod
    public void confirmAuthenticator(@WebParam(name = "code") String code) throws SignetFault {
        SignetFault.answer(() -> secondFactors.confirm(code));
    }

    /** A head of the archive's log (RFC 9162): of {@code treeSize} leaves, or (absent) the latest. */
    @WebMethod
    @WebResult(name = "treeHead")
    public SoapTypes.SignedTreeHead logTreeHead(@WebParam(name = "treeSize") Long treeSize) throws SignetFault {
        // the refusal of an empty log is thrown in SoapMapping: wsgen reads this class without Signet's services
        return SignetFault.answer(() -> SoapMapping.describe(treeSize == null ? log.latestHead() : log.head(treeSize)));
    }

    /** The proof that a sealed tree's root (hex) is a leaf of the log of {@code treeSize} (absent: the latest). */
    @WebMethod
    @WebResult(name = "proof")
    public SoapTypes.LogProof logInclusionProof(@WebParam(name = "root") String root, @WebParam(name = "treeSize") Long treeSize)
            throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(LogProof.inclusion(log.inclusion(root, treeSize))));
    }

    /** The proof that the log of {@code firstSize} leaves is the start of the log of {@code treeSize} (absent: the latest). */
    @WebMethod
    @WebResult(name = "proof")
    public SoapTypes.LogProof logConsistencyProof(@WebParam(name = "firstSize") long firstSize, @WebParam(name = "treeSize") Long treeSize)
            throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(LogProof.consistency(log.consistency(firstSize, treeSize))));
    }

    /** Starts a workflow: the PDF goes to its signers one after the other, each mailed a link when their turn comes. */
    @WebMethod
    @WebResult(name = "workflow")
    public SoapTypes.Workflow startWorkflow(@WebParam(name = "request") SoapTypes.WorkflowStart request) throws SignetFault {
        return SignetFault.answer(() -> {
            SoapMapping.require(request);
            byte[] document = mapping.read(request.document, "the document");
            return SoapMapping.describe(request.template != null ? workflows.start(document, request.documentName, request.template)
                    : workflows.start(document, request.documentName, SoapMapping.workflowPlan(request)));
        });
    }

    /** The workflow templates the caller may start. */
    @WebMethod
    @WebResult(name = "template")
    public List<SoapTypes.WorkflowTemplate> workflowTemplates() throws SignetFault {
        return SignetFault.answer(() -> templates.startable().stream().map(SoapMapping::describe).toList());
    }

    /** A workflow the caller started, signs in, or (admin, auditor) oversees. */
    @WebMethod
    @WebResult(name = "workflow")
    public SoapTypes.Workflow workflowStatus(@WebParam(name = "id") String id) throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(workflows.describe(id)));
    }

    /** The workflow's PDF with every signature made so far. */
    @WebMethod
    @WebResult(name = "document")
    @XmlMimeType("application/pdf")
    public DataHandler workflowDocument(@WebParam(name = "id") String id) throws SignetFault {
        return SignetFault.answer(() -> new DataHandler(new ByteArrayDataSource(workflows.document(id), "application/pdf")));
    }

    /** The caller's workflows, newest first: waiting for the caller, started by the caller, signed by the caller. */
    @WebMethod
    @WebResult(name = "workflow")
    public List<SoapTypes.Workflow> workflowInbox() throws SignetFault {
        return SignetFault.answer(() -> workflows.inbox().stream().map(SoapMapping::describe).toList());
    }

    /** Signs the workflow's PDF with the caller's personal certificate; the caller's turn, with a one-time code if asked. */
    @WebMethod
    @WebResult(name = "workflow")
    public SoapTypes.Workflow signWorkflow(@WebParam(name = "id") String id, @WebParam(name = "oneTimeCode") String oneTimeCode)
            throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(workflows.sign(id, oneTimeCode)));
    }

    /** Declines to sign; the workflow ends and its initiator is told the reason. */
    @WebMethod
    @WebResult(name = "workflow")
    public SoapTypes.Workflow refuseWorkflow(@WebParam(name = "id") String id, @WebParam(name = "reason") String reason)
            throws SignetFault {
        return SignetFault.answer(() -> SoapMapping.describe(workflows.refuse(id, reason)));
    }
}
