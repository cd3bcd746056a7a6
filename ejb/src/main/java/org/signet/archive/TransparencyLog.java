package org.signet.archive;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.model.SignetException;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The archive's public, append-only log: a leaf per sealed tree (its root, in the order of sealing), a time-stamped
 * tree head after each sealing, and the proofs an auditor checks them with (RFC 9162 §2.1): that a day's root is in
 * the log, and that a later head extends an earlier one, so no past day was rewritten. Only roots and hashes of roots
 * are shown, so anyone may read it.
 */
@Stateless
@PermitAll
public class TransparencyLog {

    private static final HexFormat HEX = HexFormat.of();

    /** A sealed tree as a leaf of the log: its place, its tree, its root (the leaf's input) and when it was time-stamped. */
    public record Leaf(long index, long tree, String rootSha256, Instant timeStampedAt) { }

    /** An inclusion or consistency proof, its hashes in hex. */
    public record Proof(long leafIndex, long firstSize, long treeSize, List<String> path) { }

    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    /** The latest head; null before the first sealing. */
    public LogHead latestHead() {
        List<LogHead> heads = em.createQuery("SELECT h FROM LogHead h ORDER BY h.treeSize DESC", LogHead.class).setMaxResults(1)
                .getResultList();
        return heads.isEmpty() ? null : heads.get(0);
    }

    /** The head of that size (a head is made after every sealing whose time stamp was had). */
    public LogHead head(long size) {
        LogHead head = em.find(LogHead.class, size);
        if (head == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the log has no tree head of size " + size);
        }
        return head;
    }

    /** That the tree with this root is leaf {@code leafIndex} of the log of {@code treeSize} (default: the latest head). */
    public Proof inclusion(String rootSha256, Long treeSize) {
        if (rootSha256 == null || !rootSha256.matches("(?i)[0-9a-f]{64}")) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a tree's root is 64 hexadecimal digits, not '" + rootSha256 + "'");
        }
        List<String> roots = roots();
        int size = size(treeSize, roots.size());
        int index = roots.subList(0, size).indexOf(rootSha256.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new SignetException(SignetException.Kind.NOT_ARCHIVED, "no tree with root " + rootSha256 + " is in the log of " + size);
        }
        return new Proof(index, 0, size, hex(MerkleLog.inclusionProof(leafHashes(roots), index, size)));
    }

    /** That the log of {@code first} entries is the start of the one of {@code second} (default: the latest head). */
    public Proof consistency(long first, Long second) {
        List<byte[]> leaves = leafHashes();
        int size = size(second, leaves.size());
        if (first < 1 || first > size) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the first size must be between 1 and " + size + ", not " + first);
        }
        return new Proof(0, first, size, hex(MerkleLog.consistencyProof(leaves, (int) first, size)));
    }

    /** The leaves {@code start} (from 0) to {@code end} (exclusive), at most 1000. */
    public List<Leaf> leaves(long start, long end) {
        if (start < 0 || end < start || end - start > 1000) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "leaves are asked from 0 up, at most 1000 at a time");
        }
        return em.createQuery("SELECT t FROM ArchiveTree t ORDER BY t.id", ArchiveTree.class).setFirstResult((int) start)
                .setMaxResults((int) (end - start)).getResultList().stream()
                .map(t -> new Leaf(t.id() - 1, t.id(), t.rootSha256(), t.timeStampedAt())).toList();
    }

    /** The log's leaf hashes: one per sealed tree, in the order of sealing. */
    public List<byte[]> leafHashes() {
        return leafHashes(roots());
    }

    private static List<byte[]> leafHashes(List<String> roots) {
        return roots.stream().map(root -> MerkleLog.leafHash(HEX.parseHex(root))).toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void store(LogHead head) {
        if (em.find(LogHead.class, head.treeSize()) == null) {
            em.persist(head);
        }
    }

    private List<String> roots() {
        return em.createQuery("SELECT t.rootSha256 FROM ArchiveTree t ORDER BY t.id", String.class).getResultList();
    }

    /** The size asked for, or the latest head's; never more than the leaves there are. */
    private int size(Long asked, int leaves) {
        LogHead latest = asked != null ? null : latestHead();
        long size = asked != null ? asked : latest == null ? leaves : latest.treeSize();
        if (size < 1 || size > leaves) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the log has " + leaves + " entries; a size of " + size
                    + " cannot be proven");
        }
        return (int) size;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
