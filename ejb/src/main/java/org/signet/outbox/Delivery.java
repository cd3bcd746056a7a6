package org.signet.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A mail or a callback Signet has to deliver, written in the same transaction as what it reports (a step waiting for its
 * signer, a finished workflow), so that it goes out if and only if that commits. A mail's attached document stays in the
 * document store and is named by its SHA-256; a callback's body is JSON.
 */
@Entity
@Table(name = "SIGNET_DELIVERY", indexes = @Index(name = "SIGNET_DELIVERY_DUE", columnList = "SENT, NEXT_ATTEMPT"))
public class Delivery {

    /** MAIL: to an e-mail address, with a subject. CALLBACK: an HTTP POST of JSON to a URL the server configuration allows. */
    public enum Kind { MAIL, CALLBACK }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 8, nullable = false)
    private Kind kind;

    /** An e-mail address, or a callback's URL. */
    @Column(name = "RECIPIENT", length = 1000, nullable = false)
    private String recipient;

    @Column(name = "SUBJECT", length = 300, nullable = false)
    private String subject;

    @Column(name = "BODY", length = 4000, nullable = false)
    private String body;

    @Column(name = "ATTACHMENT_NAME", length = 200)
    private String attachmentName;

    @Column(name = "ATTACHMENT_SHA256", length = 64)
    private String attachmentSha256;

    @Column(name = "CREATED", nullable = false)
    private Instant created;

    @Column(name = "NEXT_ATTEMPT", nullable = false)
    private Instant nextAttempt;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "SENT")
    private Instant sent;

    @Column(name = "LAST_ERROR", length = 1000)
    private String lastError;

    protected Delivery() { }

    Delivery(Kind kind, String recipient, String subject, String body, String attachmentName, String attachmentSha256, Instant created) {
        this.kind = kind;
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.attachmentName = attachmentName;
        this.attachmentSha256 = attachmentSha256;
        this.created = created;
        this.nextAttempt = created;
    }

    public long id() { return id; }

    public Kind kind() { return kind; }

    public String recipient() { return recipient; }

    public String subject() { return subject; }

    public String body() { return body; }

    public String attachmentName() { return attachmentName; }

    public String attachmentSha256() { return attachmentSha256; }

    public int attempts() { return attempts; }

    public Instant sent() { return sent; }

    public String lastError() { return lastError; }

    void sent(Instant at) {
        this.sent = at;
        this.lastError = null;
    }

    void failed(String why, Instant next) {
        this.attempts++;
        this.lastError = why == null ? "unknown" : why.length() > 1000 ? why.substring(0, 1000) : why;
        this.nextAttempt = next;
    }
}
