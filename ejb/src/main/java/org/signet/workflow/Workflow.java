package org.signet.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.signet.model.SignatureLevel;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A PDF on its way through several signers, one after the other. The document itself lies in the document store under
 * its SHA-256: the original, then each signer's version, each kept before the row names it, so that a crash between two
 * steps leaves the last committed version whole.
 */
@Entity
@Table(name = "SIGNET_WORKFLOW")
public class Workflow {

    /** RUNNING: a step waits for its signer. The other states are final. */
    public enum State { RUNNING, COMPLETED, REFUSED, EXPIRED }

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "INITIATOR", length = 128, nullable = false)
    private String initiator;

    @Column(name = "DOCUMENT_NAME", length = 200, nullable = false)
    private String documentName;

    @Column(name = "ORIGINAL_SHA256", length = 64, nullable = false)
    private String originalSha256;

    /** The document as the last signer left it (the original before the first). */
    @Column(name = "DOCUMENT_SHA256", length = 64, nullable = false)
    private String documentSha256;

    @Enumerated(EnumType.STRING)
    @Column(name = "SIGNATURE_LEVEL", length = 8, nullable = false)
    private SignatureLevel level;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private State state;

    @Column(name = "STARTED", nullable = false)
    private Instant started;

    @Column(name = "FINISHED")
    private Instant finished;

    /** Who gets the signed document when the last signer has signed: addresses, separated by commas. */
    @Column(name = "RECIPIENTS", length = 2000)
    private String recipients;

    /** The folder the signed PDF is written to at the end (from the template, which an admin made); none. */
    @Column(name = "FOLDER", length = 1000)
    private String folder;

    /** The URL told when the workflow ends (from the template); none. */
    @Column(name = "CALLBACK", length = 1000)
    private String callback;

    /** Why a workflow ended without all signatures: the refusing signer's reason, or the step whose deadline passed. */
    @Column(name = "OUTCOME", length = 1000)
    private String outcome;

    protected Workflow() { }

    Workflow(String id, String initiator, String documentName, String sha256, SignatureLevel level, List<String> recipients, Instant started) {
        this.id = id;
        this.initiator = initiator;
        this.documentName = documentName;
        this.originalSha256 = sha256;
        this.documentSha256 = sha256;
        this.level = level;
        this.recipients = recipients.isEmpty() ? null : String.join(",", recipients);
        this.state = State.RUNNING;
        this.started = started;
    }

    public String id() { return id; }

    public String initiator() { return initiator; }

    public String documentName() { return documentName; }

    public String originalSha256() { return originalSha256; }

    public String documentSha256() { return documentSha256; }

    public SignatureLevel level() { return level; }

    public State state() { return state; }

    public Instant started() { return started; }

    public Instant finished() { return finished; }

    public List<String> recipients() { return recipients == null ? List.of() : Arrays.asList(recipients.split(",")); }

    public String outcome() { return outcome; }

    public String folder() { return folder; }

    public String callback() { return callback; }

    /** What the workflow's template says happens at its end: a folder for the signed PDF, a URL to tell. */
    void endsLike(WorkflowTemplate template) {
        this.folder = template.folder();
        this.callback = template.callback();
    }

    void signed(String sha256) { this.documentSha256 = sha256; }

    void end(State end, String why, Instant at) {
        this.state = end;
        this.outcome = why == null ? null : why.length() > 1000 ? why.substring(0, 1000) : why;
        this.finished = at;
    }
}
