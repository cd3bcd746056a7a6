package org.signet.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.signet.connector.KeyReference;

import java.time.Instant;

/**
 * How often a key has signed and how often it may: a card's or an HSM key's usage limit and validity window.
 * The counter only ever moves by a single UPDATE in the database, so concurrent requests cannot lose a count.
 */
@Entity
@Table(name = "SIGNET_KEY_USAGE")
public class KeyUsage {

    @Id
    @Column(name = "KEY_ID", length = 200)
    private String keyId;

    @Column(name = "SIGNATURES", nullable = false)
    private long signatures;

    /** null: no limit. */
    @Column(name = "MAX_SIGNATURES")
    private Long maxSignatures;

    @Column(name = "USABLE_FROM")
    private Instant usableFrom;

    @Column(name = "USABLE_UNTIL")
    private Instant usableUntil;

    protected KeyUsage() { }

    public KeyUsage(KeyReference key) {
        this.keyId = key.toString();
    }

    public String keyId() { return keyId; }

    public long signatures() { return signatures; }

    public Long maxSignatures() { return maxSignatures; }

    public Instant usableFrom() { return usableFrom; }

    public Instant usableUntil() { return usableUntil; }

    /** Signatures reserved (positive) or given back (negative). */
    void count(long signatures) {
        this.signatures += signatures;
    }

    void limit(Long maxSignatures, Instant usableFrom, Instant usableUntil) {
        this.maxSignatures = maxSignatures;
        this.usableFrom = usableFrom;
        this.usableUntil = usableUntil;
    }
}
