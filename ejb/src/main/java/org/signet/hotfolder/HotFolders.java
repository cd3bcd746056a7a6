package org.signet.hotfolder;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.SignetException;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.keys.CardUse;
import org.signet.seal.Seal;
import org.signet.seal.SealDirectory;
import org.signet.security.AdminRole;
import org.signet.security.Administration;
import org.signet.signing.SignatureFormat;
import org.signet.signing.SignatureLevel;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The hot folders: added, listed and removed at run time by an admin (REST, SOAP, ./signet hotfolder). */
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
        Administration.requireName("hot folder name", spec.name());
        SignatureFormat format = SignatureFormat.parse(required(spec.format(), "format"));
        SignatureLevel level = spec.level() == null ? SignatureLevel.B : SignatureLevel.parse(spec.level());
        String runAs = spec.runAs() == null || spec.runAs().isBlank() ? admin : spec.runAs();
        Seal seal = seals.authorisedSeal(runAs, required(spec.seal(), "seal")); // refuses an unknown seal or user
        if (!seal.allows(format, level)) {
            throw invalid("seal '" + seal.name() + "' may not produce " + format + " at level " + level);
        }
        CardUse.of(spec.cards(), null); // refuses a malformed list
        String approval = semaphore(spec.approvalFile(), "APPROVED", "approvalFile");
        String ready = semaphore(spec.readyFile(), "READY", "readyFile");
        if (spec.filter() != null) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + spec.filter());
            } catch (IllegalArgumentException e) {
                throw invalid("the filter '" + spec.filter() + "' is not a glob such as *.pdf");
            }
        }
        if (spec.stampText() != null && format != SignatureFormat.PADES) {
            throw invalid("only PAdES signatures have a visible stamp");
        }
        Path root = folder(spec.root(), "root");
        Path out = folder(spec.out(), "out");
        Path error = folder(spec.error(), "error");
        List<Path> taken = new ArrayList<>();
        for (HotFolder other : em.createQuery("SELECT f FROM HotFolder f", HotFolder.class).getResultList()) {
            if (!other.name().equals(spec.name())) {
                taken.addAll(List.of(other.root(), other.outgoing(), other.error()));
            }
        }
        requireApart(List.of(root, out, error), taken);
        HotFolder existing = em.find(HotFolder.class, spec.name());
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        HotFolder folder = new HotFolder(spec.name(), root, out, error, format, level, seal.name(), runAs, blankToNull(spec.cards()),
                blankToNull(spec.stampText()), approval, ready, blankToNull(spec.filter()), Boolean.TRUE.equals(spec.keepOriginals()));
        em.persist(folder);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.HOT_FOLDER_CHANGED, AuditEvent.Outcome.SUCCESS, seal.name(), null,
                "hot folder '" + spec.name() + "': " + root + " -> " + out + ", " + format + "-" + level + " as " + runAs));
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
    public List<BatchStatus> batches(int limit) {
        AdminRole.require(session, audit, AuditEvent.Action.AUDIT_READ, null, "the batches");
        if (limit < 1 || limit > 1000) {
            throw invalid("limit must be between 1 and 1000, not " + limit);
        }
        return em.createQuery("SELECT b FROM Batch b ORDER BY b.started DESC", Batch.class).setMaxResults(limit).getResultList().stream()
                .map(b -> new BatchStatus(b.id(), b.hotFolder(), b.name(), b.state().name(), b.started(), b.finished(), b.signed(),
                        b.failed(), b.problem())).toList();
    }

    /** Stops watching a root; its folders and files stay as they are. */
    public void remove(String name) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.HOT_FOLDER_CHANGED, null, "hot folder '" + name + "'");
        HotFolder folder = name == null ? null : em.find(HotFolder.class, name);
        if (folder == null) {
            throw invalid("there is no hot folder named '" + name + "'");
        }
        em.remove(folder);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.HOT_FOLDER_CHANGED, AuditEvent.Outcome.SUCCESS, folder.seal(),
                null, "hot folder '" + name + "' removed"));
    }

    private static Path folder(String text, String what) {
        Path path = Path.of(required(text, what));
        if (!path.isAbsolute()) {
            throw invalid("the " + what + " folder must be an absolute path, not '" + text + "'");
        }
        try {
            Files.createDirectories(path);
            Path real = path.toRealPath();
            if (!Files.isWritable(real)) {
                throw invalid("the server cannot write to the " + what + " folder " + real);
            }
            return real;
        } catch (IOException e) {
            throw invalid("the " + what + " folder " + path + " cannot be made: " + e.getMessage());
        }
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
        if (!HotFolderPaths.isSafeName(value)) {
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
