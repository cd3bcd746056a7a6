package org.signet.hotfolder;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.document.Documents;
import org.signet.document.PdfDocuments;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;
import org.signet.monitoring.SignetMeters;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningOptions;
import org.signet.signing.SigningService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The work of a hot-folder batch, one file at a time, for the Jakarta Batch job in the batch module (which only
 * reads names and calls here). Each file ends signed (its output written under a temporary name, then renamed) or
 * failed (moved to the error folder with the reason); the ledger records each step before the next, so a batch
 * killed at any moment and started again signs every file exactly once.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchProcessing {

    /** Refusals that no other file of the batch would escape: they stop the batch instead of failing every file. */
    private static final Set<SignetException.Kind> STOP_THE_BATCH = EnumSet.of(SignetException.Kind.KEY_UNAVAILABLE,
            SignetException.Kind.KEY_LIMIT_REACHED, SignetException.Kind.PIN_REQUIRED, SignetException.Kind.WRONG_PIN,
            SignetException.Kind.NOT_AUTHORISED, SignetException.Kind.NOT_AUTHENTICATED, SignetException.Kind.UNKNOWN_SEAL,
            SignetException.Kind.NOT_ALLOWED_FOR_SEAL);

    /**
     * A chunk's files are signed in groups of at most this many bytes read (and at least one file): large files must
     * not hold a whole chunk of documents and signatures in memory at once.
     */
    private static final long GROUP_BYTES = 16L << 20;

    /**
     * Documents signed per slice: few enough that a slice's writes (eight at a time on {@code signet-io}) are done
     * while the next slice is signed, so that the batch threads do not wait for the disk; one audit commit per slice.
     */
    private static final int SLICE = 25;

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private SigningService signing;
    @EJB
    private BatchLedger ledger;
    @EJB
    private AuditLog audit;
    @Inject
    private SignetMeters meters;
    @Inject
    private SignetConfiguration configuration;
    /** Writes and flushes outputs side by side (wildfly-config: eight threads that mostly wait for the disk). */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/signet-io")
    private ManagedExecutorService io;

    /** Every hot folder, for the watcher. */
    public List<HotFolder> hotFolders() {
        return em.createQuery("SELECT f FROM HotFolder f ORDER BY f.name", HotFolder.class).getResultList();
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
            if (batch.state() == Batch.State.RUNNING) {
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
            batch.running();
            return batch.id();
        }
        Batch batch = new Batch(UUID.randomUUID().toString(), hotFolder, batchName, Instant.now());
        em.persist(batch);
        audit.record(new AuditEvent(Instant.now(), folder.runAs(), AuditEvent.Action.BATCH_STARTED, AuditEvent.Outcome.SUCCESS,
                folder.seal(), null, "hot folder '" + hotFolder + "', batch '" + batchName + "' (" + batch.id() + ")"));
        return batch.id();
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
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        Path dir = HotFolderNames.child(folder.root(), batch.name());
        PathMatcher filter = folder.filter() == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + folder.filter());
        // Outputs made of their originals and named just before a crash: the original's name left the batch folder.
        Set<String> movedIntoOutputs = new HashSet<>(MovedOriginals.movedIntoOutputs(folder.outgoing().resolve(batch.name())));
        movedIntoOutputs.removeIf(name -> !HotFolderNames.isSafeName(name));
        List<String> names = new ArrayList<>(movedIntoOutputs);
        if (!HotFolderNames.isPlainDirectory(dir)) {
            names.sort(null);
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals(folder.approvalFile()) || name.startsWith(".") || (filter != null && !filter.matches(entry.getFileName()))) {
                    continue;
                }
                if (!movedIntoOutputs.contains(name)) {
                    names.add(name); // links and unsafe names are kept, to fail with a reason rather than vanish
                }
            }
        } catch (IOException e) {
            throw new BatchStoppedException("cannot list the batch folder " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
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

    /** A file of the chunk that has been read and waits for its signature. */
    private record ToSign(String fileName, Path input, String outputName, byte[] document) { }

    /** A file of the chunk that is signed and waits to be written. */
    private record ToWrite(ToSign file, SignedDocument signed) { }

    /**
     * Signs a chunk of the batch's files, or fails each with its reason; files already done are left alone. A chunk
     * (or each group of it, when its files are large) shares its bookkeeping: its signatures are made through
     * {@link SigningService#signAllAs} (one usage reservation, an audit transaction per slice of 25), its outputs are
     * written and forced to disk side by side while the next slice is signed, its ledger entries are committed once,
     * after the outputs have their names, and then the originals of its signed files go (unless the root keeps them).
     *
     * @param resumed whether the batch had ledger entries when this job's partition began ({@link #resumes}): in a
     *                first job a file is met once, so its entry cannot exist yet and is not looked up
     * @throws BatchStoppedException after writing what was signed, when no file of the batch could be signed any more
     */
    public void processChunk(String batchId, List<String> fileNames, boolean resumed) {
        Batch batch = requireBatch(batchId);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        Map<String, BatchItem> known = resumed ? ledger.items(batchId, fileNames) : Map.of();
        Set<String> inLedger = new HashSet<>(known.keySet());
        Path outDir = folder.outgoing().resolve(batch.name());
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new BatchStoppedException("the outgoing folder " + outDir + " cannot be made: " + e, e);
        }
        List<BatchLedger.Entry> entries = new ArrayList<>();
        List<ToSign> toSign = new ArrayList<>();
        long bytes = 0;
        for (String fileName : fileNames) {
            BatchItem done = known.get(fileName);
            if (done != null && done.status() != BatchItem.Status.WRITING) {
                continue;
            }
            ToSign file = read(folder, batch, fileName, done != null, entries);
            if (file != null) {
                toSign.add(file);
                bytes += file.document().length;
            }
            if (bytes >= GROUP_BYTES) {
                signAndWrite(batch, folder, outDir, toSign, entries, inLedger);
                toSign = new ArrayList<>();
                entries = new ArrayList<>();
                bytes = 0;
            }
        }
        signAndWrite(batch, folder, outDir, toSign, entries, inLedger);
    }

    /**
     * Signs what was read, writes the outputs and records them. The documents are signed {@link #SLICE} at a time, and
     * each slice's outputs are written while the next is signed; the ledger entries of all are recorded once, after
     * every output has its name.
     *
     * @param entries the ledger entries of files that already failed (unreadable, unsafe name, ...), recorded with the rest
     * @param inLedger the files of the batch with a ledger entry
     */
    private void signAndWrite(Batch batch, HotFolder folder, Path outDir, List<ToSign> toSign, List<BatchLedger.Entry> entries,
                              Set<String> inLedger) {
        Slices slices = new Slices(batch, folder, outDir, toSign, entries);
        if (!toSign.isEmpty()) {
            // A stamp is a PDF's; other formats of a root with a stamp text sign without one.
            String stamp = folder.format() == SignatureFormat.PADES ? folder.stampText() : null;
            signing.signAllAs(folder.runAs(), toSign.stream().map(file -> new SigningOptions(folder.seal(), folder.level().name(),
                    null, null, file.fileName(), null, null, null, null, null, null, stamp != null, null, null, null, stamp,
                    folder.cards(), null).request(folder.format(), file.document())).toList(), SLICE, slices);
        }
        List<Path> named = new ArrayList<>();
        for (Slice slice : slices.written) {
            // Outputs are named first and recorded after, once: until the record commits, each keeps its temporary name
            // as a second name, which tells a resumed batch that the output is Signet's own (read below).
            OutputFiles.Written outputs = slice.outputs().join();
            Map<Path, IOException> unwritten = outputs.failed();
            for (ToWrite written : slice.files()) {
                ToSign file = written.file();
                IOException problem = unwritten.get(HotFolderNames.child(outDir, file.outputName()));
                if (problem == null && folder.format() == SignatureFormat.CADES) {
                    problem = unwritten.get(HotFolderNames.child(outDir, file.fileName()));
                }
                if (problem == null) {
                    entries.add(new BatchLedger.Entry(file.fileName(), BatchItem.Status.SIGNED, file.outputName(),
                            written.signed().sha256Hex(), null));
                } else {
                    // A full disk or a vanished folder: nothing half-written stays (temporary names are removed).
                    entries.add(ErrorFolder.fail(folder, batch, file.fileName(), file.input(), "the signed output could not be written: " + problem));
                }
            }
            named.addAll(outputs.temporaries());
        }
        ledger.recordAll(batch.id(), entries, inLedger);
        int signedFiles = (int) entries.stream().filter(entry -> entry.status() == BatchItem.Status.SIGNED).count();
        meters.batchFiles(folder.name(), true, signedFiles);
        meters.batchFiles(folder.name(), false, entries.size() - signedFiles);
        OutputFiles.removeTemporaries(named);
        if (!folder.keepOriginals()) {
            removeOriginals(HotFolderNames.child(folder.root(), batch.name()), entries);
        }
        if (slices.stop != null) {
            throw slices.stop;
        }
    }

    /**
     * Removes the originals of files whose outputs are recorded as signed, as the batch goes rather than at its end: a
     * batch of 200,000 scans does not hold its inputs and its outputs on disk (and in the page cache) side by side
     * until the last file, and the folder shows what is left to sign. What a crash leaves here, {@link #finish} removes.
     */
    private static void removeOriginals(Path inDir, List<BatchLedger.Entry> entries) {
        for (BatchLedger.Entry entry : entries) {
            if (entry.status() == BatchItem.Status.SIGNED) {
                HotFolderNames.child(inDir, entry.fileName()).toFile().delete(); // java.io: no exception for a file gone
            }
        }
    }

    /** One slice's signed files and their outputs being written. */
    private record Slice(List<ToWrite> files, CompletableFuture<OutputFiles.Written> outputs) { }

    /** Takes the outcomes of {@link SigningService#signAllAs} a slice at a time and starts writing their outputs. */
    private final class Slices implements Consumer<List<SigningService.SigningOutcome>> {
        private final Batch batch;
        private final HotFolder folder;
        private final Path outDir;
        private final List<ToSign> toSign;
        private final List<BatchLedger.Entry> entries;
        private final List<Slice> written = new ArrayList<>();
        private int next;
        private BatchStoppedException stop;

        Slices(Batch batch, HotFolder folder, Path outDir, List<ToSign> toSign, List<BatchLedger.Entry> entries) {
            this.batch = batch;
            this.folder = folder;
            this.outDir = outDir;
            this.toSign = toSign;
            this.entries = entries;
        }

        @Override
        public void accept(List<SigningService.SigningOutcome> outcomes) {
            List<ToWrite> toWrite = new ArrayList<>();
            for (SigningService.SigningOutcome outcome : outcomes) {
                ToSign file = toSign.get(next++);
                SignetException refusal = outcome.refusal();
                if (refusal == null) {
                    toWrite.add(new ToWrite(file, outcome.signed()));
                } else if (STOP_THE_BATCH.contains(refusal.kind())) {
                    if (stop == null) { // the file stays as it is and is signed when the batch is resumed
                        stop = new BatchStoppedException("seal '" + folder.seal() + "' cannot sign: " + refusal.getMessage(), refusal);
                    }
                } else {
                    entries.add(ErrorFolder.fail(folder, batch, file.fileName(), file.input(), refusal.getMessage()));
                }
            }
            List<OutputFiles.NewFile> outputs = new ArrayList<>();
            for (ToWrite signed : toWrite) {
                ToSign file = signed.file();
                if (folder.format() == SignatureFormat.CADES) {
                    // A detached signature travels with the file it signs.
                    Path copy = HotFolderNames.child(outDir, file.fileName());
                    if (!OutputFiles.isTaken(copy)) {
                        outputs.add(output(copy, file.document(), file));
                    }
                }
                outputs.add(output(HotFolderNames.child(outDir, file.outputName()), signed.signed().content(), file));
            }
            written.add(new Slice(toWrite, OutputFiles.linkAllNewAsync(outDir, outputs, io)));
        }

        /** An output; one that begins with its original (a PDF's new revision, a copy) is made of it, unless the root keeps it. */
        private OutputFiles.NewFile output(Path target, byte[] content, ToSign file) {
            return folder.keepOriginals() ? new OutputFiles.NewFile(target, content)
                    : OutputFiles.NewFile.extending(target, content, file.input(), file.document());
        }
    }

    /**
     * Reads one file of the chunk, or records why it cannot be signed. An output already in place is Signet's own when
     * its temporary name is still a second name of it (a crash came between naming and recording it), or when the
     * ledger says it was being written (what earlier builds recorded before a rename).
     */
    private ToSign read(HotFolder folder, Batch batch, String fileName, boolean wasWriting, List<BatchLedger.Entry> entries) {
        String outputName = folder.format() == SignatureFormat.CADES ? fileName + ".p7s" : fileName;
        Path input;
        Path output;
        try {
            input = HotFolderNames.child(HotFolderNames.child(folder.root(), batch.name()), fileName);
            output = HotFolderNames.child(folder.outgoing().resolve(batch.name()), outputName);
        } catch (IllegalArgumentException e) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, null, e.getMessage()));
            return null;
        }
        if (OutputFiles.isTaken(output)) {
            boolean ours = wasWriting || OutputFiles.isLinkedFromTemporary(output);
            entries.add(ours ? new BatchLedger.Entry(fileName, BatchItem.Status.SIGNED, outputName, sha256(output), null)
                    : ErrorFolder.fail(folder, batch, fileName, input, "the output " + output + " exists already; Signet does not overwrite it"));
            return null;
        }
        if (folder.format() == SignatureFormat.CADES && !HotFolderNames.isPlainFile(input)) {
            // A crash came after the original became the copy next to its signature, and before the signature was named.
            Path copy = HotFolderNames.child(output.getParent(), fileName);
            if (OutputFiles.isLinkedFromTemporary(copy)) {
                input = copy;
            }
        }
        if (!HotFolderNames.isPlainFile(input)) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, null, "not a regular file (links are not followed)"));
            return null;
        }
        byte[] document;
        try {
            document = Documents.readFile(input, configuration.maxDocumentBytes(), fileName);
        } catch (IOException e) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, input, "cannot read the file: " + e.getMessage()));
            return null;
        } catch (SignetException e) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, input, e.getMessage()));
            return null;
        }
        String wrongType = wrongType(folder.format(), document);
        if (wrongType != null) {
            entries.add(ErrorFolder.fail(folder, batch, fileName, input, wrongType));
            return null;
        }
        return new ToSign(fileName, input, outputName, document);
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
        Path outDir = folder.outgoing().resolve(batch.name());
        List<BatchItem> items = ledger.items(batchId);
        BatchReport report = BatchReport.of(items);
        try {
            Files.createDirectories(outDir);
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
            batch.running();
        }
    }

    /** The job failed: the batch is marked so, with the reason, and resumes when its job is started again. */
    public void stopped(String batchId, String why) {
        Batch batch = requireBatch(batchId);
        ledger.ended(batchId, Batch.State.FAILED, why);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        try {
            Path outDir = folder.outgoing().resolve(batch.name());
            Files.createDirectories(outDir);
            OutputFiles.write(outDir.resolve("FAILED"), (why + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the batch row and the audit trail hold the reason
        }
    }


    /** A file that is not what the root signs, named before DSS would fail on it with a less helpful message. */
    private static String wrongType(SignatureFormat format, byte[] document) {
        if (format == SignatureFormat.PADES && !PdfDocuments.hasPdfHeader(document)) {
            return "not a PDF (no %PDF- header)";
        }
        String head = new String(document, 0, Math.min(document.length, 1024), StandardCharsets.ISO_8859_1);
        if (format == SignatureFormat.XADES && !head.replace("\uFEFF", "").replace("ï»¿", "").strip().startsWith("<")) {
            return "not an XML document";
        }
        return null;
    }

    private Batch requireBatch(String batchId) {
        Batch batch = em.find(Batch.class, batchId);
        if (batch == null) {
            throw new BatchStoppedException("there is no batch " + batchId, null);
        }
        return batch;
    }

    private static String sha256(Path file) {
        try {
            return Documents.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
    }
}
