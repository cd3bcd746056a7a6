package org.signet.archive;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The archive's sealed trees: a tree and its entries' places in it are committed together (until then the entries
 * wait for a sealing), as is a hash-tree renewal with its entries' places; and what their evidence records are made of.
 */
@Stateless
@PermitAll
public class ArchiveTrees {

    private static final int BATCH = 1000;

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void commit(ArchiveTree tree, long[] entries) {
        em.persist(tree);
        em.flush();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(ArchiveEntry.SET_LEAF)) {
            for (int leaf = 0; leaf < entries.length; leaf++) {
                update.setLong(1, tree.id());
                update.setInt(2, leaf);
                update.setLong(3, entries[leaf]);
                update.addBatch();
                if ((leaf + 1) % BATCH == 0 || leaf == entries.length - 1) {
                    for (int count : update.executeBatch()) {
                        if (count == 0) {
                            // another sealing took an entry of this tree: this tree must not be committed
                            throw new IllegalStateException("an archive entry of tree " + tree.id() + " was sealed meanwhile");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the sealed tree could not be recorded: " + e.getMessage(), e);
        }
    }

    /** A hash-tree renewal and its entries' leaves (in leaf order), committed together. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void commit(HashTreeRenewal renewal, long[] entries) {
        em.persist(renewal);
        em.flush();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(HashTreeRenewalLeaf.INSERT)) {
            for (int leaf = 0; leaf < entries.length; leaf++) {
                insert.setLong(1, renewal.id());
                insert.setLong(2, entries[leaf]);
                insert.setInt(3, leaf);
                insert.addBatch();
                if ((leaf + 1) % BATCH == 0 || leaf == entries.length - 1) {
                    insert.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the hash-tree renewal could not be recorded: " + e.getMessage(), e);
        }
    }

    /** What the records of a tree's entries are made of, without which entries its hash-tree renewals hold. */
    public TreeEvidence evidenceOf(long treeId) {
        return evidence(treeId, null, false);
    }

    /** The same with the hash-tree renewals that hold one entry. */
    public TreeEvidence evidenceOf(long treeId, long entryId) {
        return evidence(treeId, entryId, false);
    }

    /** The same with the hash-tree renewals that hold each entry. */
    public TreeEvidence evidenceOfAll(long treeId) {
        return evidence(treeId, null, true);
    }

    private TreeEvidence evidence(long treeId, Long entryId, boolean all) {
        ArchiveTree tree = em.find(ArchiveTree.class, treeId);
        List<HashTreeRenewal> hashRenewals = em.createQuery("SELECT h FROM HashTreeRenewal h WHERE h.treeId = :tree ORDER BY h.id",
                HashTreeRenewal.class).setParameter("tree", treeId).getResultList();
        List<HashTreeRenewalLeaf> leaves = List.of();
        if (!hashRenewals.isEmpty() && all) {
            leaves = em.createQuery("SELECT l FROM HashTreeRenewalLeaf l WHERE l.renewalId IN (SELECT h.id FROM HashTreeRenewal h"
                    + " WHERE h.treeId = :tree) ORDER BY l.renewalId", HashTreeRenewalLeaf.class).setParameter("tree", treeId).getResultList();
        } else if (!hashRenewals.isEmpty() && entryId != null) {
            leaves = em.createQuery("SELECT l FROM HashTreeRenewalLeaf l WHERE l.entryId = :entry ORDER BY l.renewalId",
                    HashTreeRenewalLeaf.class).setParameter("entry", entryId).getResultList();
        }
        Map<Long, List<HashTreeRenewalLeaf>> byEntry = new HashMap<>();
        for (HashTreeRenewalLeaf leaf : leaves) {
            byEntry.computeIfAbsent(leaf.entryId(), e -> new ArrayList<>()).add(leaf);
        }
        return new TreeEvidence(tree, hashRenewals, renewalsOf(treeId), byEntry);
    }

    /** The entries of a sealed tree, in leaf order. */
    public List<ArchiveEntry> entriesOf(long treeId) {
        return em.createQuery("SELECT e FROM ArchiveEntry e WHERE e.treeId = :tree ORDER BY e.leaf", ArchiveEntry.class)
                .setParameter("tree", treeId).getResultList();
    }

    /** The entry at the first leaf of a hash-tree renewal (any entry stands for the chain's time stamps). */
    public ArchiveEntry firstEntryOf(long hashRenewal) {
        return em.find(ArchiveEntry.class, em.createQuery("SELECT l.entryId FROM HashTreeRenewalLeaf l WHERE l.renewalId = :renewal"
                + " AND l.leaf = 0", Long.class).setParameter("renewal", hashRenewal).getSingleResult());
    }

    /** The next hash-tree renewal's id: they run one at a time ({@link ArchiveSealing}). */
    public long nextHashRenewalId() {
        Long max = em.createQuery("SELECT MAX(h.id) FROM HashTreeRenewal h", Long.class).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** The id of the last time-stamp renewal made; 0 when none was. */
    public long lastRenewalId() {
        Long max = em.createQuery("SELECT MAX(r.id) FROM ArchiveRenewal r", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    public List<ArchiveTree> all() {
        return em.createQuery("SELECT t FROM ArchiveTree t ORDER BY t.id", ArchiveTree.class).getResultList();
    }

    /** A tree's renewals, oldest first. */
    public List<ArchiveRenewal> renewalsOf(long tree) {
        return em.createQuery("SELECT r FROM ArchiveRenewal r WHERE r.treeId = :tree ORDER BY r.id", ArchiveRenewal.class)
                .setParameter("tree", tree).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void renewed(ArchiveRenewal renewal) {
        em.persist(renewal);
    }

    /** How many entries wait for the next sealing. */
    public long waiting() {
        return em.createQuery("SELECT COUNT(e) FROM ArchiveEntry e WHERE e.treeId IS NULL", Long.class).getSingleResult();
    }

    /** When the oldest entry still waiting for a sealing was entered; null when none waits. */
    public Instant oldestWaiting() {
        return em.createQuery("SELECT MIN(e.enteredAt) FROM ArchiveEntry e WHERE e.treeId IS NULL", Instant.class).getSingleResult();
    }

    /** The next tree's id: sealings run one at a time ({@link ArchiveSealing}). */
    public long nextId() {
        Long max = em.createQuery("SELECT MAX(t.id) FROM ArchiveTree t", Long.class).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
