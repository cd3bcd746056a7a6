package org.signet.ws;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.jvnet.staxex.StreamingDataHandler;
import org.signet.admin.KeyAdministration;
import org.signet.analysis.PdfAnalysis;
import org.signet.api.AnalysisResult;
import org.signet.api.WorkflowDescription;
import org.signet.api.ArchiveDescription;
import org.signet.api.ArchiveHashRenewalResult;
import org.signet.api.ArchiveSealingResult;
import org.signet.api.AuditCheckpointDescription;
import org.signet.api.AuditRecord;
import org.signet.api.AuditTrailVerification;
import org.signet.api.AuthenticatorEnrolment;
import org.signet.api.EvidenceVerificationResult;
import org.signet.api.DirectoryDescription;
import org.signet.api.GroupDescription;
import org.signet.api.BatchDescription;
import org.signet.api.HotFolderDescription;
import org.signet.api.KeyDescription;
import org.signet.api.KeyTestResult;
import org.signet.api.LogProof;
import org.signet.api.LogTreeHead;
import org.signet.archive.LogHead;
import org.signet.api.SealAuthorisations;
import org.signet.api.SealDescription;
import org.signet.api.UserDescription;
import org.signet.api.VerificationResult;
import org.signet.audit.AuditEntry;
import org.signet.config.SignetConfiguration;
import org.signet.document.DocumentSpool;
import org.signet.document.Documents;
import org.signet.hotfolder.HotFolderSpec;
import org.signet.hotfolder.HotFolders;
import org.signet.keys.KeyStatus;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;
import org.signet.seal.SealInfo;
import org.signet.signing.SignRequest;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningOptions;
import org.signet.verification.VerificationReport;
import org.signet.ws.SoapTypes.FileSignRequest;
import org.signet.ws.SoapTypes.PdfSignRequest;
import org.signet.ws.SoapTypes.SignResponse;
import org.signet.ws.SoapTypes.SigningRequest;
import org.signet.ws.SoapTypes.XmlSignRequest;

import org.signet.workflow.WorkflowPlan;
import org.signet.workflow.WorkflowProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SOAP messages to service requests, and answers into SOAP messages. Answers are made by the {@code org.signet.api}
 * records, as for REST, and only copied here. Kept out of {@link SigningEndpoint} so that the endpoint's signatures
 * name only SOAP types, which is all wsgen can load when it writes the WSDL at build time.
 */
final class SoapMapping {

    private final long maxDocumentBytes;
    private final long maxStreamedBytes;

    SoapMapping(long maxDocumentBytes, long maxStreamedBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxStreamedBytes = maxStreamedBytes;
    }

