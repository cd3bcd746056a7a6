package org.signet.audit;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The audit chain's head at a moment, time-stamped (RFC 3161): whoever rewrites the chain before it must also forge
 * the time-stamping authority's signature.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_AUDIT_CHECKPOINT")
public class AuditCheckpoint {

    @Id
    @Column(name = "SEQ")
    private long seq;

    @Column(name = "HEAD_HASH", length = 64, nullable = false)
    private String headHash;

    @Column(name = "MADE_AT", nullable = false)
    private Instant madeAt;

    @Lob
    @Column(name = "TIME_STAMP", nullable = false)
    private byte[] timeStamp;

    protected AuditCheckpoint() { }

    public AuditCheckpoint(long seq, String headHash, Instant madeAt, byte[] timeStamp) {
        this.seq = seq;
        this.headHash = headHash;
        this.madeAt = madeAt;
        this.timeStamp = timeStamp.clone();
    }

    /** What the time stamp covers: SHA-256 over a label, the head's link number and its hash. */
    public static byte[] statement(long seq, String headHash) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("signet-audit-checkpoint-v1".getBytes(StandardCharsets.US_ASCII));
            sha256.update(ByteBuffer.allocate(8).putLong(seq).array());
            sha256.update(HexFormat.of().parseHex(headHash));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long seq() { return seq; }

    public String headHash() { return headHash; }

    public Instant madeAt() { return madeAt; }

    public byte[] timeStamp() { return timeStamp.clone(); }
}
