package org.signet.hotfolder;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.keys.CardUse;
import org.signet.model.ListLimit;
import org.signet.model.Names;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;
import org.signet.seal.Seal;
import org.signet.seal.SealDirectory;
import org.signet.security.AdminRole;
import org.signet.security.Callers;
import org.signet.security.SecondFactors;
import org.signet.security.SignetUser;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The hot folders: set in the server configuration (applied at start-up), or added, listed and removed at run time by an
 * admin (REST, SOAP, ./signet hotfolder).
 */
@Stateless
@PermitAll
public class HotFolders {

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private SealDirectory seals;
    @EJB
    private AuditLog audit;
    @EJB
    private BatchLifecycle lifecycle;
    @EJB
    private BatchLedger ledger;
    @EJB
    private SecondFactors secondFactors;
    @EJB
    private WorkflowStarts workflows;
    @Inject
    private SignetConfiguration configuration;

    /**
     * Adds a hot folder, or replaces one of the same name. Its three folders are made if missing; none may lie
     * inside another, nor inside another hot folder's, and the run-as user must be authorised for the seal.
     */
    public HotFolderSpec put(HotFolderSpec spec) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.HOT_FOLDER_CHANGED, spec == null ? null : spec.seal(),
                "hot folder '" + (spec == null ? null : spec.name()) + "'");
        if (spec == null) {
            throw invalid("a hot folder needs name, root, out, error, format and seal");
        }
        Names.require("hot folder name", spec.name());
        requireNotConfigured(spec.name());
        return save(spec, admin, false);
    }

    /**
     * Applies the hot folders of the server configuration at start-up: each is added or brought up to date (a
     * run-time folder of the same name is taken over), and configured folders no longer in the configuration are
     * removed. A folder that cannot be applied stops the start-up, naming it.
     */
    public void applyConfigured(List<HotFolderSpec> configured) {
        Set<String> names = new HashSet<>();
        for (HotFolderSpec spec : configured) {
            names.add(spec.name());
            try {
                save(spec, "signet", true);
            } catch (SignetException e) {
                throw new IllegalStateException("Signet configuration: hot folder '" + spec.name() + "' (signet.hotfolder."
                        + spec.name() + ".*) cannot be applied: " + e.getMessage(), e);
            }
        }
        for (HotFolder folder : em.createQuery("SELECT f FROM HotFolder f", HotFolder.class).getResultList()) {
            if (folder.configured() && !names.contains(folder.name())) {
                em.remove(folder);
                audit.record(new AuditEvent(Instant.now(), "signet", AuditEvent.Action.HOT_FOLDER_CHANGED, AuditEvent.Outcome.SUCCESS,
                        folder.seal(), null, "hot folder '" + folder.name() + "' removed: it is no longer in the server configuration"));
            }
        }
    }

    private void requireNotConfigured(String name) {
        HotFolder existing = name == null ? null : em.find(HotFolder.class, name);
        if (existing != null && existing.configured()) {
            throw new SignetException(SignetException.Kind.CONFLICT, "hot folder '" + name + "' is set in the server configuration"
                    + " (signet.hotfolder." + name + ".*); change or remove it there");
        }
    }

    /** {@code admin}: who makes the change, and whom the folder signs for unless it names a run-as user. */
    private HotFolderSpec save(HotFolderSpec spec, String admin, boolean configured) {
        if (spec.workflow() != null && !spec.workflow().isBlank()) {
            return saveWorkflowRoot(spec, admin, configured);
        }
        SignatureFormat format = SignatureFormat.parseForDocuments(required(spec.format(), "format"));
        SignatureLevel level = spec.level() == null ? SignatureLevel.B : SignatureLevel.parse(spec.level());
        String runAs = spec.runAs() == null || spec.runAs().isBlank() ? admin : spec.runAs();
        Seal seal = seals.authorisedSeal(runAs, required(spec.seal(), "seal")); // refuses an unknown seal or user
        if (seal.owner() != null) {
            throw invalid("seal '" + seal.name() + "' is the personal certificate of '" + seal.owner() + "': it signs only that"
                    + " person's own requests, never unattended");
        }
        if (!seal.allows(format, level)) {
            throw invalid("seal '" + seal.name() + "' may not produce " + format + " at level " + level);
        }
        CardUse.of(spec.cards(), null); // refuses a malformed list
        if (spec.stampText() != null && format != SignatureFormat.PADES) {
            throw invalid("only PAdES signatures have a visible stamp");
        }
        Places places = places(spec);
        HotFolder folder = new HotFolder(spec.name(), places.root(), places.out(), places.error(), format, level, seal.name(), runAs,
                blankToNull(spec.cards()), blankToNull(spec.stampText()), places.approval(), places.ready(), blankToNull(spec.filter()),
                Boolean.TRUE.equals(spec.keepOriginals()), !Boolean.FALSE.equals(spec.archive()), Boolean.TRUE.equals(spec.keepDocuments()), null);
        return store(folder, configured, admin, seal.name(), format + "-" + level + " as " + runAs);
    }

    /**
     * A root whose documents each start a workflow from a template, as the run-as user (who must be allowed to start
     * it). It signs nothing itself: a seal, level, cards or stamp would be ignored, so naming one is refused. Completed
     * documents go where the template files them (and into the archive); the outgoing folder gets a receipt per document.
     */
    private HotFolderSpec saveWorkflowRoot(HotFolderSpec spec, String admin, boolean configured) {
        String template = spec.workflow().strip();
        if (blankToNull(spec.seal()) != null || blankToNull(spec.level()) != null || blankToNull(spec.cards()) != null
                || blankToNull(spec.stampText()) != null) {
            throw invalid("hot folder '" + spec.name() + "' starts workflow '" + template + "', whose signers sign: it names no seal,"
                    + " level, cards or stamp");
        }
        if (spec.format() != null && SignatureFormat.parseForDocuments(spec.format()) != SignatureFormat.PADES) {
            throw invalid("a workflow signs PDFs: hot folder '" + spec.name() + "' cannot be " + spec.format());
        }
        String runAs = spec.runAs() == null || spec.runAs().isBlank() ? admin : spec.runAs().strip();
        workflows.requireStartable(runAs, template); // an enabled user the template lets start it
        Places places = places(spec);
        HotFolder folder = new HotFolder(spec.name(), places.root(), places.out(), places.error(), SignatureFormat.PADES, SignatureLevel.B,
                null, runAs, null, null, places.approval(), places.ready(), blankToNull(spec.filter()),
                Boolean.TRUE.equals(spec.keepOriginals()), true, false, template);
        return store(folder, configured, admin, null, "workflow '" + template + "' started as " + runAs);
    }

    /** A root's three folders (allowed, apart from each other and from other roots' folders), its semaphores and filter. */
    private record Places(Path root, Path out, Path error, String approval, String ready) { }

    private Places places(HotFolderSpec spec) {
        String approval = semaphore(spec.approvalFile(), "APPROVED", "approvalFile");
        String ready = semaphore(spec.readyFile(), "READY", "readyFile");
        if (spec.filter() != null) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + spec.filter());
            } catch (IllegalArgumentException e) {
                throw invalid("the filter '" + spec.filter() + "' is not a glob such as *.pdf");
            }
        }
        HotFolderBases bases = HotFolderBases.of(configuration);
        Path root = bases.folder(required(spec.root(), "root"), "root");
        Path out = bases.folder(required(spec.out(), "out"), "out");
        Path error = bases.folder(required(spec.error(), "error"), "error");
        List<Path> taken = new ArrayList<>();
        for (HotFolder other : em.createQuery("SELECT f FROM HotFolder f", HotFolder.class).getResultList()) {
            if (!other.name().equals(spec.name())) {
                taken.addAll(List.of(other.root(), other.outgoing(), other.error()));
            }
        }
        requireApart(List.of(root, out, error), taken);
        return new Places(root, out, error, approval, ready);
    }

    private HotFolderSpec store(HotFolder folder, boolean configured, String admin, String seal, String what) {
        folder.configured(configured);
        HotFolder existing = em.find(HotFolder.class, folder.name());
        if (existing != null) {
            if (existing.configured() == configured && HotFolderSpec.of(existing).equals(HotFolderSpec.of(folder))) {
                return HotFolderSpec.of(existing); // unchanged: a configured folder is applied at every start
            }
            em.remove(existing);
            em.flush();
        }
        em.persist(folder);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.HOT_FOLDER_CHANGED, AuditEvent.Outcome.SUCCESS, seal, null,
                "hot folder '" + folder.name() + "': " + folder.root() + " -> " + folder.outgoing() + ", " + what));
        return HotFolderSpec.of(folder);
    }

    public List<HotFolderSpec> list() {
        AdminRole.require(session, audit, AuditEvent.Action.AUDIT_READ, null, "the hot folders");
        return em.createQuery("SELECT f FROM HotFolder f ORDER BY f.name", HotFolder.class).getResultList().stream()
                .map(HotFolderSpec::of).toList();
    }

    /** A batch as the admin sees it. */
    public record BatchStatus(String id, String hotFolder, String name, String state, Instant started, Instant finished,
                              int signed, int failed, String problem) { }

    /** The newest batches, at most {@code limit} (1 to 1000). */
    public List<BatchStatus> batches(Integer requested) {
        AdminRole.require(session, audit, AuditEvent.Action.AUDIT_READ, null, "the batches");
        int limit = ListLimit.of(requested);
        return em.createQuery("SELECT b FROM Batch b ORDER BY b.started DESC", Batch.class).setMaxResults(limit).getResultList().stream()
                .map(b -> new BatchStatus(b.id(), b.hotFolder(), b.name(), b.state().name(), b.started(), b.finished(), b.signed(),
                        b.failed(), b.problem())).toList();
    }

    /**
     * Puts one document into a batch folder for callers that upload rather than write to the folder; the batch is
     * signed once approved. Refuses unsafe names, an existing file, and a batch already approved.
     */
    public void putDocument(String hotFolder, String batchName, String fileName, byte[] content) {
        HotFolder folder = requireFolderUser(hotFolder, "upload to hot folder '" + hotFolder + "'");
        if (!HotFolderNames.isSafeName(batchName) || !HotFolderNames.isSafeName(fileName) || fileName.equals(folder.approvalFile())) {
            throw invalid("the batch '" + batchName + "' or file name '" + fileName + "' is not a plain name Signet accepts");
        }
        Path dir = HotFolderNames.child(folder.root(), batchName);
        try {
            if (Files.exists(dir.resolve(folder.approvalFile()))) {
                throw invalid("batch '" + batchName + "' is approved already; upload to a new batch");
            }
            Files.createDirectories(dir);
            if (!HotFolderNames.isPlainDirectory(dir)) {
                throw invalid("batch '" + batchName + "' is not a plain folder");
            }
            OutputFiles.writeNew(HotFolderNames.child(dir, fileName), content);
        } catch (FileAlreadyExistsException e) {
            throw invalid("batch '" + batchName + "' has a file '" + fileName + "' already");
        } catch (IOException e) {
            throw invalid("the document '" + fileName + "' cannot be stored: " + e.getMessage());
        }
    }

    /** One output of a batch (a signed document, a detached signature, report.csv), by name. */
    public byte[] result(String batchId, String name) {
        Batch batch = requireBatchUser(batchId, "read the results of batch " + batchId);
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        if (!HotFolderNames.isSafeName(name)) {
            throw invalid("'" + name + "' is not a plain file name");
        }
        Path file = HotFolderNames.child(folder.outgoing().resolve(batch.name()), name);
        if (!HotFolderNames.isPlainFile(file)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "batch " + batchId + " has no result '" + name + "'");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid("the result '" + name + "' cannot be read: " + e.getMessage());
        }
    }

    /** A batch's progress for pollers and schedulers: counts, throughput so far and the time still needed. */
    public record BatchProgress(String id, String hotFolder, String name, String state, int signed, int failed, int pending,
                                Instant started, Instant finished, double documentsPerSecond, Long etaSeconds, String problem) { }

    /**
     * Approves a batch folder the producer has filled (for schedulers that approve through the API rather than by
     * writing the approval file): writes the approval file and returns the batch's id. A failed or stopped batch
     * of that name resumes.
     */
    public String approve(String hotFolder, String batchName) {
        HotFolder folder = requireFolderUser(hotFolder, "approve a batch of hot folder '" + hotFolder + "'");
        if (!HotFolderNames.isSafeName(batchName)) {
            throw invalid("the batch name '" + batchName + "' is not a plain folder name");
        }
        Path dir = folder.root().resolve(batchName);
        if (!HotFolderNames.isPlainDirectory(dir)) {
            throw invalid("hot folder '" + hotFolder + "' has no batch folder '" + batchName + "'");
        }
        try {
            OutputFiles.write(dir.resolve(folder.approvalFile()), new byte[0]);
        } catch (IOException e) {
            throw invalid("the approval file of batch '" + batchName + "' cannot be written: " + e.getMessage());
        }
        String id = control().claim(hotFolder, batchName);
        if (id == null) {
            throw invalid("batch '" + batchName + "' cannot be taken on");
        }
        return id;
    }

    /** A batch's progress, for an admin, the hot folder's run-as user, or the person who confirmed the batch. */
    public BatchProgress progress(String batchId) {
        Batch batch = batchId == null ? null : em.find(Batch.class, batchId);
        if (batch != null && batch.confirmedBy() != null && batch.confirmedBy().equals(Callers.name(session))) {
            return progress(batch);
        }
        if (batch != null && em.find(HotFolder.class, batch.hotFolder()) == null && session.isCallerInRole(AdminRole.NAME)) {
            return progress(batch); // its root was removed since: the batch stays on the record, for admins
        }
        return progress(requireBatchUser(batchId, "read batch " + batchId));
    }

    private BatchProgress progress(Batch batch) {
        String batchId = batch.id();
        BatchLedger.Counts counts = ledger.counts(batchId);
        int signed = counts.signed();
        int failed = counts.failed();
        boolean watched = em.find(HotFolder.class, batch.hotFolder()) != null;
        int pending = batch.state() == Batch.State.COMPLETED || !watched ? 0 : Math.max(0, lifecycle.files(batchId).size() - signed);
        Instant end = batch.finished() == null ? Instant.now() : batch.finished();
        double seconds = Math.max(0.001, Duration.between(batch.started(), end).toMillis() / 1000.0);
        double rate = (signed + failed) / seconds;
        Long eta = batch.state() == Batch.State.RUNNING && rate > 0 ? Math.round(pending / rate) : null;
        return new BatchProgress(batch.id(), batch.hotFolder(), batch.name(), batch.state().name(), signed, failed, pending,
                batch.started(), batch.finished(), rate, eta, batch.problem());
    }

    /**
     * Confirms a batch whose seal requires a second factor: the caller, a person authorised for the seal (from where and
     * when the seal allows requests), gives a one-time code from its authenticator, and the batch is signed. One code
     * confirms one batch.
     */
    public BatchProgress confirm(String batchId, String oneTimeCode) {
        String caller = Callers.name(session);
        Batch batch = batchId == null ? null : em.find(Batch.class, batchId);
        if (batch == null) {
            throw invalid("there is no batch '" + batchId + "'");
        }
        HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
        String what = "batch '" + batch.name() + "' of hot folder '" + batch.hotFolder() + "' (" + batchId + ")";
        try {
            if (batch.state() != Batch.State.UNCONFIRMED || folder == null) {
                throw new SignetException(SignetException.Kind.CONFLICT, what + " is not waiting for a confirmation");
            }
            SignetUser person = em.find(SignetUser.class, caller);
            if (person != null && person.kind() == SignetUser.Kind.PROCESS) {
                throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "'" + caller + "' is a process; a person confirms a batch");
            }
            Seal seal = seals.authorisedForRequest(caller, folder.seal());
            secondFactors.require(caller, oneTimeCode, seal.name());
        } catch (SignetException e) {
            audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.BATCH_CONFIRMED, AuditEvent.Outcome.REFUSED,
                    folder == null ? null : folder.seal(), null, what + " not confirmed: " + e.getMessage()));
            throw e;
        }
        lifecycle.confirmed(batchId, caller);
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.BATCH_CONFIRMED, AuditEvent.Outcome.SUCCESS, folder.seal(),
                null, what + " confirmed with a one-time code: " + lifecycle.files(batchId).size() + " files to sign as '"
                + folder.runAs() + "'"));
        control().start(batchId);
        em.refresh(batch); // confirmed in a transaction of its own, for the job to see it
        return progress(batch);
    }

    /** The batches waiting for a confirmation whose seals the caller may use, oldest first. */
    public List<BatchProgress> awaitingConfirmation() {
        String caller = Callers.name(session);
        Set<String> usable = seals.sealsFor(caller).stream().map(Seal::name).collect(Collectors.toSet());
        List<BatchProgress> waiting = new ArrayList<>();
        for (Batch batch : em.createQuery("SELECT b FROM Batch b WHERE b.state = :state ORDER BY b.started", Batch.class)
                .setParameter("state", Batch.State.UNCONFIRMED).setMaxResults(1000).getResultList()) {
            HotFolder folder = em.find(HotFolder.class, batch.hotFolder());
            if (folder != null && usable.contains(folder.seal())) {
                waiting.add(progress(batch));
            }
        }
        return waiting;
    }

    /** Stops the batch's job after its current chunk; it resumes with {@link #restart}. */
    public void stop(String batchId) {
        requireBatchUser(batchId, "stop batch " + batchId);
        control().stop(batchId);
    }

    /** Resumes a failed or stopped batch: the files already done are skipped. */
    public void restart(String batchId) {
        Batch batch = requireBatchUser(batchId, "restart batch " + batchId);
        if (batch.state() == Batch.State.COMPLETED) {
            throw invalid("batch " + batchId + " is complete");
        }
        lifecycle.reopen(batchId);
        if (lifecycle.startable(batchId)) {
            control().start(batchId);
        }
    }

    private Batch requireBatchUser(String batchId, String what) {
        Batch batch = batchId == null ? null : em.find(Batch.class, batchId);
        if (batch == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "there is no batch '" + batchId + "'");
        }
        requireFolderUser(batch.hotFolder(), what);
        return batch;
    }

    /** An admin, or the user the hot folder signs for (a scheduler's process user). */
    private HotFolder requireFolderUser(String hotFolder, String what) {
        String caller = Callers.name(session);
        HotFolder folder = hotFolder == null ? null : em.find(HotFolder.class, hotFolder);
        if (folder != null && caller.equals(folder.runAs())) {
            return folder;
        }
        AdminRole.require(session, audit, AuditEvent.Action.HOT_FOLDER_CHANGED, folder == null ? null : folder.seal(), what);
        if (folder == null) {
            throw invalid("there is no hot folder named '" + hotFolder + "'");
        }
        return folder;
    }

    private static BatchControl control() {
        try {
            return (BatchControl) new InitialContext().lookup(BatchControl.JNDI);
        } catch (NamingException e) {
            throw new IllegalStateException("the batch module is not deployed: " + e.getMessage(), e);
        }
    }

    /** Stops watching a root; its folders and files stay as they are. */
    public void remove(String name) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.HOT_FOLDER_CHANGED, null, "hot folder '" + name + "'");
        HotFolder folder = name == null ? null : em.find(HotFolder.class, name);
        if (folder == null) {
            throw invalid("there is no hot folder named '" + name + "'");
        }
        requireNotConfigured(name);
        em.remove(folder);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.HOT_FOLDER_CHANGED, AuditEvent.Outcome.SUCCESS, folder.seal(),
                null, "hot folder '" + name + "' removed"));
    }

    /** None of the folders may hold another, so that outputs never become input and batches never cross. */
    private static void requireApart(List<Path> mine, List<Path> others) {
        for (int i = 0; i < mine.size(); i++) {
            for (int j = 0; j < mine.size(); j++) {
                if (i != j && mine.get(i).startsWith(mine.get(j))) {
                    throw invalid("the folders root, out and error must be apart: " + mine.get(i) + " lies in " + mine.get(j));
                }
            }
            for (Path other : others) {
                if (mine.get(i).startsWith(other) || other.startsWith(mine.get(i))) {
                    throw invalid(mine.get(i) + " overlaps " + other + " of another hot folder");
                }
            }
        }
    }

    private static String semaphore(String name, String fallback, String what) {
        String value = name == null || name.isBlank() ? fallback : name.strip();
        if (!HotFolderNames.isSafeName(value)) {
            throw invalid("the " + what + " '" + name + "' is not a plain file name");
        }
        return value;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid("a hot folder needs its " + what);
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static SignetException invalid(String message) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, message);
    }
}
