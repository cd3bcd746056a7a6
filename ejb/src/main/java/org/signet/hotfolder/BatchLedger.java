package org.signet.hotfolder;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record of every file of every batch, committed a chunk at a time after the chunk's outputs have their names
 * (which prove themselves Signet's own until then: {@link OutputFiles#isLinkedFromTemporary}), so that a batch
 * killed at any moment resumes without signing or writing a file twice.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BatchLedger {

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;

    /** One file's new state, for {@link #recordAll}. */
    public record Entry(String fileName, BatchItem.Status status, String output, String sha256, String error) { }

    /**
     * The entries of a chunk of files, in one transaction: one commit where there were two per file.
     *
     * @param inLedger the files of the batch that have an entry already (the others are inserted without a look-up);
     *                 the files recorded here are added
     */
    public void recordAll(String batchId, List<Entry> entries, Set<String> inLedger) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> existing = entries.stream().map(Entry::fileName).filter(inLedger::contains).toList();
        Map<String, BatchItem> known = items(batchId, existing);
        for (Entry entry : entries) {
            BatchItem item = known.get(entry.fileName());
            if (item == null) {
                item = new BatchItem(batchId, entry.fileName(), entry.status(), entry.output(), entry.sha256(), entry.error());
                em.persist(item);
                known.put(entry.fileName(), item);
            } else {
                item.update(entry.status(), entry.output(), entry.sha256(), entry.error());
            }
        }
        inLedger.addAll(known.keySet());
    }

    /** Whether any file of the batch has an entry. */
    public boolean hasEntries(String batchId) {
        return !em.createQuery("SELECT i.fileName FROM BatchItem i WHERE i.batchId = :batch", String.class)
                .setParameter("batch", batchId).setMaxResults(1).getResultList().isEmpty();
    }

    /** The ledger entries of some files of a batch, by file name (files without one are absent). */
    public Map<String, BatchItem> items(String batchId, List<String> fileNames) {
        Map<String, BatchItem> found = new HashMap<>();
        if (fileNames.isEmpty()) {
            return found;
        }
        // Only resumed batches ask, a chunk's names at a time; the key's index leads with the batch.
        for (BatchItem item : em.createQuery("SELECT i FROM BatchItem i WHERE i.batchId = :batch AND i.fileName IN :names",
                        BatchItem.class).setParameter("batch", batchId).setParameter("names", fileNames).getResultList()) {
            found.put(item.fileName(), item);
        }
        return found;
    }

    /** The end of a batch that did not complete, with the counts the ledger has and the reason, audited. */
    public void ended(String batchId, Batch.State state, String why) {
        Counts counts = counts(batchId);
        ended(batchId, state, counts.signed(), counts.failed(), why);
    }

    /** The batch's end, with its counts and (for a failed one) the reason, audited. */
    public void ended(String batchId, Batch.State state, int signedCount, int failedCount, String why) {
        Batch batch = em.find(Batch.class, batchId);
        batch.finish(state, signedCount, failedCount, why, Instant.now());
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        boolean completed = state == Batch.State.COMPLETED;
        audit.record(new AuditEvent(Instant.now(), folder == null ? "signet" : folder.runAs(),
                completed ? AuditEvent.Action.BATCH_COMPLETED : state == Batch.State.STOPPED ? AuditEvent.Action.BATCH_STOPPED
                        : AuditEvent.Action.BATCH_FAILED,
                completed ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILED, folder == null ? null : folder.seal(),
                null, "batch '" + batch.name() + "' (" + batchId + "): " + signedCount + " signed, " + failedCount + " failed"
                        + (why == null ? "" : "; " + why)));
    }

    public List<BatchItem> items(String batchId) {
        return em.createQuery("SELECT i FROM BatchItem i WHERE i.batchId = :batch ORDER BY i.fileName", BatchItem.class)
                .setParameter("batch", batchId).getResultList();
    }

    /** How many files of a batch are recorded as signed and as failed. */
    public record Counts(int signed, int failed) { }

    /** The batch's counts, in one pass over its part of the ledger. */
    public Counts counts(String batchId) {
        int signed = 0;
        int failed = 0;
        for (Object[] row : em.createQuery("SELECT i.status, COUNT(i) FROM BatchItem i WHERE i.batchId = :batch GROUP BY i.status",
                Object[].class).setParameter("batch", batchId).getResultList()) {
            int n = ((Number) row[1]).intValue();
            if (row[0] == BatchItem.Status.SIGNED) {
                signed = n;
            } else if (row[0] == BatchItem.Status.FAILED) {
                failed = n;
            }
        }
        return new Counts(signed, failed);
    }
}
