package org.signet.archive;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** An archive entry's leaf in a hash-tree renewal's tree. */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_ARCHIVE_HASH_RENEWAL_LEAF", indexes = {
        @Index(name = "SIGNET_ARCHIVE_HASH_RENEWAL_LEAF_ENTRY", columnList = "ENTRY_ID"),
        @Index(name = "SIGNET_ARCHIVE_HASH_RENEWAL_LEAF_RENEWAL", columnList = "RENEWAL_ID")})
public class HashTreeRenewalLeaf {

    public static final String INSERT = "INSERT INTO SIGNET_ARCHIVE_HASH_RENEWAL_LEAF (RENEWAL_ID, ENTRY_ID, LEAF) VALUES (?, ?, ?)";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "RENEWAL_ID", nullable = false)
    private long renewalId;

    @Column(name = "ENTRY_ID", nullable = false)
    private long entryId;

    @Column(name = "LEAF", nullable = false)
    private int leaf;

    protected HashTreeRenewalLeaf() { }

    public long renewalId() {
        return renewalId;
    }

    public long entryId() {
        return entryId;
    }

    public int leaf() {
        return leaf;
    }
}
