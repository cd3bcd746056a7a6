package org.signet.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * One signature in a {@link Workflow}: by a named user, or by any one member of a group (the step then names who signed).
 * Steps of the same stage wait at the same time (all of a group), in any order; a stage starts when the one before it is
 * complete. The e-mailed links to a step are {@link WorkflowLink}s.
 */
@Entity
@Table(name = "SIGNET_WORKFLOW_STEP", indexes = @Index(name = "SIGNET_WORKFLOW_STEP_OF", columnList = "WORKFLOW_ID"))
public class WorkflowStep {

    /** WAITING: an earlier step is not signed yet. PENDING: the signer's turn. CANCELLED: the workflow ended before it. */
    public enum State { WAITING, PENDING, SIGNED, REFUSED, EXPIRED, CANCELLED }

    @Id
    @Column(name = "ID", length = 48)
    private String id;

    @Column(name = "WORKFLOW_ID", length = 36, nullable = false)
    private String workflowId;

    @Column(name = "POSITION", nullable = false)
    private int position;

    @Column(name = "STAGE", nullable = false)
    private int stage;

    /** Who signs; for a step of any one member of a group, nobody until one of them has. */
    @Column(name = "SIGNER", length = 128)
    private String signer;

    @Column(name = "GROUP_NAME", length = 128)
    private String group;

    /** The empty signature field the signer signs into; none: a new, invisible one. */
    @Column(name = "FIELD_NAME", length = 200)
    private String field;

    /** 1: the signer confirms the signature with a one-time code of their authenticator, as well as being signed in. */
    @Column(name = "ONE_TIME_CODE", nullable = false)
    private int oneTimeCode;

    /** 1: the mailed link alone signs, from the networks the server configuration allows (null: sign in). */
    @Column(name = "LINK_ONLY")
    private Integer linkOnly;

    @Column(name = "DAYS", nullable = false)
    private int days;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private State state;

    @Column(name = "DEADLINE")
    private Instant deadline;

    /** 1 once the signer was reminded, halfway to the deadline. */
    @Column(name = "REMINDED", nullable = false)
    private int reminded;

    /** Who takes the step over when its deadline passes (once; none: the workflow then ends). */
    @Column(name = "ESCALATE_TO", length = 128)
    private String escalateTo;

    /** The seal its signer signs with; none: the signer's personal certificate. */
    @Column(name = "SEAL", length = 64)
    private String seal;

    @Column(name = "DONE_AT")
    private Instant doneAt;

    @Column(name = "NOTE", length = 1000)
    private String note;

    protected WorkflowStep() { }

    WorkflowStep(String workflowId, int position, int stage, String signer, String group, String field, boolean oneTimeCode, int days,
                 String escalateTo, String seal) {
        this.id = workflowId + "/" + position;
        this.workflowId = workflowId;
        this.position = position;
        this.stage = stage;
        this.signer = signer;
        this.group = group;
        this.field = field;
        this.oneTimeCode = oneTimeCode ? 1 : 0;
        this.days = days;
        this.escalateTo = escalateTo;
        this.seal = seal;
        this.state = State.WAITING;
    }

    public String id() { return id; }

    public String workflowId() { return workflowId; }

    public int stage() { return stage; }

    /** The group any one of whose members signs this step; none: the step names its signer. */
    public String group() { return group; }

    /** The signer, or for a group step nobody has signed yet "group:NAME". */
    public String signerOrGroup() { return signer != null ? signer : "group:" + group; }

    /** Pending for this user: as its signer, or as a member of its group when any member may take it. */
    public boolean waitsFor(String user, List<String> usersGroups) {
        return state == State.PENDING && (user.equals(signer) || signer == null && usersGroups.contains(group));
    }

    public int position() { return position; }

    public String signer() { return signer; }

    public String field() { return field; }

    public boolean oneTimeCodeRequired() { return oneTimeCode == 1; }

    public boolean linkOnly() { return linkOnly != null && linkOnly == 1; }

    WorkflowStep signedByLinkAlone(boolean value) {
        this.linkOnly = value ? 1 : null;
        return this;
    }

    public int days() { return days; }

    public State state() { return state; }

    public Instant deadline() { return deadline; }

    public String escalateTo() { return escalateTo; }

    public String seal() { return seal; }

    public Instant doneAt() { return doneAt; }

    public String note() { return note; }

    void pending(Instant deadline) {
        this.state = State.PENDING;
        this.deadline = deadline;
    }

    /** A group step is signed by the member who signed it. */
    void signedBy(String member) { this.signer = member; }

    /** Half the signer's time is over and no reminder went out yet. */
    boolean dueForReminder(Instant now) {
        return state == State.PENDING && reminded == 0 && deadline != null
                && now.isAfter(deadline.minus(java.time.Duration.ofDays(days).dividedBy(2)));
    }

    void reminded() { this.reminded = 1; }

    void done(State end, String why, Instant at) {
        this.state = end;
        this.doneAt = at;
        if (why != null) {
            this.note = why.length() > 1000 ? why.substring(0, 1000) : why;
        }
    }

    /** The deadline passed: the step is the escalation user's now, with a new deadline; it is not passed on again. */
    void escalate(Instant newDeadline, String why) {
        this.signer = escalateTo;
        this.group = null;
        this.escalateTo = null;
        this.deadline = newDeadline;
        this.reminded = 0;
        this.note = why;
    }
}
