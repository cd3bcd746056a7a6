package org.signet.archive;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A tree head of the archive's log: its size (the sealed trees so far), its root (RFC 9162 §2.1) and an RFC 3161 time
 * stamp over the SHA-256 of its {@code TreeHeadDataV2} (RFC 9162 §4.10), which stands for the log's signature: what
 * the head says is vouched for by the time-stamping authority at that time.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_LOG_HEAD")
public class LogHead {

    @Id
    @Column(name = "TREE_SIZE")
    private long treeSize;

    @Column(name = "ROOT_SHA256", length = 64, nullable = false)
    private String rootSha256;

    /** Milliseconds since the epoch, as TreeHeadDataV2 carries it. */
    @Column(name = "MADE_AT_MILLIS", nullable = false)
    private long timestamp;

    @Lob
    @Column(name = "TIME_STAMP", nullable = false)
    private byte[] timeStamp;

    protected LogHead() { }

    LogHead(long treeSize, byte[] root, long timestamp, byte[] timeStamp) {
        this.treeSize = treeSize;
        this.rootSha256 = HexFormat.of().formatHex(root);
        this.timestamp = timestamp;
        this.timeStamp = timeStamp.clone();
    }

    /**
     * TreeHeadDataV2 without extensions: uint64 timestamp, uint64 tree_size, the root as a length-prefixed opaque
     * (one byte, 32) and an empty extension list (two zero bytes).
     */
    public static byte[] treeHeadData(long timestamp, long treeSize, byte[] root) {
        return ByteBuffer.allocate(8 + 8 + 1 + root.length + 2).putLong(timestamp).putLong(treeSize).put((byte) root.length).put(root)
                .putShort((short) 0).array();
    }

    public long treeSize() {
        return treeSize;
    }

    public String rootSha256() {
        return rootSha256;
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] timeStamp() {
        return timeStamp.clone();
    }
}
