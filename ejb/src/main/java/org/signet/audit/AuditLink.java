package org.signet.audit;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One link of the audit chain: the n-th event chained, and the hash that ties it to every link before it. A link is
 * written once, in the order Signet chains events (which is their order of commit, not always of their ids).
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_AUDIT_CHAIN", uniqueConstraints = @UniqueConstraint(name = "SIGNET_AUDIT_CHAIN_EVENT", columnNames = "EVENT_ID"))
public class AuditLink {

    /** The hash before the first link. */
    public static final byte[] START = new byte[32];

    @Id
    @Column(name = "SEQ")
    private long seq;

    @Column(name = "EVENT_ID", nullable = false)
    private long eventId;

    @Column(name = "LINK_HASH", length = 64, nullable = false)
    private String linkHash;

    protected AuditLink() { }

    /** SHA-256 over the previous link's hash, this link's number, the event's id and the event's stored seal. */
    public static byte[] hash(byte[] previous, long seq, long eventId, String rowMac) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous);
            sha256.update(ByteBuffer.allocate(16).putLong(seq).putLong(eventId).array());
            if (rowMac != null) {
                sha256.update(HexFormat.of().parseHex(rowMac));
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new IllegalStateException("an audit link cannot be hashed: " + e.getMessage(), e);
        }
    }

    /** The insert the chain writes links with. */
    public static final String INSERT = "INSERT INTO SIGNET_AUDIT_CHAIN (SEQ, EVENT_ID, LINK_HASH) VALUES (?, ?, ?)";
}
