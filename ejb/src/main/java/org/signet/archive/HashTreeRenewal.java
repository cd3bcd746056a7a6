package org.signet.archive;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A hash-tree renewal of (some entries of) a sealed tree (RFC 4998 §5.3): a new tree in a stronger hash over each
 * entry's document hashed anew and its evidence so far, time-stamped once. It starts a new chain in the records of
 * the entries it holds ({@link HashTreeRenewalLeaf}); later time-stamp renewals of those entries go on this chain.
 * Its nodes are in a file of the archive folder named by its id, as a daily tree's are.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_ARCHIVE_HASH_RENEWAL", indexes = @Index(name = "SIGNET_ARCHIVE_HASH_RENEWAL_TREE", columnList = "TREE_ID"))
public class HashTreeRenewal {

    @Id
    @Column(name = "ID")
    private long id;

    @Column(name = "TREE_ID", nullable = false)
    private long treeId;

    /** The DSS name of the hash, e.g. SHA512. */
    @Column(name = "HASH_ALGORITHM", length = 16, nullable = false)
    private String hashAlgorithm;

    @Column(name = "LEAVES", nullable = false)
    private int leaves;

    @Column(name = "ROOT_HASH", length = 128, nullable = false)
    private String rootHash;

    @Column(name = "RENEWED_AT", nullable = false)
    private Instant renewedAt;

    @Column(name = "TIME_STAMPED_AT", nullable = false)
    private Instant timeStampedAt;

    @Lob
    @Column(name = "TIME_STAMP", nullable = false)
    private byte[] timeStamp;

    /**
     * The last time-stamp renewal (its id) the entries' earlier chains held when this renewal hashed them: later ones
     * are not part of these entries' records.
     */
    @Column(name = "LAST_RENEWAL_ID", nullable = false)
    private long lastRenewalId;

    protected HashTreeRenewal() { }

    HashTreeRenewal(long id, long treeId, String hashAlgorithm, int leaves, String rootHash, Instant renewedAt, Instant timeStampedAt,
                    byte[] timeStamp, long lastRenewalId) {
        this.id = id;
        this.treeId = treeId;
        this.hashAlgorithm = hashAlgorithm;
        this.leaves = leaves;
        this.rootHash = rootHash;
        this.renewedAt = renewedAt;
        this.timeStampedAt = timeStampedAt;
        this.timeStamp = timeStamp.clone();
        this.lastRenewalId = lastRenewalId;
    }

    public long id() {
        return id;
    }

    public long treeId() {
        return treeId;
    }

    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    public int leaves() {
        return leaves;
    }

    public String rootHash() {
        return rootHash;
    }

    public Instant timeStampedAt() {
        return timeStampedAt;
    }

    public byte[] timeStamp() {
        return timeStamp.clone();
    }

    public long lastRenewalId() {
        return lastRenewalId;
    }
}
