package org.signet.trail;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.bouncycastle.tsp.TimeStampToken;
import org.signet.audit.AuditCheckpoint;
import org.signet.audit.AuditLink;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;
import org.signet.timestamp.TimeStampAuthorities;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Chains every audit event Signet wrote, in the order they committed, each link hashing the one before; and now and then
 * time-stamps the chain's head (a checkpoint). Writers never wait for the chain: they insert sealed events as before,
 * and this chains them every few seconds.
 * <p>
 * Only chaining is done by one thread at a time; a checkpoint waits for its time stamp without holding up the chain, and
 * of two checkpoints of the same head the first stored is the one kept.
 */
@Singleton
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditChain {

    private static final Logger LOG = Logger.getLogger(AuditChain.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    /**
     * How long before the chain's newest event another one may still commit: longer than any transaction (five
     * minutes by default), so that an event committed late is still found and chained.
     */
    static final Duration LATE = Duration.ofMinutes(15);
    /** At most this many events a run, so that a long history is chained in steps, each committed. */
    static final int RUN = 20_000;
    /**
     * How often the scheduled run looks back over the whole {@link #LATE} window for events that committed after a
     * newer one was chained; in between it reads only the events after the head's, which keeps a run's cost to what
     * arrived since the last one (at 2,000 events a second the window holds 1.8 million).
     */
    static final Duration LOOK_BACK_EVERY = Duration.ofMinutes(5);
    /** A checkpoint when the chain has grown and the last one is older than this. */
    static final Duration CHECKPOINT_EVERY = Duration.ofHours(1);

    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;
    @Inject
    private SignetConfiguration configuration;

    private final ReentrantLock chaining = new ReentrantLock();

    /** The newest link: its number (0: none yet), hash, and when its event happened. */
    /** The chain's last link: its number, hash, and its event's time and id (0 when the event is gone). */
    record Head(long seq, byte[] hash, LocalDateTime eventAt, long eventId) {
        String hex() {
            return HEX.formatHex(hash);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
    public void onSchedule() {
        try {
            boolean lookBack = lastLookBack == null || lastLookBack.isBefore(Instant.now().minus(LOOK_BACK_EVERY));
            while (chain(lookBack) == RUN) {
                // a long history: the next step at once
            }
            if (lookBack) {
                lastLookBack = Instant.now();
            }
            Checkpoint last = lastCheckpoint();
            Head head = head();
            if (head.seq() > 0 && (last == null || (last.seq() < head.seq()
                    && last.madeAt().isBefore(Instant.now().minus(CHECKPOINT_EVERY))))) {
                checkpoint();
            }
        } catch (RuntimeException e) {
            LOG.warning("the audit chain could not be extended now, it is tried again shortly: " + e.getMessage());
        }
    }

    /** When the scheduled run last looked back over the whole window; only that run reads and writes it. */
    private volatile Instant lastLookBack;

    /** Chains the events not chained yet; how many it chained. */
    public int chain() {
        return chain(true);
    }

    /**
     * Chains the events not chained yet, in id order: with {@code lookBack}, every event of the {@link #LATE} window
     * before the head's time; without, those after the head's event only.
     */
    int chain(boolean lookBack) {
        chaining.lock();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Head head = head(connection);
                int added = 0;
                byte[] previous = head.hash();
                long seq = head.seq();
                boolean window = lookBack || head.eventId() == 0;
                try (PreparedStatement unchained = connection.prepareStatement("SELECT e.ID, e.ROW_MAC FROM SIGNET_AUDIT_EVENT e"
                        + (window ? " WHERE e.OCCURRED_AT >= ?" : " WHERE e.ID > ?")
                        + " AND NOT EXISTS (SELECT 1 FROM SIGNET_AUDIT_CHAIN l WHERE l.EVENT_ID = e.ID) ORDER BY e.ID");
                     PreparedStatement insert = connection.prepareStatement(AuditLink.INSERT)) {
                    if (window) {
                        unchained.setTimestamp(1, head.eventAt() == null ? new Timestamp(0) : Timestamp.valueOf(head.eventAt().minus(LATE)));
                    } else {
                        unchained.setLong(1, head.eventId());
                    }
                    unchained.setMaxRows(RUN);
                    try (ResultSet rows = unchained.executeQuery()) {
                        while (rows.next()) {
                            long eventId = rows.getLong(1);
                            previous = AuditLink.hash(previous, ++seq, eventId, rows.getString(2));
                            insert.setLong(1, seq);
                            insert.setLong(2, eventId);
                            insert.setString(3, HEX.formatHex(previous));
                            insert.addBatch();
                            added++;
                        }
                    }
                    if (added > 0) {
                        insert.executeBatch();
                    }
                }
                connection.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the audit chain cannot be extended: " + e.getMessage(), e);
        } finally {
            chaining.unlock();
        }
    }

    /** A checkpoint of what a caller asked for, or made by the schedule. */
    public record Checkpoint(long seq, String headHash, Instant madeAt, String timeStampAuthority) { }

    /**
     * Chains what waits, then time-stamps the head (unless the last checkpoint holds it already): the checkpoint, or null
     * when nothing was ever audited.
     */
    public Checkpoint checkpoint() {
        while (chain() == RUN) {
            // all of it first
        }
        Head head = head();
        if (head.seq() == 0) {
            return null;
        }
        Checkpoint last = lastCheckpoint();
        if (last != null && last.seq() == head.seq()) {
            return last;
        }
        byte[] statement = AuditCheckpoint.statement(head.seq(), head.hex());
        TimeStampToken token = TimeStampAuthorities.stamp(configuration, statement, "the audit chain");
        Instant madeAt = token.getTimeStampInfo().getGenTime().toInstant();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO SIGNET_AUDIT_CHECKPOINT (SEQ, HEAD_HASH, MADE_AT, TIME_STAMP) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, head.seq());
            insert.setString(2, head.hex());
            insert.setTimestamp(3, Timestamp.from(madeAt));
            insert.setBytes(4, token.getEncoded());
            insert.executeUpdate();
        } catch (SQLException e) {
            Checkpoint stored = lastCheckpoint();
            if (stored != null && stored.seq() == head.seq()) {
                return stored; // another caller time-stamped the same head meanwhile
            }
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the audit checkpoint cannot be stored: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the audit checkpoint cannot be stored: " + e.getMessage(), e);
        }
        LOG.info("audit checkpoint at link " + head.seq() + ", head " + head.hex() + ", time-stamped " + madeAt);
        return new Checkpoint(head.seq(), head.hex(), madeAt, AuditTrailCheck.authority(token));
    }

    Head head() {
        try (Connection connection = dataSource.getConnection()) {
            return head(connection);
        } catch (SQLException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the audit chain cannot be read: " + e.getMessage(), e);
        }
    }

    private static Head head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT l.SEQ, l.LINK_HASH, e.OCCURRED_AT, e.ID FROM SIGNET_AUDIT_CHAIN l"
                + " LEFT JOIN SIGNET_AUDIT_EVENT e ON e.ID = l.EVENT_ID WHERE l.SEQ = (SELECT MAX(SEQ) FROM SIGNET_AUDIT_CHAIN)");
             ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                return new Head(0, AuditLink.START, null, 0);
            }
            Timestamp at = row.getTimestamp(3);
            // a head whose event is gone: chain from the start of time, the check reports the gap
            return new Head(row.getLong(1), HEX.parseHex(row.getString(2)), at == null ? LocalDateTime.of(1970, 1, 2, 0, 0)
                    : at.toLocalDateTime(), at == null ? 0 : row.getLong(4));
        }
    }

    Checkpoint lastCheckpoint() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT SEQ, HEAD_HASH, MADE_AT, TIME_STAMP FROM SIGNET_AUDIT_CHECKPOINT"
                     + " WHERE SEQ = (SELECT MAX(SEQ) FROM SIGNET_AUDIT_CHECKPOINT)");
             ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            TimeStampToken token = AuditTrailCheck.token(row.getBytes(4));
            return new Checkpoint(row.getLong(1), row.getString(2), row.getTimestamp(3).toInstant(),
                    token == null ? null : AuditTrailCheck.authority(token));
        } catch (SQLException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the audit checkpoints cannot be read: " + e.getMessage(), e);
        }
    }
}
