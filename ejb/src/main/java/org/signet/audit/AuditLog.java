package org.signet.audit;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.schema.RetriedTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes audit events in their own transaction, so that a refusal is recorded even though the request that
 * caused it rolls back. Each event is sealed as it is written ({@link AuditKey}); the chain over them is made
 * afterwards (trail.AuditChain), so writers never wait for one another.
 * <p>
 * Events are written by one JDBC batch insert rather than {@code persist}: they are never read back in the
 * transaction that writes them and nobody needs their generated ids there, and a hot folder writes one per document.
 * Through JPA, each event cost its unit-of-work bookkeeping and a fetch of its identity value, more than Derby's
 * own insert (JFR: 12 % of the batch threads' samples, of which Derby's work was under half).
 */
@Stateless
@PermitAll
public class AuditLog {

    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void record(AuditEvent event) {
        recordAll(List.of(event));
    }

    /** Several events in one transaction of their own, in order: what a batch of signatures leaves. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            RetriedTransaction.run(dataSource::getConnection, connection -> insert(connection, events));
        } catch (SQLException e) {
            throw new IllegalStateException("the audit trail could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Writes events on a connection of the caller's transaction, for callers whose own rows must commit with them
     * (the archive's journal entries of the same signatures).
     */
    public static void insert(Connection connection, List<AuditEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(AuditEvent.INSERT)) {
            for (AuditEvent event : events) {
                event.bind(insert);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The newest events first; callers check who may read them. */
    public List<AuditEntry> newest(int limit) {
        return newest(limit, null);
    }

    /** Documents one seal signed in one hour (UTC), as the dashboard charts them. */
    public record SealHour(Instant hour, String seal, long documents) { }

    /**
     * The documents each seal signed in each of the last {@code hours} hours (the current one last): one grouped count
     * per hour over the index on the event time, so that a night of 200,000 signatures is counted, not fetched.
     */
    public List<SealHour> signaturesPerHour(int hours) {
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
        List<SealHour> counted = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            Instant hour = first.plus(Duration.ofHours(i));
            em.createQuery("SELECT e.sealName, COUNT(e) FROM AuditEvent e WHERE e.at >= :from AND e.at < :to AND e.action = :sign"
                            + " AND e.outcome = :success GROUP BY e.sealName", Object[].class)
                    .setParameter("from", hour).setParameter("to", hour.plus(Duration.ofHours(1)))
                    .setParameter("sign", AuditEvent.Action.SIGN).setParameter("success", AuditEvent.Outcome.SUCCESS)
                    .getResultList()
                    .forEach(row -> counted.add(new SealHour(hour, (String) row[0], ((Number) row[1]).longValue())));
        }
        return counted;
    }

    /** The newest refusals of any action, newest first. */
    public List<AuditEntry> newestRefusals(int limit) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.outcome = :refused ORDER BY e.id DESC", AuditEvent.class)
                .setParameter("refused", AuditEvent.Outcome.REFUSED).setMaxResults(limit).getResultList().stream()
                .map(AuditEvent::entry).toList();
    }

    /** The newest events of one kind of action (null: of every kind) first. */
    public List<AuditEntry> newest(int limit, AuditEvent.Action action) {
        var query = action == null ? em.createQuery("SELECT e FROM AuditEvent e ORDER BY e.id DESC", AuditEvent.class)
                : em.createQuery("SELECT e FROM AuditEvent e WHERE e.action = :action ORDER BY e.id DESC", AuditEvent.class)
                        .setParameter("action", action);
        return query.setMaxResults(limit).getResultList().stream().map(AuditEvent::entry).toList();
    }
}
