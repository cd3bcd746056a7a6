package org.signet.archive;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A time-stamp renewal of a sealed tree (RFC 4998 §5.2): a new archive time stamp over the tree's earlier time
 * stamps, so that its evidence outlives their certificates. It is the same for every entry of the tree, so it is kept
 * once, whole (DER), and appended to each entry's chain. The XML form (RFC 6283) renews over other bytes, so it has a
 * time stamp of its own. A renewal belongs to the tree's first chain, or to the chain a hash-tree renewal began.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_ARCHIVE_RENEWAL", indexes = @Index(name = "SIGNET_ARCHIVE_RENEWAL_TREE", columnList = "TREE_ID"))
public class ArchiveRenewal {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "TREE_ID", nullable = false)
    private long treeId;

    /** The {@link HashTreeRenewal} whose chain this renews; null: the tree's first chain. */
    @Column(name = "CHAIN_ID")
    private Long chainId;

    @Column(name = "RENEWED_AT", nullable = false)
    private Instant renewedAt;

    @Column(name = "TIME_STAMPED_AT", nullable = false)
    private Instant timeStampedAt;

    @Lob
    @Column(name = "ARCHIVE_TIME_STAMP", nullable = false)
    private byte[] archiveTimeStamp;

    /** The RFC 3161 token of the same renewal in the XML form: over the previous XML time stamp's canonical form. */
    @Lob
    @Column(name = "XML_TIME_STAMP")
    private byte[] xmlTimeStamp;

    protected ArchiveRenewal() { }

    ArchiveRenewal(long treeId, Long chainId, Instant renewedAt, Instant timeStampedAt, byte[] archiveTimeStamp, byte[] xmlTimeStamp) {
        this.treeId = treeId;
        this.chainId = chainId;
        this.renewedAt = renewedAt;
        this.timeStampedAt = timeStampedAt;
        this.archiveTimeStamp = archiveTimeStamp.clone();
        this.xmlTimeStamp = xmlTimeStamp == null ? null : xmlTimeStamp.clone();
    }

    public long treeId() {
        return treeId;
    }

    public long id() {
        return id;
    }

    public Long chainId() {
        return chainId;
    }

    public Instant timeStampedAt() {
        return timeStampedAt;
    }

    public byte[] archiveTimeStamp() {
        return archiveTimeStamp.clone();
    }

    /** Null for a renewal made before the XML form was kept. */
    public byte[] xmlTimeStamp() {
        return xmlTimeStamp == null ? null : xmlTimeStamp.clone();
    }
}
