package org.signet.audit;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One thing that happened, who asked for it and how it ended. Never holds a secret or a document. */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_AUDIT_EVENT", indexes = @Index(name = "SIGNET_AUDIT_AT", columnList = "OCCURRED_AT"))
public class AuditEvent {

    public enum Action { SIGN, VERIFY, USER_CHANGED, SEAL_AUTHORISED, SEAL_CREATED, SEAL_CHANGED, SEAL_REVOKED, AUDIT_READ, DEMO_CREATED, TOKEN_REGISTERED,
        KEY_GENERATED, KEY_LIMITS_SET, KEY_LIMIT_REACHED, KEY_FAILED, TOKEN_ACTIVATED, TOKEN_DEACTIVATED, CERTIFICATE_REQUESTED,
        CHAIN_IMPORTED, KEY_TESTED, HOT_FOLDER_CHANGED, BATCH_STARTED, BATCH_RESUMED, BATCH_COMPLETED, BATCH_FAILED, BATCH_STOPPED,
        ARCHIVE_SEALED, ARCHIVE_RENEWED, AUDIT_CHECKED, GROUP_CHANGED, AUTHORISATION_WITHDRAWN, BATCH_CONFIRMED,
        BEARER_TOKEN_ISSUED, BEARER_TOKEN_REVOKED, SIGNATURE_AUTHORISED, ARCHIVE_DOCUMENT_KEPT, SIGNED_IN,
        WORKFLOW_STARTED, WORKFLOW_SIGNED, WORKFLOW_REFUSED, WORKFLOW_COMPLETED, WORKFLOW_EXPIRED, WORKFLOW_ESCALATED,
        WORKFLOW_TEMPLATE_CHANGED }

    public enum Outcome { SUCCESS, REFUSED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "OCCURRED_AT", nullable = false)
    private Instant at;

    @Column(name = "ACTOR", length = 128, nullable = false)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(name = "ACTION_NAME", length = 32, nullable = false)
    private Action action;

    @Enumerated(EnumType.STRING)
    @Column(name = "OUTCOME", length = 16, nullable = false)
    private Outcome outcome;

    @Column(name = "SEAL_NAME", length = 64)
    private String sealName;

    /** SHA-256 of the document the action was about, so a later copy can be matched to this event. */
    @Column(name = "DOCUMENT_SHA256", length = 64)
    private String documentSha256;

    @Column(name = "DETAIL", length = 1000)
    private String detail;

    /** {@link AuditKey#seal} of the values above, made as the event is written; none on events from before the seal. */
    @Column(name = "ROW_MAC", length = 64)
    private String rowMac;

    protected AuditEvent() { }

    public AuditEvent(Instant at, String actor, Action action, Outcome outcome, String sealName,
                      String documentSha256, String detail) {
        this.at = at.truncatedTo(ChronoUnit.MICROS); // what every database keeps, so the seal still matches when read back
        this.actor = bounded(actor, 128);
        this.action = action;
        this.outcome = outcome;
        this.sealName = bounded(sealName, 64);
        this.documentSha256 = bounded(documentSha256, 64);
        this.detail = bounded(detail, 1000);
    }

    /**
     * A value cut to its column: a caller may name anything (a seal of 10,000 characters), and the refusal of it
     * must still be audited rather than fail the insert.
     */
    static String bounded(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length - 3) + "...";
    }

    /** The insert {@link AuditLog} writes events with; the id is the database's. */
    static final String INSERT = "INSERT INTO SIGNET_AUDIT_EVENT (OCCURRED_AT, ACTOR, ACTION_NAME, OUTCOME, SEAL_NAME,"
            + " DOCUMENT_SHA256, DETAIL, ROW_MAC) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** This event's values into {@link #INSERT}'s parameters, as the mapping above stores them. */
    void bind(PreparedStatement insert) throws SQLException {
        Timestamp time = Timestamp.from(at);
        insert.setTimestamp(1, time);
        insert.setString(2, actor);
        insert.setString(3, action.name());
        insert.setString(4, outcome.name());
        insert.setString(5, sealName);
        insert.setString(6, documentSha256);
        insert.setString(7, detail);
        insert.setString(8, AuditKey.seal(time.toLocalDateTime(), actor, action.name(), outcome.name(), sealName, documentSha256, detail));
    }

    public AuditEntry entry() {
        return new AuditEntry(id, at, actor, action.name(), outcome.name(), sealName, documentSha256, detail);
    }
}
