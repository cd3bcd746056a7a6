package org.signet.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Writes audit events in their own transaction, so that a refusal is recorded even though the request that
 * caused it rolls back. (The tamper-evident hash chain comes with the authorisation issue.)
 */
@Stateless
@PermitAll
public class AuditLog {

    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(AuditEvent event) {
        em.persist(event);
    }

    /** Several events in one transaction, in order: what a batch of signatures leaves. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAll(java.util.List<AuditEvent> events) {
        for (AuditEvent event : events) {
            em.persist(event);
        }
    }

    /** The newest events first; callers check who may read them. */
    public java.util.List<AuditEntry> newest(int limit) {
        return newest(limit, null);
    }

    /** The newest events of one kind of action (null: of every kind) first. */
    public java.util.List<AuditEntry> newest(int limit, AuditEvent.Action action) {
        var query = action == null ? em.createQuery("SELECT e FROM AuditEvent e ORDER BY e.id DESC", AuditEvent.class)
                : em.createQuery("SELECT e FROM AuditEvent e WHERE e.action = :action ORDER BY e.id DESC", AuditEvent.class)
                        .setParameter("action", action);
        return query.setMaxResults(limit).getResultList().stream().map(AuditEvent::entry).toList();
    }
}
