package org.signet.pki;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A certificate Signet's CA has revoked; every CRL it issues afterwards lists it. */
@Entity
@Table(name = "SIGNET_REVOKED_CERTIFICATE")
public class RevokedCertificate {

    /** The certificate's serial number in hexadecimal. */
    @Id
    @Column(name = "SERIAL", length = 64)
    private String serial;

    @Column(name = "REVOKED_AT", nullable = false)
    private Instant revokedAt;

    /** RFC 5280 CRLReason code. */
    @Column(name = "REASON", nullable = false)
    private int reason;

    @Column(name = "SUBJECT", length = 500)
    private String subject;

    protected RevokedCertificate() { }

    public RevokedCertificate(String serial, Instant revokedAt, int reason, String subject) {
        this.serial = serial;
        this.revokedAt = revokedAt;
        this.reason = reason;
        this.subject = subject;
    }

    public String serial() { return serial; }

    public Instant revokedAt() { return revokedAt; }

    public int reason() { return reason; }
}
