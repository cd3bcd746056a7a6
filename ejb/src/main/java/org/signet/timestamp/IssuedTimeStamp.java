package org.signet.timestamp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The time-stamping authority's log: one row per token; the row's id is the token's serial number. {@link TimeStampLog} writes it. */
@Entity
@Table(name = "SIGNET_TIME_STAMP")
public class IssuedTimeStamp {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "ISSUED_AT", nullable = false)
    private Instant issuedAt;

    @Column(name = "REQUESTER", length = 128, nullable = false)
    private String requester;

    @Column(name = "POLICY", length = 100, nullable = false)
    private String policy;

    @Column(name = "HASH_ALGORITHM", length = 100, nullable = false)
    private String hashAlgorithm;

    @Column(name = "MESSAGE_IMPRINT", length = 130, nullable = false)
    private String messageImprint;

    protected IssuedTimeStamp() { }
}
