package org.signet.archive;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One sealing of the archive: the hash tree over the entries entered since the previous one, its root, and the RFC
 * 3161 time stamp over that root. The tree's nodes are in a file of the archive folder, named by the tree's id.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_ARCHIVE_TREE")
public class ArchiveTree {

    @Id
    @Column(name = "ID")
    private long id;

    @Column(name = "SEALED_AT", nullable = false)
    private Instant sealedAt;

    @Column(name = "LEAVES", nullable = false)
    private int leaves;

    @Column(name = "HASH_ALGORITHM", length = 16, nullable = false)
    private String hashAlgorithm;

    @Column(name = "ROOT_SHA256", length = 64, nullable = false)
    private String rootSha256;

    @Column(name = "TIME_STAMPED_AT", nullable = false)
    private Instant timeStampedAt;

    @Lob
    @Column(name = "TIME_STAMP", nullable = false)
    private byte[] timeStamp;

    protected ArchiveTree() { }

    ArchiveTree(long id, Instant sealedAt, int leaves, String rootSha256, Instant timeStampedAt, byte[] timeStamp) {
        this.id = id;
        this.sealedAt = sealedAt;
        this.leaves = leaves;
        this.hashAlgorithm = "SHA-256";
        this.rootSha256 = rootSha256;
        this.timeStampedAt = timeStampedAt;
        this.timeStamp = timeStamp.clone();
    }

    public long id() {
        return id;
    }

    public Instant sealedAt() {
        return sealedAt;
    }

    public int leaves() {
        return leaves;
    }

    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    public String rootSha256() {
        return rootSha256;
    }

    public Instant timeStampedAt() {
        return timeStampedAt;
    }

    public byte[] timeStamp() {
        return timeStamp.clone();
    }
}
