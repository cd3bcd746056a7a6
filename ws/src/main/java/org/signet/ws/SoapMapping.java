package org.signet.ws;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.signet.admin.KeyAdministration;
import org.signet.analysis.PdfAnalysis;
import org.signet.analysis.SignatureField;
import org.signet.audit.AuditEntry;
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
import org.signet.verification.SignatureVerdict;
import org.signet.verification.VerificationReport;
import org.signet.ws.SoapTypes.AnalysisResult;
import org.signet.ws.SoapTypes.FileSignRequest;
import org.signet.ws.SoapTypes.PdfSignRequest;
import org.signet.ws.SoapTypes.SealDescription;
import org.signet.ws.SoapTypes.SignResponse;
import org.signet.ws.SoapTypes.SignatureFieldResult;
import org.signet.ws.SoapTypes.SignatureResult;
import org.signet.ws.SoapTypes.SigningRequest;
import org.signet.ws.SoapTypes.TimeStampResult;
import org.signet.ws.SoapTypes.VerificationResult;
import org.signet.ws.SoapTypes.XmlSignRequest;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SOAP messages to service requests and back. Kept out of {@link SigningEndpoint} so that the endpoint's
 * signatures name only SOAP types, which is all wsgen can load when it writes the WSDL at build time.
 */
final class SoapMapping {

    private final long maxDocumentBytes;

    SoapMapping(long maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    SignRequest pades(PdfSignRequest request) {
        require(request);
        return options(request, null, request.signerName, request.reason, request.location, request.contactInfo, request.field,
                request.subFilter, request.visible, request.page == null ? null : request.page.toString(), request.rect,
                request.stampImage == null ? null : read(request.stampImage, "the stamp image"), request.stampText)
                .request(SignatureFormat.PADES, read(request.document, "the document"));
    }

    SignRequest cades(FileSignRequest request) {
        require(request);
        return options(request, request.packaging, null, null, null, null, null, null, null, null, null, null, null)
                .request(SignatureFormat.CADES, read(request.document, "the document"));
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
                request.pin == null ? null : request.pin.toCharArray());
    }

    /** An xs:int element a caller left out arrives as 0; the service then takes its default. */
    static Integer absentIfZero(int value) {
        return value == 0 ? null : value;
    }

    byte[] read(DataHandler attachment, String what) {
        if (attachment == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, what + " is missing");
        }
        try {
            return Documents.readBounded(attachment.getInputStream(), maxDocumentBytes, what);
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
        response.document = new DataHandler(new ByteArrayDataSource(signed.content(), signed.mimeType()));
        response.fileName = signed.fileName();
        response.mimeType = signed.mimeType();
        response.seal = signed.sealName();
        response.format = signed.format().name();
        response.level = signed.level().name();
        response.signingTime = date(signed.signingTime());
        return response;
    }

    static VerificationResult response(VerificationReport report) {
        VerificationResult response = new VerificationResult();
        response.allValid = report.allValid();
        response.etsiValidationReport = report.etsiValidationReport();
        for (SignatureVerdict verdict : report.signatures()) {
            SignatureResult result = new SignatureResult();
            result.id = verdict.id();
            result.status = verdict.status();
            result.statusName = verdict.statusName().name();
            result.valid = verdict.valid();
            result.indication = verdict.indication();
            result.subIndication = verdict.subIndication();
            result.signedBy = verdict.signedBy();
            result.signingTime = date(verdict.signingTime());
            result.signatureFormat = verdict.signatureFormat();
            result.fieldName = verdict.fieldName();
            if (verdict.certificate() != null) {
                result.certificateSubject = verdict.certificate().subject();
                result.certificateIssuer = verdict.certificate().issuer();
                result.certificateSerialNumber = verdict.certificate().serialNumber();
                result.publicKeySize = verdict.certificate().publicKeySize();
                result.certificateValidFrom = date(verdict.certificate().validFrom());
                result.certificateValidTo = date(verdict.certificate().validTo());
                result.certificateExpired = verdict.certificate().expired();
                result.certificateTrusted = verdict.certificate().trusted();
            }
            verdict.timeStamps().forEach(t -> {
                TimeStampResult stamp = new TimeStampResult();
                stamp.type = t.type();
                stamp.productionTime = date(t.productionTime());
                stamp.authority = t.authority();
                stamp.valid = t.valid();
                result.timeStamp.add(stamp);
            });
            result.error.addAll(verdict.errors());
            response.signature.add(result);
        }
        return response;
    }