    /**
     * A PDF up to the document limit is read whole; a larger one (up to the streamed limit) goes on from the first
     * part read into {@code spool}, and is signed where it waits there. Without a spool (a request too small to have
     * one) a larger PDF is refused.
     */
    SignRequest pades(PdfSignRequest request, DocumentSpool spool) {
        require(request);
        SigningOptions options = options(request, null, request.signerName, request.reason, request.location, request.contactInfo,
                request.field, request.subFilter, request.visible, request.page == null ? null : request.page.toString(), request.rect,
                request.stampImage == null ? null : read(request.stampImage, "the stamp image"), request.stampText);
        if (spool == null) {
            return options.request(SignatureFormat.PADES, read(request.document, "the document"));
        }
        try (InputStream in = open(request.document, "the document")) {
            byte[] first = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxDocumentBytes + 1));
            if (first.length <= maxDocumentBytes) {
                return options.request(SignatureFormat.PADES, first);
            }
            return options.pdfRequest(spool.take(new SequenceInputStream(new ByteArrayInputStream(first), in), maxStreamedBytes,
                    SignetConfiguration.MAX_STREAMED_SIZE));
        } catch (IOException e) {
            if (e.getCause() instanceof SignetException refusal) {
                throw refusal; // the request's own bound was reached
            }
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "could not read the document: " + e.getMessage(), e);
        }
    }

    /** A detached signature is made while the attachment arrives, never reading it into memory; an attached one reads it whole. */
    SignRequest cades(FileSignRequest request) {
        require(request);
        return options(request, request.packaging, null, null, null, null, null, null, null, null, null, null, null)
                .fileRequest(open(request.document, "the document"), maxDocumentBytes, maxStreamedBytes, "the document");
    }

    /** A mail is signed over its MIME entity, which must be here whole. */
    SignRequest mail(FileSignRequest request) {
        require(request);
        return options(request, null, null, null, null, null, null, null, null, null, null, null, null)
                .request(SignatureFormat.CADES, read(request.document, "the mail"));
    }

    SignRequest digest(SoapTypes.DigestSignRequest request) {
        require(request);
        if (request.digest == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the digest is missing");
        }
        return new SigningOptions(request.seal, request.level, null, request.hash, request.documentName, null, null, null, null, null,
                null, null, null, null, null, null, request.cards, request.pin == null ? null : request.pin.toCharArray(),
                request.oneTimeCode).digestRequest(request.digest);
    }

    SignRequest xades(XmlSignRequest request) {
        require(request);
        return options(request, request.packaging, null, null, null, null, null, null, null, null, null, null, null)
                .request(SignatureFormat.XADES, read(request.document, "the document"));
    }

    private static SigningOptions options(SigningRequest request, String packaging, String signerName, String reason, String location,
                                          String contactInfo, String field, String subFilter, Boolean visible, String page,
                                          String rect, byte[] stampImage, String stampText) {
        return new SigningOptions(request.seal, request.level, packaging, request.hash, request.documentName, signerName, reason,
                location, contactInfo, field, subFilter, visible, page, rect, stampImage, stampText, request.cards,
                request.pin == null ? null : request.pin.toCharArray(), request.oneTimeCode);
    }

    /** An xs:int element a caller left out arrives as 0; the service then takes its default. */
    static Integer absentIfZero(int value) {
        return value == 0 ? null : value;
    }

    byte[] read(DataHandler attachment, String what) {
        return Documents.readBounded(open(attachment, what), maxDocumentBytes, what);
    }

    /**
     * An attachment's bytes, read once: Metro hands a part not yet parsed straight from the request as it arrives,
     * instead of spooling it to a file first and reading it back (a part parsed already comes from its spool file).
     */
    private static InputStream open(DataHandler attachment, String what) {
        if (attachment == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, what + " is missing");
        }
        try {
            return attachment instanceof StreamingDataHandler streaming ? streaming.readOnce() : attachment.getInputStream();
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "could not read " + what + ": " + e.getMessage(), e);
        }
    }

    static void require(Object request) {
        if (request == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the request is empty");
        }
    }

    static SignResponse response(SignedDocument signed) {
        SignResponse response = new SignResponse();
        response.document = signed.original() == null ? new DataHandler(new ByteArrayDataSource(signed.content(), signed.mimeType()))
                : new DataHandler(new SignedSource(signed)); // a PDF too large to hold: the original from the spool, then the revision
        response.fileName = signed.fileName();
        response.mimeType = signed.mimeType();
        response.seal = signed.sealName();
        response.format = signed.format().name();
        response.level = signed.level().name();
        response.signingTime = date(signed.signingTime());
        response.signatureId = signed.signatureId();
        return response;
    }

    /** A signed document read from its start when Metro writes the answer's attachment. */
    private record SignedSource(SignedDocument signed) implements jakarta.activation.DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return signed.open();
        }

        @Override
        public java.io.OutputStream getOutputStream() {
            throw new UnsupportedOperationException("a signed document is only read");
        }

        @Override
        public String getContentType() {
            return signed.mimeType();
        }

        @Override
        public String getName() {
            return signed.fileName();
        }
    }

    static SoapTypes.VerificationResult response(VerificationReport report) {
        VerificationResult answer = VerificationResult.of(report);
        SoapTypes.VerificationResult response = new SoapTypes.VerificationResult();
        response.allValid = answer.allValid();
        response.archived = answer.archived();
        response.etsiValidationReport = answer.etsiValidationReport();
        for (VerificationResult.SignatureResult s : answer.signatures()) {
            SoapTypes.SignatureResult result = new SoapTypes.SignatureResult();
            result.id = s.id();
            result.status = s.status();
            result.statusName = s.statusName();
            result.valid = s.valid();
            result.indication = s.indication();
            result.subIndication = s.subIndication();
            result.signedBy = s.signedBy();
            result.signingTime = date(s.signingTime());
            result.signatureFormat = s.signatureFormat();
            result.fieldName = s.fieldName();
            VerificationResult.CertificateResult c = s.certificate();
            if (c != null) {
                result.certificateSubject = c.subject();
                result.certificateIssuer = c.issuer();
                result.certificateSerialNumber = c.serialNumber();
                result.publicKeySize = c.publicKeySize();
                result.certificateValidFrom = date(c.validFrom());
                result.certificateValidTo = date(c.validTo());
                result.certificateExpired = c.expired();
                result.certificateTrusted = c.trusted();
            }
            s.timeStamps().forEach(t -> {
                SoapTypes.TimeStampResult stamp = new SoapTypes.TimeStampResult();
                stamp.type = t.type();
                stamp.productionTime = date(t.productionTime());
                stamp.authority = t.authority();
                stamp.valid = t.valid();
                result.timeStamp.add(stamp);
            });
            result.error.addAll(s.errors());
            response.signature.add(result);
        }
        return response;
    }

    static SoapTypes.AnalysisResult response(PdfAnalysis analysis) {
        AnalysisResult answer = AnalysisResult.of(analysis);
        SoapTypes.AnalysisResult result = new SoapTypes.AnalysisResult();
        result.pdfVersion = answer.pdfVersion();
        result.pdfaPart = answer.pdfaPart();
        result.pdfaConformance = answer.pdfaConformance();
        result.encrypted = answer.encrypted();
        result.pageCount = answer.pageCount();
        result.xml = answer.xml();
        for (AnalysisResult.SignatureFieldResult f : answer.signatureFields()) {
            SoapTypes.SignatureFieldResult field = new SoapTypes.SignatureFieldResult();
            field.name = f.name();
            field.page = f.page();
            field.status = f.status();
            field.subFilter = f.subFilter();
            field.hashAlgorithm = f.hashAlgorithm();
            field.signerName = f.signerName();
            field.reason = f.reason();
            field.time = date(f.time());
            field.certificateExpired = f.certificateExpired();
            result.signatureField.add(field);
        }
        return result;
    }

    static Set<SignatureFormat> formats(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal needs at least one format (PADES, CADES, XADES)");
        }
        return names.stream().map(SignatureFormat::parse).collect(Collectors.toSet());
    }

    static SoapTypes.AuditRecord record(AuditEntry entry) {
        AuditRecord answer = AuditRecord.of(entry);
        SoapTypes.AuditRecord r = new SoapTypes.AuditRecord();
        r.id = answer.id();
        r.at = date(answer.at());
        r.actor = answer.actor();
        r.action = answer.action();
        r.outcome = answer.outcome();
        r.seal = answer.seal();
        r.documentSha256 = answer.documentSha256();
        r.detail = answer.detail();
        return r;
    }

    static HotFolderSpec spec(SoapTypes.HotFolder f) {
        if (f == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the hot folder is missing");
        }
        return new HotFolderDescription(f.name, f.root, f.out, f.error, f.format, f.level, f.seal, f.runAs, f.cards,
                f.stampText, f.approvalFile, f.readyFile, f.filter, f.keepOriginals, f.archive, f.keepDocuments, f.workflow).spec(f.name);
    }

    static SoapTypes.HotFolder describe(HotFolderSpec spec) {
        HotFolderDescription answer = HotFolderDescription.of(spec);
        SoapTypes.HotFolder f = new SoapTypes.HotFolder();
        f.name = answer.name();
        f.root = answer.root();
        f.out = answer.out();
        f.error = answer.error();
        f.format = answer.format();
        f.level = answer.level();
        f.seal = answer.seal();
        f.runAs = answer.runAs();
        f.cards = answer.cards();
        f.stampText = answer.stampText();
        f.approvalFile = answer.approvalFile();
        f.readyFile = answer.readyFile();
        f.filter = answer.filter();
        f.keepOriginals = answer.keepOriginals();
        f.archive = answer.archive();
        f.keepDocuments = answer.keepDocuments();
        f.workflow = answer.workflow();
        return f;
    }

    static SoapTypes.BatchProgress describe(HotFolders.BatchStatus s) {
        return batch(BatchDescription.of(s));
    }

    static SoapTypes.BatchProgress describe(HotFolders.BatchProgress p) {
        return batch(BatchDescription.of(p));
    }

    /** xs:int and xs:double cannot be absent here: a listed batch says 0 for what only a poll computes. */
    private static SoapTypes.BatchProgress batch(BatchDescription answer) {
        SoapTypes.BatchProgress b = new SoapTypes.BatchProgress();
        b.id = answer.id();
        b.hotFolder = answer.hotFolder();
        b.name = answer.name();
        b.state = answer.state();
        b.signed = answer.signed();
        b.failed = answer.failed();
        b.pending = answer.pending() == null ? 0 : answer.pending();
        b.started = date(answer.started());
        b.finished = date(answer.finished());
        b.documentsPerSecond = answer.documentsPerSecond() == null ? 0 : answer.documentsPerSecond();
        b.etaSeconds = answer.etaSeconds();
        b.problem = answer.problem();
        return b;
    }

    static SoapTypes.KeyTest describe(KeyAdministration.KeyTest test) {
        KeyTestResult answer = KeyTestResult.of(test);
        SoapTypes.KeyTest result = new SoapTypes.KeyTest();
        result.key = answer.key();
        result.ok = answer.ok();
        result.message = answer.message();
        result.millis = answer.millis();
        result.certificateSubject = answer.certificateSubject();
        result.certificateValidTo = date(answer.certificateValidTo());
        return result;
    }

    static SoapTypes.KeyDescription describe(KeyStatus key) {
        KeyDescription answer = KeyDescription.of(key);
        SoapTypes.KeyDescription d = new SoapTypes.KeyDescription();
        d.token = answer.token();
        d.tokenKind = answer.tokenKind();
        d.alias = answer.alias();
        d.seal.addAll(answer.seals());
        d.state = answer.state();
        d.signatures = answer.signatures();
        d.maxSignatures = answer.maxSignatures();
        d.usableFrom = date(answer.usableFrom());
        d.usableUntil = date(answer.usableUntil());
        d.certificateSubject = answer.certificateSubject();
        d.certificateValidTo = date(answer.certificateValidTo());
        return d;
    }

    static SoapTypes.SealDescription describe(SealInfo seal) {
        SealDescription answer = SealDescription.of(seal);
        SoapTypes.SealDescription d = new SoapTypes.SealDescription();
        d.name = answer.name();
        d.description = answer.description();
        d.format.addAll(answer.formats());
        d.maxLevel = answer.maxLevel();
        d.certificateSubject = answer.certificateSubject();
        d.certificateIssuer = answer.certificateIssuer();
        d.validFrom = date(answer.validFrom());
        d.validTo = date(answer.validTo());
        d.archived = answer.archived();
        d.keepsDocuments = answer.keepsDocuments();
        d.secondFactor = answer.secondFactor();
        d.client.addAll(answer.clients());
        d.hours = answer.hours();
        d.zone = answer.zone();
        d.tokenScope = answer.tokenScope();
        d.clientCertificateRequired = answer.clientCertificateRequired();
        return d;
    }

    static SoapTypes.EvidenceVerification describe(EvidenceVerificationResult answer) {
        SoapTypes.EvidenceVerification result = new SoapTypes.EvidenceVerification();
        result.valid = answer.valid();
        result.indication = answer.indication();
        result.subIndication = answer.subIndication();
        result.provenAt = date(answer.provenAt());
        result.digestAlgorithm = answer.digestAlgorithm();
        result.timeStampAuthority = answer.timeStampAuthority();
        result.renewBefore = date(answer.renewBefore());
        result.error.addAll(answer.errors());
        for (EvidenceVerificationResult.TimeStampResult t : answer.timeStamps()) {
            SoapTypes.EvidenceTimeStamp stamp = new SoapTypes.EvidenceTimeStamp();
            stamp.time = date(t.time());
            stamp.authority = t.authority();
            stamp.digestAlgorithm = t.digestAlgorithm();
            stamp.intact = t.intact();
            stamp.authorityValidTo = date(t.authorityValidTo());
            stamp.chain = t.chain();
            result.timeStamp.add(stamp);
        }
        return result;
    }

    static SoapTypes.AuthenticatorEnrolment describe(AuthenticatorEnrolment answer) {
        SoapTypes.AuthenticatorEnrolment enrolment = new SoapTypes.AuthenticatorEnrolment();
        enrolment.secret = answer.secret();
        enrolment.otpauthUri = answer.otpauthUri();
        enrolment.qrCodePng = Base64.getDecoder().decode(answer.qrCodePng());
        enrolment.recoveryCode.addAll(answer.recoveryCodes());
        return enrolment;
    }

    /** A head of the log; none (an archive never sealed) is refused. */
    static SoapTypes.SignedTreeHead describe(LogHead head) {
        if (head == null) {
            throw new SignetException(SignetException.Kind.NOT_ARCHIVED, "the archive has not been sealed yet: the log is empty");
        }
        return describe(LogTreeHead.of(head));
    }

    static SoapTypes.SignedTreeHead describe(LogTreeHead answer) {
        SoapTypes.SignedTreeHead head = new SoapTypes.SignedTreeHead();
        head.treeSize = answer.treeSize();
        head.rootSha256 = answer.rootSha256();
        head.timestamp = answer.timestamp();
        head.madeAt = date(answer.madeAt());
        head.timeStampToken = Base64.getDecoder().decode(answer.timeStampToken());
        return head;
    }

    static SoapTypes.LogProof describe(LogProof answer) {
        SoapTypes.LogProof proof = new SoapTypes.LogProof();
        proof.leafIndex = answer.leafIndex();
        proof.firstSize = answer.firstSize();
        proof.treeSize = answer.treeSize();
        proof.hash.addAll(answer.path());
        return proof;
    }

    static SoapTypes.UserDescription describe(UserDescription answer) {
        SoapTypes.UserDescription user = new SoapTypes.UserDescription();
        user.name = answer.name();
        user.fullName = answer.fullName();
        user.kind = answer.kind();
        user.enabled = answer.enabled();
        user.role.addAll(answer.roles());
        user.group.addAll(answer.groups());
        user.authenticator = answer.authenticator();
        user.clientCertificate = answer.clientCertificate();
        user.clientCertificateSubject = answer.clientCertificateSubject();
        user.email = answer.email();
        user.directory = answer.directory();
        return user;
    }

    static SoapTypes.DirectoryDescription describe(DirectoryDescription answer) {
        SoapTypes.DirectoryDescription directory = new SoapTypes.DirectoryDescription();
        directory.url = answer.url();
        directory.userBase = answer.userBase();
        directory.answering = answer.answering();
        directory.problem = answer.problem();
        directory.people = answer.people();
        directory.mirroringGroups = answer.mirroringGroups();
        return directory;
    }

    static SoapTypes.GroupDescription describe(GroupDescription answer) {
        SoapTypes.GroupDescription group = new SoapTypes.GroupDescription();
        group.name = answer.name();
        group.description = answer.description();
        group.directoryGroup = answer.directoryGroup();
        group.member.addAll(answer.members());
        group.role.addAll(answer.roles());
        return group;
    }

    static SoapTypes.SealAccess describe(SealAuthorisations answer) {
        SoapTypes.SealAccess given = new SoapTypes.SealAccess();
        given.seal = answer.seal();
        given.user.addAll(answer.users());
        given.group.addAll(answer.groups());
        given.role.addAll(answer.roles());
        given.secondFactor = answer.secondFactor();
        given.client.addAll(answer.clients());
        given.hours = answer.hours();
        given.zone = answer.zone();
        given.tokenScope = answer.tokenScope();
        given.clientCertificateRequired = answer.clientCertificateRequired();
        return given;
    }

    static SoapTypes.AuditTrailVerification describe(AuditTrailVerification answer) {
        SoapTypes.AuditTrailVerification result = new SoapTypes.AuditTrailVerification();
        result.intact = answer.intact();
        result.events = answer.events();
        result.links = answer.links();
        result.unsealedBefore = answer.unsealedBefore();
        result.checkpoints = answer.checkpoints();
        result.lastCheckpoint = date(answer.lastCheckpoint());
        result.lastCheckpointLink = answer.lastCheckpointLink();
        result.problemCount = answer.problemCount();
        result.problem.addAll(answer.problems());
        return result;
    }

    static SoapTypes.AuditCheckpoint describe(AuditCheckpointDescription answer) {
        if (answer == null) {
            return null;
        }
        SoapTypes.AuditCheckpoint checkpoint = new SoapTypes.AuditCheckpoint();
        checkpoint.link = answer.link();
        checkpoint.headHash = answer.headHash();
        checkpoint.madeAt = date(answer.madeAt());
        checkpoint.timeStampAuthority = answer.timeStampAuthority();
        return checkpoint;
    }

    static SoapTypes.ArchiveHashRenewal describe(ArchiveHashRenewalResult answer) {
        SoapTypes.ArchiveHashRenewal renewal = new SoapTypes.ArchiveHashRenewal();
        renewal.algorithm = answer.algorithm();
        renewal.newTrees = answer.newTrees();
        renewal.renewedEntries = answer.renewedEntries();
        renewal.entriesNotKept = answer.entriesNotKept();
        renewal.notKept = answer.notKept().stream().map(document -> {
            SoapTypes.NotKeptDocument notKept = new SoapTypes.NotKeptDocument();
            notKept.sha256 = document.sha256();
            notKept.format = document.format();
            notKept.documentName = document.documentName();
            notKept.batch = document.batch();
            notKept.enteredAt = date(document.enteredAt());
            return notKept;
        }).toList();
        return renewal;
    }

    static SoapTypes.ArchiveSealing describe(ArchiveSealingResult answer) {
        SoapTypes.ArchiveSealing sealing = new SoapTypes.ArchiveSealing();
        sealing.tree = answer.tree();
        sealing.entries = answer.entries();
        sealing.rootSha256 = answer.rootSha256();
        sealing.timeStampedAt = date(answer.timeStampedAt());
        return sealing;
    }

    static SoapTypes.ArchiveOverview describe(ArchiveDescription answer) {
        SoapTypes.ArchiveOverview state = new SoapTypes.ArchiveOverview();
        state.unsealedEntries = answer.unsealedEntries();
        state.sealedEntries = answer.sealedEntries();
        state.trees = answer.trees();
        state.lastTree = answer.lastTree() == null ? null : describe(answer.lastTree());
        return state;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static WorkflowPlan workflowPlan(SoapTypes.WorkflowStart start) {
        return workflowPlan(start.steps, start.recipients, start.level);
    }

    static WorkflowPlan workflowPlan(List<SoapTypes.WorkflowStepRequest> steps, List<String> recipients, String level) {
        return new WorkflowPlan(steps == null ? List.of() : steps.stream()
                .map(s -> s == null ? null : new WorkflowPlan.Step(s.signer, s.group, s.all, s.field, s.oneTimeCode, s.days, s.escalateTo, s.seal,
                        s.linkOnly)).toList(),
                recipients == null ? List.of() : recipients, level);
    }

    static SoapTypes.WorkflowTemplate describe(org.signet.workflow.WorkflowTemplate template) {
        WorkflowPlan plan = template.plan();
        SoapTypes.WorkflowTemplate t = new SoapTypes.WorkflowTemplate();
        t.name = template.name();
        t.description = template.description();
        t.steps = plan.steps().stream().map(s -> {
            SoapTypes.WorkflowStepRequest step = new SoapTypes.WorkflowStepRequest();
            step.signer = s.signer();
            step.group = s.group();
            step.all = Boolean.TRUE.equals(s.all());
            step.field = s.field();
            step.oneTimeCode = Boolean.TRUE.equals(s.oneTimeCode());
            step.days = s.days();
            step.escalateTo = s.escalateTo();
            step.seal = s.seal();
            step.linkOnly = Boolean.TRUE.equals(s.linkOnly()) ? Boolean.TRUE : null;
            return step;
        }).toList();
        t.recipients = plan.recipients();
        t.level = plan.level();
        t.starters = template.starters();
        t.folder = template.folder();
        t.callback = template.callback();
        return t;
    }

    static SoapTypes.Workflow describe(WorkflowProgress progress) {
        WorkflowDescription answer = WorkflowDescription.of(progress);
        SoapTypes.Workflow w = new SoapTypes.Workflow();
        w.id = answer.id();
        w.documentName = answer.documentName();
        w.initiator = answer.initiator();
        w.state = answer.state();
        w.level = answer.level();
        w.started = date(answer.started());
        w.finished = date(answer.finished());
        w.outcome = answer.outcome();
        w.waitingFor = answer.waitingFor();
        w.yourTurn = answer.yourTurn();
        w.steps = answer.steps().stream().map(s -> {
            SoapTypes.WorkflowStep step = new SoapTypes.WorkflowStep();
            step.position = s.position();
            step.stage = s.stage();
            step.signer = s.signer();
            step.group = s.group();
            step.field = s.field();
            step.oneTimeCode = s.oneTimeCode();
            step.linkOnly = s.linkOnly();
            step.state = s.state();
            step.deadline = date(s.deadline());
            step.escalateTo = s.escalateTo();
            step.seal = s.seal();
            step.doneAt = date(s.doneAt());
            step.note = s.note();
            return step;
        }).toList();
        return w;
    }
}
