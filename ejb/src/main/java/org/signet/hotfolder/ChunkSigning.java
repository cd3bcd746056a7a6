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
import org.signet.archive.ArchiveUse;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignatureFormat;
import org.signet.model.SignetException;
import org.signet.monitoring.SignetMeters;
import org.signet.signing.SignRequest;
import org.signet.signing.SignedDocument;
import org.signet.signing.SigningOptions;
import org.signet.signing.SigningService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Signs a hot-folder batch's files a chunk at a time, for the Jakarta Batch job in the batch module (which only
 * reads names and calls here). Each file ends signed (its output written under a temporary name, then named) or
 * failed (moved to the error folder with the reason); the ledger records each step before the next, so a batch
 * killed at any moment and started again signs every file exactly once.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChunkSigning {

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

    /** What a file too large to hold counts towards a group: only its appended revision or its signature is held. */
    private static final long LARGE_FILE_BYTES = 1L << 20;

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
    private HotFolderWorkflows workflows;

    @Inject
    private SignetMeters meters;

    @Inject
    private SignetConfiguration configuration;

    /** Writes and flushes outputs side by side (wildfly-config: eight threads that mostly wait for the disk). */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/signet-io")
    private ManagedExecutorService io;

    /** A file of the chunk that is signed and waits to be written. */
    private record ToWrite(BatchInputs.ToSign file, SignedDocument signed) { }

    /**
     * Signs a chunk of the batch's files, or fails each with its reason; files already done are left alone. A chunk
     * (or each group of it, when its files are large) shares its bookkeeping: its signatures are made through
     * {@link SigningService#signAllAs} (one usage reservation, an audit transaction per slice of 25), its outputs are
     * written and forced to disk side by side while the next slice is signed, its ledger entries are committed once,
     * after the outputs have their names, and then the originals of its signed files go (unless the root keeps them).
     *
     * @param resumed whether the batch had ledger entries when this job's partition began ({@link BatchLifecycle#resumes}): in a
     *                first job a file is met once, so its entry cannot exist yet and is not looked up
     * @throws BatchStoppedException after writing what was signed, when no file of the batch could be signed any more
     */
    public void processChunk(String batchId, List<String> fileNames, boolean resumed) {
        ChunksInFlight.started(batchId);
        try {
            signChunk(batchId, fileNames, resumed);
        } finally {
            ChunksInFlight.ended(batchId);
        }
    }

    private void signChunk(String batchId, List<String> fileNames, boolean resumed) {
        Batch batch = requireBatch(batchId);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        Map<String, BatchItem> known = resumed ? ledger.items(batchId, fileNames) : Map.of();
        Set<String> inLedger = new HashSet<>(known.keySet());
        Path outDir;
        try {
            outDir = HotFolderNames.plainFolder(folder.outgoing(), batch.name());
        } catch (IOException e) {
            throw new BatchStoppedException("the outgoing folder of batch '" + batch.name() + "' cannot be used: " + e.getMessage(), e);
        }
        if (folder.workflow() != null) {
            workflows.startChunk(batch, folder, outDir, fileNames, known, inLedger);
            return;
        }
        List<BatchLedger.Entry> entries = new ArrayList<>();
        List<BatchInputs.ToSign> toSign = new ArrayList<>();
        long bytes = 0;
        for (String fileName : fileNames) {
            BatchItem done = known.get(fileName);
            if (done != null && done.status() != BatchItem.Status.WRITING) {
                continue;
            }
            BatchInputs.ToSign file = BatchInputs.read(folder, batch, fileName, done != null, entries, configuration.maxDocumentBytes(),
                    configuration.maxStreamedBytes());
            if (file != null) {
                toSign.add(file);
                bytes += file.large() ? LARGE_FILE_BYTES : file.document().length;
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
    private void signAndWrite(Batch batch, HotFolder folder, Path outDir, List<BatchInputs.ToSign> toSign, List<BatchLedger.Entry> entries,
                              Set<String> inLedger) {
        Slices slices = new Slices(batch, folder, outDir, toSign, entries);
        if (!toSign.isEmpty()) {
            // A stamp is a PDF's; other formats of a root with a stamp text sign without one.
            String stamp = folder.format() == SignatureFormat.PADES ? folder.stampText() : null;
            signing.signAllAs(folder.runAs(), toSign.stream().map(file -> request(folder, stamp, file)).toList(), SLICE,
                    ArchiveUse.batch(folder.name(), batch.name(), folder.archived(), folder.keepsDocuments()), batch.confirmedBy(), slices);
        }
        List<Path> named = new ArrayList<>();
        for (Slice slice : slices.written) {
            // Outputs are named first and recorded after, once: until the record commits, each keeps its temporary name
            // as a second name, which tells a resumed batch that the output is Signet's own (read below).
            OutputFiles.Written outputs = slice.outputs().join();
            Map<Path, IOException> unwritten = outputs.failed();
            for (ToWrite written : slice.files()) {
                BatchInputs.ToSign file = written.file();
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

    /** A file's request: a file too large to hold is signed where it lies (a PDF) or by its digest (detached CAdES). */
    private static SignRequest request(HotFolder folder, String stamp, BatchInputs.ToSign file) {
        SigningOptions options = new SigningOptions(folder.seal(), folder.level().name(), null, null, file.fileName(), null, null, null,
                null, null, null, stamp != null, null, null, null, stamp, folder.cards(), null, null);
        if (!file.large()) {
            return options.request(folder.format(), file.document());
        }
        return folder.format() == SignatureFormat.PADES ? options.pdfRequest(new LargeInput(file.input(), file.length()))
                : options.digestRequest(file.sha256());
    }

    /**
     * Removes the originals of files whose outputs are recorded as signed, as the batch goes rather than at its end: a
     * batch of 200,000 scans does not hold its inputs and its outputs on disk (and in the page cache) side by side
     * until the last file, and the folder shows what is left to sign. What a crash leaves here, {@link BatchLifecycle#finish} removes.
     */
    static void removeOriginals(Path inDir, List<BatchLedger.Entry> entries) {
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
        private final List<BatchInputs.ToSign> toSign;
        private final List<BatchLedger.Entry> entries;
        private final List<Slice> written = new ArrayList<>();
        private int next;
        private BatchStoppedException stop;

        Slices(Batch batch, HotFolder folder, Path outDir, List<BatchInputs.ToSign> toSign, List<BatchLedger.Entry> entries) {
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
                BatchInputs.ToSign file = toSign.get(next++);
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
                BatchInputs.ToSign file = signed.file();
                if (folder.format() == SignatureFormat.CADES) {
                    // A detached signature travels with the file it signs.
                    Path copy = HotFolderNames.child(outDir, file.fileName());
                    if (!OutputFiles.isTaken(copy)) {
                        outputs.add(file.large() ? following(copy, new byte[0], file) : output(copy, file.document(), file));
                    }
                }
                Path target = HotFolderNames.child(outDir, file.outputName());
                outputs.add(signed.signed().original() != null ? following(target, signed.signed().content(), file)
                        : output(target, signed.signed().content(), file));
            }
            written.add(new Slice(toWrite, OutputFiles.linkAllNewAsync(outDir, outputs, io)));
        }

        /** The original too large to hold, as it was read, and the bytes that follow it: made of it, unless the root keeps it. */
        private OutputFiles.NewFile following(Path target, byte[] appended, BatchInputs.ToSign file) {
            return OutputFiles.NewFile.following(target, file.input(), file.length(), file.sha256(), appended, !folder.keepOriginals());
        }

        /** An output; one that begins with its original (a PDF's new revision, a copy) is made of it, unless the root keeps it. */
        private OutputFiles.NewFile output(Path target, byte[] content, BatchInputs.ToSign file) {
            return folder.keepOriginals() || file.large() ? new OutputFiles.NewFile(target, content)
                    : OutputFiles.NewFile.extending(target, content, file.input(), file.document());
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
