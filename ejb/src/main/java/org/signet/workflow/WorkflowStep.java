package org.signet.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One signer's turn in a {@link Workflow}. The e-mail link names the step by a random token, of which only the SHA-256
 * is kept: the link is good for this step while it waits, and for nothing once it is signed, refused or past its deadline.
 */
@Entity
@Table(name = "SIGNET_WORKFLOW_STEP")
public class WorkflowStep {

    /** WAITING: an earlier step is not signed yet. PENDING: the signer's turn. */
    public enum State { WAITING, PENDING, SIGNED, REFUSED, EXPIRED }

    @Id
    @Column(name = "ID", length = 48)
    private String id;

    @Column(name = "WORKFLOW_ID", length = 36, nullable = false)
    private String workflowId;

    @Column(name = "POSITION", nullable = false)
    private int position;

    @Column(name = "SIGNER", length = 128, nullable = false)
    private String signer;

    /** The empty signature field the signer signs into; none: a new, invisible one. */
    @Column(name = "FIELD_NAME", length = 200)
    private String field;

    /** 1: the signer confirms the signature with a one-time code of their authenticator, as well as being signed in. */
    @Column(name = "ONE_TIME_CODE", nullable = false)
    private int oneTimeCode;

    @Column(name = "DAYS", nullable = false)
    private int days;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private State state;

    @Column(name = "LINK_SHA256", length = 64, unique = true)
    private String linkSha256;

    @Column(name = "DEADLINE")
    private Instant deadline;

    @Column(name = "DONE_AT")
    private Instant doneAt;

    @Column(name = "NOTE", length = 1000)
    private String note;

    protected WorkflowStep() { }

    WorkflowStep(String workflowId, int position, String signer, String field, boolean oneTimeCode, int days) {
        this.id = workflowId + "/" + position;
        this.workflowId = workflowId;
        this.position = position;
        this.signer = signer;
        this.field = field;
        this.oneTimeCode = oneTimeCode ? 1 : 0;
        this.days = days;
        this.state = State.WAITING;
    }

    public String workflowId() { return workflowId; }

    public int position() { return position; }

    public String signer() { return signer; }

    public String field() { return field; }

    public boolean oneTimeCodeRequired() { return oneTimeCode == 1; }

    public int days() { return days; }

    public State state() { return state; }

    public Instant deadline() { return deadline; }

    public Instant doneAt() { return doneAt; }

    public String note() { return note; }

    void pending(String linkSha256, Instant deadline) {
        this.state = State.PENDING;
        this.linkSha256 = linkSha256;
        this.deadline = deadline;
    }

    void done(State end, String why, Instant at) {
        this.state = end;
        this.linkSha256 = null;
        this.doneAt = at;
        this.note = why == null ? null : why.length() > 1000 ? why.substring(0, 1000) : why;
    }
}