    static AnalysisResult response(PdfAnalysis analysis) {
        AnalysisResult result = new AnalysisResult();
        result.pdfVersion = analysis.pdfVersion();
        result.pdfaPart = analysis.pdfaPart();
        result.pdfaConformance = analysis.pdfaConformance();
        result.encrypted = analysis.encrypted();
        result.pageCount = analysis.pageCount();
        result.xml = analysis.xml();
        for (SignatureField f : analysis.signatureFields()) {
            SignatureFieldResult field = new SignatureFieldResult();
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
        SoapTypes.AuditRecord r = new SoapTypes.AuditRecord();
        r.id = entry.id();
        r.at = date(entry.at());
        r.actor = entry.actor();
        r.action = entry.action();
        r.outcome = entry.outcome();
        r.seal = entry.seal();
        r.documentSha256 = entry.documentSha256();
        r.detail = entry.detail();
        return r;
    }

    static HotFolderSpec spec(SoapTypes.HotFolder f) {
        if (f == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the hot folder is missing");
        }
        return new HotFolderSpec(f.name, f.root, f.out, f.error, f.format, f.level, f.seal, f.runAs, f.cards,
                f.stampText, f.approvalFile, f.readyFile, f.filter, f.keepOriginals);
    }

    static SoapTypes.HotFolder describe(HotFolderSpec spec) {
        SoapTypes.HotFolder f = new SoapTypes.HotFolder();
        f.name = spec.name();
        f.root = spec.root();
        f.out = spec.out();
        f.error = spec.error();
        f.format = spec.format();
        f.level = spec.level();
        f.seal = spec.seal();
        f.runAs = spec.runAs();
        f.cards = spec.cards();
        f.stampText = spec.stampText();
        f.approvalFile = spec.approvalFile();
        f.readyFile = spec.readyFile();
        f.filter = spec.filter();
        f.keepOriginals = spec.keepOriginals();
        return f;
    }

    /** A batch as listed: its progress without the rate, ETA and pending count, which only a status asks for. */
    static SoapTypes.BatchProgress describe(HotFolders.BatchStatus s) {
        return progress(s.id(), s.hotFolder(), s.name(), s.state(), s.signed(), s.failed(), s.started(), s.finished(), s.problem());
    }

    static SoapTypes.BatchProgress describe(HotFolders.BatchProgress p) {
        SoapTypes.BatchProgress b = progress(p.id(), p.hotFolder(), p.name(), p.state(), p.signed(), p.failed(), p.started(),
                p.finished(), p.problem());
        b.pending = p.pending();
        b.documentsPerSecond = p.documentsPerSecond();
        b.etaSeconds = p.etaSeconds();
        return b;
    }

    private static SoapTypes.BatchProgress progress(String id, String hotFolder, String name, String state, int signed, int failed,
                                                    Instant started, Instant finished, String problem) {
        SoapTypes.BatchProgress b = new SoapTypes.BatchProgress();
        b.id = id;
        b.hotFolder = hotFolder;
        b.name = name;
        b.state = state;
        b.signed = signed;
        b.failed = failed;
        b.started = started == null ? null : Date.from(started);
        b.finished = finished == null ? null : Date.from(finished);
        b.problem = problem;
        return b;
    }

    static SoapTypes.KeyTest describe(KeyAdministration.KeyTest test) {
        SoapTypes.KeyTest result = new SoapTypes.KeyTest();
        result.key = test.key();
        result.ok = test.ok();
        result.message = test.message();
        result.millis = test.millis();
        result.certificateSubject = test.certificateSubject();
        result.certificateValidTo = test.certificateValidTo() == null ? null : Date.from(test.certificateValidTo());
        return result;
    }

    static SoapTypes.KeyDescription describe(KeyStatus key) {
        SoapTypes.KeyDescription d = new SoapTypes.KeyDescription();
        d.token = key.token();
        d.tokenKind = key.tokenKind();
        d.alias = key.alias();
        d.seal.addAll(key.seals());
        d.state = key.state();
        d.signatures = key.signatures();
        d.maxSignatures = key.maxSignatures();
        d.usableFrom = date(key.usableFrom());
        d.usableUntil = date(key.usableUntil());
        d.certificateSubject = key.certificateSubject();
        d.certificateValidTo = date(key.certificateValidTo());
        return d;
    }

    static SealDescription describe(SealInfo seal) {
        SealDescription d = new SealDescription();
        d.name = seal.name();
        d.description = seal.description();
        seal.formats().forEach(f -> d.format.add(f.name()));
        d.maxLevel = seal.maxLevel().name();
        d.certificateSubject = seal.certificateSubject();
        d.certificateIssuer = seal.certificateIssuer();
        d.validFrom = date(seal.validFrom());
        d.validTo = date(seal.validTo());
        return d;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
