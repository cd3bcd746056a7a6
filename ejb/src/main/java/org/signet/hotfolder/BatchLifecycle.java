package org.signet.hotfolder;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;
import org.signet.seal.Seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A hot-folder batch from its approval to its end, for the Jakarta Batch job and the watcher in the batch module:
 * taken on, resumed after a crash or a stop, finished (report, ready semaphore) or stopped with its reason. The
 * signing of its files is {@link ChunkSigning}'s.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchLifecycle {

    private static final Logger LOG = Logger.getLogger(BatchLifecycle.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    @EJB
    private BatchLedger ledger;

    @EJB
    private AuditLog audit;

    @Inject
    private SignetConfiguration configuration;

    /**
     * Every hot folder the watcher may serve: one whose folders the server configuration no longer allows (its base
     * folders changed) is left alone, with a warning, until an admin moves it.
     */
    public List<HotFolder> hotFolders() {
        HotFolderBases bases = HotFolderBases.of(configuration);
        List<HotFolder> allowed = new ArrayList<>();
        for (HotFolder folder : em.createQuery("SELECT f FROM HotFolder f ORDER BY f.name", HotFolder.class).getResultList()) {
            String refusal = bases.refusal(List.of(folder.root(), folder.outgoing(), folder.error()));
            if (refusal == null) {
                allowed.add(folder);
            } else if (WARNED.add(folder.name() + refusal)) {
                LOG.warning("hot folder '" + folder.name() + "' is not served: " + refusal);
            }
        }
        return allowed;
    }

    /**
     * Takes on an approved batch folder: a new batch, or the one that stopped (to resume it). Returns null when the
     * batch is running already or the folder is not a batch Signet may touch.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String claim(String hotFolder, String batchName) {
        HotFolder folder = em.find(HotFolder.class, hotFolder);
        if (folder == null || !HotFolderNames.isSafeName(batchName)) {
            return null;
        }
        List<Batch> known = em.createQuery("SELECT b FROM Batch b WHERE b.hotFolder = :folder AND b.name = :name "
                + "AND b.state <> :completed", Batch.class).setParameter("folder", hotFolder).setParameter("name", batchName)
                .setParameter("completed", Batch.State.COMPLETED).getResultList();
        if (!known.isEmpty()) {
            Batch batch = known.get(0);
            if (batch.state() == Batch.State.RUNNING || batch.state() == Batch.State.UNCONFIRMED) {
                return batch.id(); // the watcher knows whether its job is still on
            }
            // A failed batch is tried again when its approval file is touched after the failure, not every scan.
            Path approval = folder.root().resolve(batchName).resolve(folder.approvalFile());
            try {
                if (!Files.getLastModifiedTime(approval).toInstant().isAfter(batch.finished())) {
                    return null;
                }
            } catch (IOException e) {
                return null;
            }
            resume(batch, folder);
            return batch.id();
        }
        Batch batch = new Batch(UUID.randomUUID().toString(), hotFolder, batchName, Instant.now());
        resume(batch, folder);
        boolean confirmation = batch.state() == Batch.State.UNCONFIRMED;
        em.persist(batch);
        audit.record(new AuditEvent(Instant.now(), folder.runAs(), AuditEvent.Action.BATCH_STARTED, AuditEvent.Outcome.SUCCESS,
                folder.seal(), null, "hot folder '" + hotFolder + "', batch '" + batchName + "' (" + batch.id() + ")"
                + (confirmation ? ", waiting for a person's confirmation with a second factor" : "")));
        return batch.id();
    }

    /** A new, failed or stopped batch runs, unless its seal requires a confirmation nobody gave it yet. */
    private void resume(Batch batch, HotFolder folder) {
        Seal seal = folder == null || folder.seal() == null ? null : em.find(Seal.class, folder.seal());
        if (seal != null && seal.requiresOneTimeCode() && batch.confirmedBy() == null) {
            batch.awaitConfirmation();
        } else {
            batch.running();
        }
    }

    /** Whether the batch's job may run: not while it waits for a person's confirmation. */
    public boolean startable(String batchId) {
        Batch batch = em.find(Batch.class, batchId);
        return batch != null && batch.state() != Batch.State.UNCONFIRMED;
    }

    /** A person confirmed the batch with a second factor: it runs, for its job to be started. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void confirmed(String batchId, String person) {
        Batch batch = em.find(Batch.class, batchId, LockModeType.PESSIMISTIC_WRITE);
        if (batch == null || batch.state() != Batch.State.UNCONFIRMED) {
            throw new SignetException(SignetException.Kind.CONFLICT, "batch " + batchId + " is not waiting for a confirmation");
        }
        batch.confirm(person, Instant.now());
    }

    /** Batches a crash or a stop left running: their jobs are started again, which resumes them. */
    public List<String> unfinished() {
        return em.createQuery("SELECT b.id FROM Batch b WHERE b.state = :running", String.class)
                .setParameter("running", Batch.State.RUNNING).getResultList();
    }

    /** A batch found running at start-up, after a crash or a shutdown: audited, then resumed by a new job. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void resuming(String batchId) {
        Batch batch = em.find(Batch.class, batchId);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        audit.record(new AuditEvent(Instant.now(), folder == null ? "signet" : folder.runAs(), AuditEvent.Action.BATCH_RESUMED,
                AuditEvent.Outcome.SUCCESS, folder == null ? null : folder.seal(), null, "batch '" + batch.name() + "' (" + batchId
                + ") resumed at start-up: " + ledger.counts(batchId).signed() + " files signed before"));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void jobStarted(String batchId, long execution) {
        em.find(Batch.class, batchId).jobExecution(execution);
    }

    public Batch batch(String batchId) {
        return em.find(Batch.class, batchId);
    }

    /** The files of the batch folder to sign, by name: plain files that pass the root's filter, links left out. */
    public List<String> files(String batchId) {
        Batch batch = requireBatch(batchId);
        return BatchInputs.files(em.find(HotFolder.class, batch.hotFolder()), batch);
    }

    /**
     * Before a job of the batch signs anything: originals that a crash caught while they were becoming their outputs
     * go back into the batch folder, cut to their length, to be signed again. One that cannot go back stays where it
     * is, hidden in the outgoing folder, and the audit trail says where.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void restoreMovedOriginals(String batchId) {
        Batch batch = requireBatch(batchId);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        MovedOriginals.Restored restored = MovedOriginals.restoreMovedOriginals(folder.outgoing().resolve(batch.name()),
                HotFolderNames.child(folder.root(), batch.name()));
        if (restored.putBack() > 0 || !restored.kept().isEmpty()) {
            StringBuilder details = new StringBuilder("batch '" + batch.name() + "' (" + batchId + "): " + restored.putBack()
                    + " original(s) that an interrupted job was turning into outputs put back to be signed again");
            restored.kept().forEach((moved, why) -> details.append("; kept: ").append(why.getMessage()));
            audit.record(new AuditEvent(Instant.now(), folder.runAs(), AuditEvent.Action.BATCH_RESUMED, restored.kept().isEmpty()
                    ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILED, folder.seal(), null, details.toString()));
        }
    }

    /** Whether an earlier job of the batch recorded files (a stop, a failure or a crash came before its end). */
    public boolean resumes(String batchId) {
        return ledger.hasEntries(batchId);
    }

    /**
     * Ends a batch: the report, any original of a signed file still there removed (a crash came between its record and
     * its removal; unless the root keeps them), the approval file removed, and the ready semaphore written last. Safe
     * to run again after a crash.
     */
    public void finish(String batchId) {
        Batch batch = requireBatch(batchId);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        Path inDir = HotFolderNames.child(folder.root(), batch.name());
        List<BatchItem> items = ledger.items(batchId);
        BatchReport report = BatchReport.of(items, folder.workflow() != null);
        try {
            Path outDir = HotFolderNames.plainFolder(folder.outgoing(), batch.name());
            OutputFiles.write(outDir.resolve(BatchReport.FILE_NAME), report.csv());
            Files.deleteIfExists(outDir.resolve("FAILED")); // an earlier stop of this batch, now overcome
            OutputFiles.removeLeftovers(outDir); // a crash's: every file is recorded now
            if (!folder.keepOriginals()) {
                for (BatchItem item : items) {
                    if (item.status() == BatchItem.Status.SIGNED) {
                        Files.deleteIfExists(HotFolderNames.child(inDir, item.fileName()));
                    }
                }
            }
            Files.deleteIfExists(inDir.resolve(folder.approvalFile()));
            try (DirectoryStream<Path> left = Files.newDirectoryStream(inDir)) {
                if (!left.iterator().hasNext()) {
                    Files.delete(inDir);
                }
            }
            OutputFiles.write(outDir.resolve(folder.readyFile()), report.readySemaphore());
        } catch (IOException e) {
            throw new BatchStoppedException("batch '" + batch.name() + "' could not be completed: " + e, e);
        }
        ledger.ended(batchId, Batch.State.COMPLETED, report.signed(), report.failed(), null);
    }

    /** An operator stopped the batch's job: it waits for a restart or a new approval. */
    public void stoppedByOperator(String batchId) {
        ledger.ended(batchId, Batch.State.STOPPED, "stopped by an operator");
    }

    /** Makes a failed or stopped batch running again, for its job to be started. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reopen(String batchId) {
        Batch batch = em.find(Batch.class, batchId);
        if (batch != null && batch.state() != Batch.State.COMPLETED) {
            resume(batch, em.find(HotFolder.class, batch.hotFolder()));
        }
    }

    /** The job failed: the batch is marked so, with the reason, and resumes when its job is started again. */
    public void stopped(String batchId, String why) {
        // another partition may still be naming the outputs it signed: the semaphore comes after them
        if (!ChunksInFlight.awaitNone(batchId, Duration.ofMinutes(5))) {
            LOG.warning("batch " + batchId + " is marked FAILED while a chunk of it still runs");
        }
        Batch batch = requireBatch(batchId);
        ledger.ended(batchId, Batch.State.FAILED, why);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        try {
            Path outDir = HotFolderNames.plainFolder(folder.outgoing(), batch.name());
            OutputFiles.write(outDir.resolve("FAILED"), (why + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            // the batch row and the audit trail hold the reason
        }
    }

    private Batch requireBatch(String batchId) {
        Batch batch = em.find(Batch.class, batchId);
        if (batch == null) {
            throw new BatchStoppedException("there is no batch " + batchId, null);
        }
        return batch;
    }
}
