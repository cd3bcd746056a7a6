package org.signet.ws;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlMimeType;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The SOAP messages. Binary content travels as MTOM attachments. */
public final class SoapTypes {

    private SoapTypes() { }

    /** One document of a batch submitted over SOAP: its file name in the batch folder, and its content. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "BatchDocument", namespace = SigningEndpoint.NAMESPACE)
    public static class BatchDocument {
        @XmlElement(required = true) public String name;
        @XmlElement(required = true) @XmlMimeType("application/octet-stream") public DataHandler content;
    }

    /** What every signing request carries. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "SigningRequest", namespace = SigningEndpoint.NAMESPACE)
    public abstract static class SigningRequest {
        @XmlElement(required = true) public String seal;
        @XmlElement(required = true) @XmlMimeType("application/octet-stream") public DataHandler document;
        public String documentName;
        /** B (default), T, LT or LTA. */
        public String level;
        /** SHA-256 (default), SHA-384 or SHA-512. */
        public String hash;
        /** The signature cards this request may use: "none", or card (token) names separated by commas; absent: any. */
        public String cards;
        /** The PIN of an individual signature card; used once for this request, never kept or logged. */
        public String pin;
        /** The caller's one-time code (TOTP) or a recovery code, for a seal that requires a second factor. */
        public String oneTimeCode;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "PdfSignRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class PdfSignRequest extends SigningRequest {
        /** An empty signature field to sign into, or * for the first empty one; absent: a new invisible field. */
        public String field;
        /** ETSI.CAdES.detached (default) or adbe.pkcs7.detached. */
        public String subFilter;
        public String signerName;
        public String reason;
        public String location;
        public String contactInfo;
        /** A visible stamp; also implied by any of page, rect, stampImage, stampText. */
        public Boolean visible;
        /** The stamp's page, from 1 (default 1). */
        public Integer page;
        /** The stamp's "x,y,width,height" in points from the top-left corner of the page as displayed. */
        public String rect;
        /** A PNG or JPEG logo drawn left of the text. */
        @XmlMimeType("application/octet-stream") public DataHandler stampImage;
        /** The stamp's text template: {signer}, {seal}, {date}, {reason}, {location}, {contact}, {subject}, {issuer}, {serial}. */
        public String stampText;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "FileSignRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class FileSignRequest extends SigningRequest {
        /** detached (default, .p7s) or attached (.p7m). */
        public String packaging;
    }

    /** A detached CAdES signature over a digest the caller made of its document: the document never travels. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "DigestSignRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class DigestSignRequest {
        @XmlElement(required = true) public String seal;
        /** The document's digest, made with {@code hash}. */
        @XmlElement(required = true) public byte[] digest;
        /** SHA-256 (default), SHA-384 or SHA-512: what made the digest, and what the signature uses. */
        public String hash;
        /** The name the signature is written under (with .p7s). */
        public String documentName;
        /** B (default), T, LT or LTA. */
        public String level;
        public String cards;
        public String pin;
        public String oneTimeCode;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "XmlSignRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class XmlSignRequest extends SigningRequest {
        /** enveloped (default; the document must be XML), enveloping or detached. */
        public String packaging;
    }

    /** A watched root folder and its options; absent options take their defaults (level B, APPROVED, READY ...). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "HotFolder", namespace = SigningEndpoint.NAMESPACE)
    public static class HotFolder {
        @XmlElement(required = true) public String name;
        @XmlElement(required = true) public String root;
        @XmlElement(required = true) public String out;
        @XmlElement(required = true) public String error;
        /** PADES, CADES or XADES. */
        @XmlElement(required = true) public String format;
        public String level;
        /** The seal that signs; none for a root that starts workflows. */
        public String seal;
        public String runAs;
        public String cards;
        public String stampText;
        public String approvalFile;
        public String readyFile;
        public String filter;
        public Boolean keepOriginals;
        /** Whether the outputs enter the archive (default true; a seal switched off keeps its outputs out anyway). */
        public Boolean archive;
        /** Whether the outputs are also kept whole in the archive's store (default false). */
        public Boolean keepDocuments;
        /** A workflow template's name: each document of a batch starts a workflow from it instead of being signed. */
        public String workflow;
    }

    /** A hot-folder batch's progress. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "BatchProgress", namespace = SigningEndpoint.NAMESPACE)
    public static class BatchProgress {
        public String id;
        public String hotFolder;
        public String name;
        /** RUNNING, COMPLETED, FAILED or STOPPED. */
        public String state;
        public int signed;
        public int failed;
        public int pending;
        @XmlSchemaType(name = "dateTime") public Date started;
        @XmlSchemaType(name = "dateTime") public Date finished;
        public double documentsPerSecond;
        public Long etaSeconds;
        public String problem;
    }

    /** The outcome of testing a key: it signed a random challenge, and the signature verified with its certificate. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "KeyTest", namespace = SigningEndpoint.NAMESPACE)
    public static class KeyTest {
        public String key;
        public boolean ok;
        public String message;
        public long millis;
        public String certificateSubject;
        @XmlSchemaType(name = "dateTime") public Date certificateValidTo;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "SignResponse", namespace = SigningEndpoint.NAMESPACE)
    public static class SignResponse {
        @XmlMimeType("application/octet-stream") public DataHandler document;
        public String fileName;
        public String mimeType;
        public String seal;
        public String format;
        public String level;
        @XmlSchemaType(name = "dateTime") public Date signingTime;
        /** The SHA-256 (hex) of the signature value: its id in the archive, which enters it on its own. */
        public String signatureId;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "VerificationRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class VerificationRequest {
        @XmlElement(required = true) @XmlMimeType("application/octet-stream") public DataHandler document;
        public String documentName;
        /** The detached signature (.p7s) when {@code document} is the signed file; absent for a signed PDF. */
        @XmlMimeType("application/octet-stream") public DataHandler detachedSignature;
        /** Also return the full ETSI validation report (XML). */
        public boolean etsiReport;
        /** Enter the signed file (the signature, if detached) into the archive when every signature holds. */
        public boolean archive;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "VerificationResult", namespace = SigningEndpoint.NAMESPACE)
    public static class VerificationResult {
        public boolean allValid;
        /** The signed file entered the archive, as asked, since every signature held. */
        public boolean archived;
        public List<SignatureResult> signature = new ArrayList<>();
        /** ETSI TS 119 102-2 validation report, when asked for. */
        public String etsiValidationReport;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "SignatureResult", namespace = SigningEndpoint.NAMESPACE)
    public static class SignatureResult {
        public String id;
        /** 0 valid, 1 valid but changed afterwards, 2 invalid, 3 empty field, 4 unknown. */
        public int status;
        public String statusName;
        public boolean valid;
        public String indication;
        public String subIndication;
        public String signedBy;
        @XmlSchemaType(name = "dateTime") public Date signingTime;
        public String signatureFormat;
        public String fieldName;
        public String certificateSubject;
        public String certificateIssuer;
        public String certificateSerialNumber;
        public int publicKeySize;
        @XmlSchemaType(name = "dateTime") public Date certificateValidFrom;
        @XmlSchemaType(name = "dateTime") public Date certificateValidTo;
        public boolean certificateExpired;
        public boolean certificateTrusted;
        public List<TimeStampResult> timeStamp = new ArrayList<>();
        public List<String> error = new ArrayList<>();
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "TimeStampResult", namespace = SigningEndpoint.NAMESPACE)
    public static class TimeStampResult {
        public String type;
        @XmlSchemaType(name = "dateTime") public Date productionTime;
        public String authority;
        public boolean valid;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "SealDescription", namespace = SigningEndpoint.NAMESPACE)
    public static class SealDescription {
        public String name;
        public String description;
        public List<String> format = new ArrayList<>();
        public String maxLevel;
        public String certificateSubject;
        public String certificateIssuer;
        @XmlSchemaType(name = "dateTime") public Date validFrom;
        @XmlSchemaType(name = "dateTime") public Date validTo;
        /** Whether what the seal signs enters the archive. */
        public boolean archived;
        /** Whether it is also kept whole in the archive's store. */
        public boolean keepsDocuments;
        /** "totp": each request carries the caller's one-time code; "none". */
        public String secondFactor;
        /** The computers it signs for (addresses and networks); none: any. */
        public List<String> client = new ArrayList<>();
        /** When it signs for requests, in {@code zone}; absent: any time. */
        public String hours;
        public String zone;
        /** The scope an OAuth2 access token must grant; absent: any credentials. */
        public String tokenScope;
        /** Whether the caller must log in with a TLS client certificate. */
        public boolean clientCertificateRequired;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "NewSeal", namespace = SigningEndpoint.NAMESPACE)
    public static class NewSeal {
        @XmlElement(required = true) public String name;
        public String description;
        /** PADES, CADES, XADES: what the seal may make. */
        @XmlElement(required = true) public List<String> format = new ArrayList<>();
        /** B, T, LT or LTA (default B). */
        public String maxLevel;
        /** The certificate's subject DN; default CN=&lt;name&gt; under Signet's CA. */
        public String subject;
        /** Existing keys ("token/alias") instead of a new software key; several make a pool. */
        public List<String> key = new ArrayList<>();
        /** Whether what the seal signs enters the archive (default true). */
        public Boolean archive;
        /** Whether it is also kept whole in the archive's store (default false). */
        public Boolean keepDocuments;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "KeyDescription", namespace = SigningEndpoint.NAMESPACE)
    public static class KeyDescription {
        public String token;
        public String tokenKind;
        public String alias;
        public List<String> seal = new ArrayList<>();
        public String state;
        public long signatures;
        public Long maxSignatures;
        @XmlSchemaType(name = "dateTime") public Date usableFrom;
        @XmlSchemaType(name = "dateTime") public Date usableUntil;
        public String certificateSubject;
        @XmlSchemaType(name = "dateTime") public Date certificateValidTo;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AuditRecord", namespace = SigningEndpoint.NAMESPACE)
    public static class AuditRecord {
        public long id;
        @XmlSchemaType(name = "dateTime") public Date at;
        public String actor;
        public String action;
        public String outcome;
        public String seal;
        public String documentSha256;
        public String detail;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AnalysisRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class AnalysisRequest {
        @XmlElement(required = true) @XmlMimeType("application/octet-stream") public DataHandler document;
        public String documentName;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AnalysisResult", namespace = SigningEndpoint.NAMESPACE)
    public static class AnalysisResult {
        public String pdfVersion;
        public String pdfaPart;
        public String pdfaConformance;
        public boolean encrypted;
        public int pageCount;
        public List<SignatureFieldResult> signatureField = new ArrayList<>();
        /** The same as the PDFDocument XML common in this field. */
        public String xml;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "SignatureFieldResult", namespace = SigningEndpoint.NAMESPACE)
    public static class SignatureFieldResult {
        public String name;
        public Integer page;
        /** 0 valid, 1 valid but changed afterwards, 2 invalid, 3 empty, 4 unknown. */
        public int status;
        public String subFilter;
        public String hashAlgorithm;
        public String signerName;
        public String reason;
        @XmlSchemaType(name = "dateTime") public Date time;
        public boolean certificateExpired;
    }

    /** The document whose evidence record is asked for, or its SHA-256 (hex) instead. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "EvidenceRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class EvidenceRequest {
        @XmlMimeType("application/octet-stream") public DataHandler document;
        public String documentSha256;
        /** Or a file of a hot-folder batch, by its name there. */
        public String hotFolder;
        public String batch;
        public String file;
        /** DER (RFC 4998, the default) or XML (RFC 6283). */
        public String form;
    }

    /** An archived document brought back to the archive store. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ArchivedDocument", namespace = SigningEndpoint.NAMESPACE)
    public static class ArchivedDocument {
        @XmlMimeType("application/octet-stream") public DataHandler document;
    }

    /** A document and an evidence record (RFC 4998, DER) to check over it. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "EvidenceVerificationRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class EvidenceVerificationRequest {
        @XmlElement(required = true) @XmlMimeType("application/octet-stream") public DataHandler document;
        public String documentName;
        @XmlElement(required = true) @XmlMimeType("application/octet-stream") public DataHandler evidenceRecord;
    }

    /** valid when EU DSS judges the record PASSED over the document; since when, by which authority, renew before. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "EvidenceVerification", namespace = SigningEndpoint.NAMESPACE)
    public static class EvidenceVerification {
        public boolean valid;
        public String indication;
        public String subIndication;
        @XmlSchemaType(name = "dateTime") public Date provenAt;
        public String digestAlgorithm;
        public String timeStampAuthority;
        @XmlSchemaType(name = "dateTime") public Date renewBefore;
        public List<String> error = new ArrayList<>();
        /** Every time stamp of the record, oldest first. */
        public List<EvidenceTimeStamp> timeStamp = new ArrayList<>();
    }

    /** One time stamp of an evidence record. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "EvidenceTimeStamp", namespace = SigningEndpoint.NAMESPACE)
    public static class EvidenceTimeStamp {
        @XmlSchemaType(name = "dateTime") public Date time;
        public String authority;
        public String digestAlgorithm;
        public boolean intact;
        @XmlSchemaType(name = "dateTime") public Date authorityValidTo;
        /** The record's chain it belongs to: 1 the first, each hash-tree renewal begins another; absent for XML records. */
        public Integer chain;
    }

    /** One sealing of the archive; tree 0 when nothing waited. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ArchiveSealing", namespace = SigningEndpoint.NAMESPACE)
    public static class ArchiveSealing {
        public long tree;
        public int entries;
        public String rootSha256;
        @XmlSchemaType(name = "dateTime") public Date timeStampedAt;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ArchiveHashRenewal", namespace = SigningEndpoint.NAMESPACE)
    public static class ArchiveHashRenewal {
        public String algorithm;
        public int newTrees;
        public int renewedEntries;
        public long entriesNotKept;
        public List<NotKeptDocument> notKept;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "NotKeptDocument", namespace = SigningEndpoint.NAMESPACE)
    public static class NotKeptDocument {
        public String sha256;
        public String format;
        public String documentName;
        public String batch;
        @XmlSchemaType(name = "dateTime") public Date enteredAt;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ArchiveOverview", namespace = SigningEndpoint.NAMESPACE)
    public static class ArchiveOverview {
        public long unsealedEntries;
        public long sealedEntries;
        public long trees;
        public ArchiveSealing lastTree;
    }

    /** What a check of the audit trail found; the first hundred problems named, all counted. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AuditTrailVerification", namespace = SigningEndpoint.NAMESPACE)
    public static class AuditTrailVerification {
        public boolean intact;
        public long events;
        public long links;
        public long unsealedBefore;
        public int checkpoints;
        @XmlSchemaType(name = "dateTime") public Date lastCheckpoint;
        public long lastCheckpointLink;
        public long problemCount;
        public List<String> problem = new ArrayList<>();
    }

    /** A time-stamped head of the audit chain. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AuditCheckpoint", namespace = SigningEndpoint.NAMESPACE)
    public static class AuditCheckpoint {
        public long link;
        public String headHash;
        @XmlSchemaType(name = "dateTime") public Date madeAt;
        public String timeStampAuthority;
    }

    /** A new authenticator, shown once: its secret (Base32), otpauth URI and its QR code, and recovery codes. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AuthenticatorEnrolment", namespace = SigningEndpoint.NAMESPACE)
    public static class AuthenticatorEnrolment {
        public String secret;
        public String otpauthUri;
        /** The otpauth URI as a QR code, a PNG. */
        public byte[] qrCodePng;
        public List<String> recoveryCode = new ArrayList<>();
    }

    /** A head of the archive's log: size, root (hex), milliseconds since the epoch, and the RFC 3161 token over its TreeHeadDataV2. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "SignedTreeHead", namespace = SigningEndpoint.NAMESPACE)
    public static class SignedTreeHead {
        public long treeSize;
        public String rootSha256;
        public long timestamp;
        @XmlSchemaType(name = "dateTime") public Date madeAt;
        public byte[] timeStampToken;
    }

    /** An inclusion proof (with leafIndex) or a consistency proof (with firstSize), its hashes in hex. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "LogProof", namespace = SigningEndpoint.NAMESPACE)
    public static class LogProof {
        public Long leafIndex;
        public Long firstSize;
        public long treeSize;
        public List<String> hash = new ArrayList<>();
    }

    /** A user as an admin sees it: kind "person" or "process", never its password. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "UserDescription", namespace = SigningEndpoint.NAMESPACE)
    public static class UserDescription {
        public String name;
        /** The full name the organisation's directory gave; absent: none known. */
        public String fullName;
        public String kind;
        public boolean enabled;
        public List<String> role = new ArrayList<>();
        public List<String> group = new ArrayList<>();
        /** Whether a confirmed authenticator (TOTP) is enrolled. */
        public boolean authenticator;
        /** The SHA-256 fingerprint (hex) of the TLS client certificate that logs in as the user; absent: none does. */
        public String clientCertificate;
        /** The subject and issuer whose certificates log in as the user, whatever their key; absent: none. */
        public String clientCertificateSubject;
        /** Where workflows mail the user; none: no address. */
        public String email;
        /** Whether the organisation's directory checks the user's password. */
        public boolean directory;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "GroupDescription", namespace = SigningEndpoint.NAMESPACE)
    public static class GroupDescription {
        @XmlElement(required = true) public String name;
        public String description;
        /** The distinguished name of the directory group this group mirrors; absent leaves it, empty lifts it. */
        public String directoryGroup;
        /** Existing users; on an existing group, none given leaves its members as they are. */
        public List<String> member = new ArrayList<>();
        public List<String> role = new ArrayList<>();
    }

    /** The organisation's LDAP directory; no url: none is configured. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class DirectoryDescription {
        public String url;
        public String userBase;
        /** Whether it answered an anonymous bind just now; if not, {@code problem} says why. */
        public boolean answering;
        public String problem;
        /** People Signet entered at their first login with a directory password. */
        public long people;
        /** Groups that mirror a directory group. */
        public long mirroringGroups;
    }

    /** A person's certificate from Signet's CA: the seal its owner signs with, and the certificate. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "PersonalCertificate", namespace = SigningEndpoint.NAMESPACE)
    public static class PersonalCertificate {
        public String seal;
        public String owner;
        public String subject;
        public String serialNumber;
        @XmlSchemaType(name = "dateTime") public Date validTo;
    }

    /** Who may use a seal, and on which conditions. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "SealAccess", namespace = SigningEndpoint.NAMESPACE)
    public static class SealAccess {
        public String seal;
        public List<String> user = new ArrayList<>();
        public List<String> group = new ArrayList<>();
        public List<String> role = new ArrayList<>();
        /** "totp" or "none". */
        public String secondFactor;
        public List<String> client = new ArrayList<>();
        public String hours;
        public String zone;
        /** The scope an OAuth2 access token must grant; absent: any credentials. */
        public String tokenScope;
        /** Whether the caller must log in with a TLS client certificate. */
        public boolean clientCertificateRequired;
    }

    /** A PDF and the people who sign it, one after the other (see WorkflowStepRequest), or a template; who receives the signed PDF. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "WorkflowStart", namespace = SigningEndpoint.NAMESPACE)
    public static class WorkflowStart {
        @XmlElement(required = true) @XmlMimeType("application/octet-stream") public DataHandler document;
        public String documentName;
        /** A template's name, whose steps, recipients and level the workflow takes; or the steps themselves. */
        public String template;
        @XmlElement(name = "step") public List<WorkflowStepRequest> steps;
        @XmlElement(name = "recipient") public List<String> recipients;
        /** B, T (default), LT or LTA. */
        public String level;
    }

    /**
     * One step: a signer, or a group (any one member; with all, every member in any order), into an empty signature field
     * (none: a new invisible one), with a one-time code, within days.
     */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "WorkflowStepRequest", namespace = SigningEndpoint.NAMESPACE)
    public static class WorkflowStepRequest {
        public String signer;
        public String group;
        public boolean all;
        public String field;
        public boolean oneTimeCode;
        public Integer days;
        /** The user the step passes to (once) when its deadline passes; none: the workflow ends then. */
        public String escalateTo;
        /** The seal the signer signs with (one the signer is authorised for); none: the signer's personal certificate. */
        public String seal;
        /** The mailed link alone signs, from the networks the server allows (no sign-in); none or false: sign in. */
        public Boolean linkOnly;
    }

    /** A workflow: running, completed, refused or expired; whom it waits for; whether the caller is one; its steps. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Workflow", namespace = SigningEndpoint.NAMESPACE)
    public static class Workflow {
        public String id;
        public String documentName;
        public String initiator;
        public String state;
        public String level;
        @XmlSchemaType(name = "dateTime") public Date started;
        @XmlSchemaType(name = "dateTime") public Date finished;
        public String outcome;
        /** Signers, and group:NAME for a step any member of the group signs. */
        @XmlElement(name = "waitingFor") public List<String> waitingFor;
        /** Whether it waits for the caller's own signature now (as the signer, or as a member of a step's group). */
        public boolean yourTurn;
        @XmlElement(name = "step") public List<WorkflowStep> steps;
    }

    /** A step as it stands: waiting, pending, signed, refused, expired or cancelled; steps of one stage wait together. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "WorkflowStep", namespace = SigningEndpoint.NAMESPACE)
    public static class WorkflowStep {
        public int position;
        public int stage;
        public String signer;
        public String group;
        public String field;
        public boolean oneTimeCode;
        public boolean linkOnly;
        public String state;
        @XmlSchemaType(name = "dateTime") public Date deadline;
        public String escalateTo;
        public String seal;
        @XmlSchemaType(name = "dateTime") public Date doneAt;
        public String note;
    }

    /** A workflow template: steps, recipients, level, and who may start it (users, group:NAME; none: every user). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "WorkflowTemplate", namespace = SigningEndpoint.NAMESPACE)
    public static class WorkflowTemplate {
        public String name;
        public String description;
        @XmlElement(name = "step") public List<WorkflowStepRequest> steps;
        @XmlElement(name = "recipient") public List<String> recipients;
        public String level;
        @XmlElement(name = "starter") public List<String> starters;
        /** Where a completed workflow's PDF is written (under the hot-folder bases); none. */
        public String folder;
        /** The URL told (a POST of JSON) when a workflow ends: one of signet.workflow.callbacks; none. */
        public String callback;
    }
}
