package org.signet.hotfolder;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One batch of a hot folder: a sub-folder approved by its producer, signed by Jakarta Batch jobs. The row, and its
 * items, are what makes a batch restartable: a new job for an unfinished batch skips every file already done.
 */
@Entity
@Table(name = "SIGNET_BATCH")
public class Batch {

    /**
     * STOPPED: an operator stopped its job; like FAILED, it resumes when restarted or approved again. UNCONFIRMED: its
     * seal requires a second factor, and the batch waits for a person authorised for the seal to confirm it with one.
     */
    public enum State { RUNNING, COMPLETED, FAILED, STOPPED, UNCONFIRMED }

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "HOT_FOLDER", length = 64, nullable = false)
    private String hotFolder;

    @Column(name = "NAME", length = 200, nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private State state;

    @Column(name = "STARTED", nullable = false)
    private Instant started;

    @Column(name = "FINISHED")
    private Instant finished;

    @Column(name = "JOB_EXECUTION")
    private Long jobExecution;

    @Column(name = "SIGNED_COUNT", nullable = false)
    private int signed;

    @Column(name = "FAILED_COUNT", nullable = false)
    private int failed;

    /** Why the whole batch stopped (the seal cannot sign, the outgoing folder is gone ...). */
    @Column(name = "PROBLEM", length = 2000)
    private String problem;

    /** The person who confirmed the batch with a second factor, for a seal that requires one. */
    @Column(name = "CONFIRMED_BY", length = 128)
    private String confirmedBy;

    @Column(name = "CONFIRMED_AT")
    private Instant confirmedAt;

    protected Batch() { }

    public Batch(String id, String hotFolder, String name, Instant started) {
        this.id = id;
        this.hotFolder = hotFolder;
        this.name = name;
        this.state = State.RUNNING;
        this.started = started;
    }

    public String id() { return id; }

    public String hotFolder() { return hotFolder; }

    public String name() { return name; }

    public State state() { return state; }

    public Instant started() { return started; }

    public Instant finished() { return finished; }

    public Long jobExecution() { return jobExecution; }

    public int signed() { return signed; }

    public int failed() { return failed; }

    public String problem() { return problem; }

    public String confirmedBy() { return confirmedBy; }

    public Instant confirmedAt() { return confirmedAt; }

    void awaitConfirmation() {
        this.state = State.UNCONFIRMED;
        this.problem = null;
        this.finished = null;
    }

    void confirm(String person, Instant at) {
        this.confirmedBy = person;
        this.confirmedAt = at;
        running();
    }

    void jobExecution(long execution) { this.jobExecution = execution; }

    void running() {
        this.state = State.RUNNING;
        this.problem = null;
        this.finished = null;
    }

    void finish(State end, int signedCount, int failedCount, String why, Instant at) {
        this.state = end;
        this.signed = signedCount;
        this.failed = failedCount;
        this.problem = why == null || why.length() <= 2000 ? why : why.substring(0, 1997) + "...";
        this.finished = at;
    }
}
