package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
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
import org.signet.document.Documents;
import org.signet.model.SignetException;
import org.signet.security.AdminRole;
import org.signet.security.Callers;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The archive for callers: evidence records of archived documents, the archive's state, a sealing on demand. An
 * evidence record holds only hashes and a time stamp, so any authenticated caller who has the document may have it.
 */
@Stateless
@PermitAll
public class ArchiveService {

    /** Where the archive stands: entries waiting for the next sealing, and the last sealed tree. */
    public record ArchiveState(long unsealedEntries, long trees, long sealedEntries, ArchiveSealing.Sealed lastTree) { }

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private ArchiveSealing sealing;
    @EJB
    private AuditLog audit;
    @EJB
    private ArchiveTrees trees;
    @Inject
    private SignetConfiguration configuration;
    @Resource
    private SessionContext session;

    /** The evidence record of a document Signet signed (the signed output as it came back), in either form. */
    public byte[] evidenceRecord(byte[] document, EvidenceForm form) {
        return evidenceRecordOf(Documents.sha256Hex(document), form);
    }

    /** The same, by the document's SHA-256 (hex). */
    public byte[] evidenceRecordOf(String sha256, EvidenceForm form) {
        Callers.name(session);
        if (sha256 == null || !sha256.matches("(?i)[0-9a-f]{64}")) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a SHA-256 is 64 hexadecimal digits, not '" + sha256 + "'");
        }
        List<ArchiveEntry> entries = em.createQuery("SELECT e FROM ArchiveEntry e WHERE e.documentSha256 = :sha ORDER BY e.id",
                ArchiveEntry.class).setParameter("sha", sha256.toLowerCase(Locale.ROOT)).getResultList();
        if (entries.isEmpty()) {
            throw new SignetException(SignetException.Kind.NOT_ARCHIVED, "Signet has not archived a document with SHA-256 " + sha256);
        }
        return recordOf(entries.stream().filter(e -> e.treeId() != null).findFirst().orElse(entries.get(0)), form);
    }

    /**
     * The evidence record of a file signed in a hot-folder batch, by the file's name in the batch (the output of its
     * last signing there). An admin may ask, or the user the batch signed as: the name tells what the document is.
     */
    public byte[] evidenceRecordIn(String hotFolder, String batch, String file, EvidenceForm form) {
        String caller = Callers.name(session);
        for (String[] given : new String[][] {{"hot folder", hotFolder}, {"batch", batch}, {"file", file}}) {
            if (given[1] == null || given[1].isBlank()) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the " + given[0] + " is missing");
            }
        }
        // the file's output, not its signature value entered beside it under the same name
        List<ArchiveEntry> entries = em.createQuery("SELECT e FROM ArchiveEntry e WHERE e.batch = :batch AND e.documentName = :file"
                        + " AND (e.format IS NULL OR e.format <> :value) ORDER BY e.id DESC", ArchiveEntry.class)
                .setParameter("batch", ArchiveUse.batchName(hotFolder, batch)).setParameter("file", file)
                .setParameter("value", ArchiveEntry.SIGNATURE_VALUE).setMaxResults(1).getResultList();
        if (entries.isEmpty() || !caller.equals(entries.get(0).actor()) && !session.isCallerInRole(AdminRole.NAME)) {
            // the same answer for a file not archived and one the caller may not ask about: names are not confirmed
            throw new SignetException(SignetException.Kind.NOT_ARCHIVED, "Signet has not archived a file '" + file + "' of batch '"
                    + batch + "' in hot folder '" + hotFolder + "' that you may ask about");
        }
        return recordOf(entries.get(0), form);
    }

    private byte[] recordOf(ArchiveEntry entry, EvidenceForm form) {
        if (entry.treeId() == null) {
            throw new SignetException(SignetException.Kind.NOT_YET_SEALED, "the document was archived at " + entry.enteredAt()
                    + "; its evidence record exists once the archive is next sealed (daily at " + configuration.archiveSealTime()
                    + " server time, or by an admin now)");
        }
        TreeEvidence evidence = trees.evidenceOf(entry.treeId(), entry.id());
        try {
            List<EvidenceRecords.Chain> chains = evidence.chains(configuration, entry.id(), entry.leaf(), TreeEvidence.ALL_CHAINS);
            if (form != EvidenceForm.XML) {
                return EvidenceRecords.encode(chains);
            }
            if (entry.xml()) {
                // RFC 6283 covers an XML document by its canonical form; the tree holds the file's own bytes
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "an XML document's record is given in the DER form"
                        + " (RFC 4998) only: the XML form would cover its canonical form, not the file Signet archived");
            }
            if (chains.size() > 1) {
                throw new SignetException(SignetException.Kind.CONFLICT, "the evidence of this document was renewed into "
                        + chains.get(chains.size() - 1).algorithm().getJavaName() + " (a hash-tree renewal), which Signet keeps in"
                        + " the DER form (RFC 4998) only: ask for that form");
            }
            List<ArchiveRenewal> renewals = evidence.firstChainRenewals();
            if (renewals.stream().anyMatch(r -> r.xmlTimeStamp() == null)) {
                throw new SignetException(SignetException.Kind.CONFLICT, "the tree of this document was renewed before Signet kept"
                        + " renewals for the XML form: ask for the DER form (RFC 4998)");
            }
            return XmlEvidenceRecords.encode(chains.get(0).reducedTree(), evidence.tree().timeStamp(),
                    renewals.stream().map(ArchiveRenewal::xmlTimeStamp).toList());
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the hash trees of archive tree " + entry.treeId()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** An archived document kept again: its SHA-256 and how many archive entries it is. */
    public record Kept(String sha256, int entries) { }

    /**
     * Keeps an archived document in the archive store again, brought back by an admin or by a user who signed it, so
     * that the next hash-tree renewal renews its evidence from it.
     */
    public Kept keepDocument(byte[] document) {
        String caller = Callers.name(session);
        String sha256 = Documents.sha256Hex(document);
        List<ArchiveEntry> entries = em.createQuery("SELECT e FROM ArchiveEntry e WHERE e.documentSha256 = :sha", ArchiveEntry.class)
                .setParameter("sha", sha256).getResultList();
        if (entries.isEmpty() || !session.isCallerInRole(AdminRole.NAME) && entries.stream().noneMatch(e -> caller.equals(e.actor()))) {
            // the same answer for a document not archived and one the caller did not sign: hashes are not confirmed
            throw new SignetException(SignetException.Kind.NOT_ARCHIVED, "Signet has not archived a document with SHA-256 " + sha256
                    + " that you may bring back");
        }
        new DocumentStore(configuration.archiveStore()).restore(sha256, document);
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.ARCHIVE_DOCUMENT_KEPT, AuditEvent.Outcome.SUCCESS, null,
                sha256, "brought back to the archive store for hash-tree renewal (" + entries.size() + " archive entries)"));
        return new Kept(sha256, entries.size());
    }

    /** Seals what is waiting now, as the daily sealing does (admin role). */
    public ArchiveSealing.Sealed sealNow() {
        return sealing.seal(AdminRole.require(session, audit, AuditEvent.Action.ARCHIVE_SEALED, null, "seal the archive"));
    }

    /**
     * Renews now (admin) the time stamps of the trees whose last time stamp's certificate expires within {@code days}
     * (absent: {@code signet.archive.renew-days-before}); the daily job does the same. Returns how many were renewed.
     */
    public int renewNow(Integer days) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.ARCHIVE_RENEWED, null, "renew the archive's time stamps");
        if (days != null && (days < 0 || days > 36_500)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "days must be between 0 and 36500, not " + days);
        }
        return sealing.renew(admin, days == null ? null : Duration.ofDays(days));
    }

    /**
     * Renews now (admin) the hash trees of every archived document whose evidence is not yet in {@code algorithm}
     * (absent: {@code signet.archive.renewal-hash-algorithm}), from the documents the archive store keeps.
     */
    public ArchiveSealing.HashesRenewed renewHashesNow(String algorithm) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.ARCHIVE_RENEWED, null, "renew the archive's hash trees");
        DigestAlgorithm target;
        try {
            target = algorithm == null || algorithm.isBlank() ? configuration.archiveHash()
                    : SignetConfiguration.archiveHash("algorithm", algorithm, null);
        } catch (SignetConfiguration.InvalidConfigurationException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the hash algorithm '" + algorithm + "' is not one the archive"
                    + " uses; use one of " + SignetConfiguration.ARCHIVE_HASHES.stream().map(DigestAlgorithm::getJavaName).toList());
        }
        if (configuration.weakArchiveHashes().contains(target)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, target.getJavaName() + " is listed in "
                    + SignetConfiguration.WEAK_ARCHIVE_HASHES + ": the archive's evidence is not renewed into a weak hash");
        }
        return sealing.renewHashes(admin, target, null);
    }

    /**
     * A sealed tree and what keeps its evidence alive: the time-stamp renewals on it (how many, the newest) and the
     * hash-tree renewals (how many, and the hash algorithm its evidence is in now).
     */
    public record TreeState(long id, Instant sealedAt, int leaves, String rootSha256, Instant timeStampedAt,
                            long timeStampRenewals, Instant lastTimeStampAt, long hashRenewals, String hashAlgorithm) { }

    /** The newest sealed trees (at most {@code limit}, newest first), each with its renewals. */
    public List<TreeState> recentTrees(int limit) {
        Callers.name(session);
        List<ArchiveTree> recent = em.createQuery("SELECT t FROM ArchiveTree t ORDER BY t.id DESC", ArchiveTree.class)
                .setMaxResults(Math.max(1, Math.min(limit, 366))).getResultList();
        if (recent.isEmpty()) {
            return List.of();
        }
        List<Long> ids = recent.stream().map(ArchiveTree::id).toList();
        Map<Long, Object[]> stamps = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT r.treeId, COUNT(r), MAX(r.timeStampedAt) FROM ArchiveRenewal r WHERE r.treeId IN :ids"
                + " GROUP BY r.treeId", Object[].class).setParameter("ids", ids).getResultList()) {
            stamps.put((Long) row[0], row);
        }
        Map<Long, List<HashTreeRenewal>> rehashed = new HashMap<>();
        for (HashTreeRenewal renewal : em.createQuery("SELECT h FROM HashTreeRenewal h WHERE h.treeId IN :ids ORDER BY h.id",
                HashTreeRenewal.class).setParameter("ids", ids).getResultList()) {
            rehashed.computeIfAbsent(renewal.treeId(), id -> new ArrayList<>()).add(renewal);
        }
        List<TreeState> states = new ArrayList<>();
        for (ArchiveTree tree : recent) {
            Object[] stamp = stamps.get(tree.id());
            List<HashTreeRenewal> hashes = rehashed.getOrDefault(tree.id(), List.of());
            Instant lastStamp = stamp == null ? tree.timeStampedAt() : (Instant) stamp[2];
            HashTreeRenewal lastHash = hashes.isEmpty() ? null : hashes.get(hashes.size() - 1);
            if (lastHash != null && lastHash.timeStampedAt().isAfter(lastStamp)) {
                lastStamp = lastHash.timeStampedAt();
            }
            states.add(new TreeState(tree.id(), tree.sealedAt(), tree.leaves(), tree.rootSha256(), tree.timeStampedAt(),
                    stamp == null ? 0 : (Long) stamp[1], lastStamp, hashes.size(),
                    lastHash == null ? tree.hashAlgorithm() : lastHash.hashAlgorithm()));
        }
        return states;
    }

    public ArchiveState state() {
        Callers.name(session);
        long unsealed = trees.waiting();
        long sealed = em.createQuery("SELECT COUNT(e) FROM ArchiveEntry e WHERE e.treeId IS NOT NULL", Long.class).getSingleResult();
        List<ArchiveTree> last = em.createQuery("SELECT t FROM ArchiveTree t ORDER BY t.id DESC", ArchiveTree.class)
                .setMaxResults(1).getResultList();
        long trees = last.isEmpty() ? 0 : last.get(0).id();
        return new ArchiveState(unsealed, trees, sealed, last.isEmpty() ? null : new ArchiveSealing.Sealed(last.get(0).id(),
                last.get(0).leaves(), last.get(0).rootSha256(), last.get(0).timeStampedAt()));
    }
}
