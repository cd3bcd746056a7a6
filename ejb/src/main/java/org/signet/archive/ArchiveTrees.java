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
import java.util.List;

/** A sealed tree and its entries' places in it, committed together: until then the entries wait for a sealing. */
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

    public List<ArchiveTree> all() {
        return em.createQuery("SELECT t FROM ArchiveTree t ORDER BY t.id", ArchiveTree.class).getResultList();
    }

    /** A tree's time-stamp renewals (archive time stamps, DER), oldest first. */
    public List<byte[]> renewals(long tree) {
        return renewalsOf(tree).stream().map(ArchiveRenewal::archiveTimeStamp).toList();
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
