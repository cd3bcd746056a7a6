package org.signet.security;

import jakarta.persistence.Cacheable;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/**
 * A person or a process (a service account of an invoicing system, a scheduler) that may log in. Signet's Elytron realm (wildfly-config, module org.signet.elytron)
 * reads these tables with plain SQL: keep the table and column names in step with its JdbcUserStore. It also enters
 * the people of the organisation's directory (password hash {@value #FROM_DIRECTORY}), so users stay out of the shared cache.
 */
@Entity
@Table(name = "SIGNET_USER")
@Cacheable(false)
public class SignetUser {

    @Id
    @Column(name = "NAME", length = 128)
    private String name;

    /** bcrypt in modular crypt form ($2a$...). */
    @Column(name = "PASSWORD_HASH", length = 100, nullable = false)
    private String passwordHash;

    /** An integer, not a boolean, so the realm's SQL reads the same on Derby and PostgreSQL. */
    @Column(name = "ENABLED", nullable = false)
    private int enabled = 1;

    /** Whether a person or a process logs in as this user; none on users from before the distinction: people. */
    public enum Kind { PERSON, PROCESS }

    /** The password hash of a person whose password the directory checks (the realm's UserStore.FROM_DIRECTORY). */
    public static final String FROM_DIRECTORY = "directory";

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 8)
    private Kind kind = Kind.PERSON;

    /**
     * The SHA-256 fingerprint (hex) of the TLS client certificate that logs in as this user, read by the realm; none:
     * no certificate does. Unique: one certificate names one user.
     */
    @Column(name = "CLIENT_CERTIFICATE", length = 64, unique = true)
    private String clientCertificate;

    /**
     * The subject and issuer of the TLS client certificates that log in as this user, whatever their key (a process's
     * renewed certificate): {@link CertificateSubject#key} as the realm computes it, and the names as shown to admins.
     */
    @Column(name = "CLIENT_SUBJECT", length = 64, unique = true)
    private String clientSubject;

    @Column(name = "CLIENT_SUBJECT_NAME", length = 2048)
    private String clientSubjectName;

    /** The person's full name as the organisation's directory has it (for its personal certificate); none: not known. */
    @Column(name = "FULL_NAME", length = 255)
    private String fullName;

    /** Where Signet mails the user (a workflow step waiting for the user's signature); none: no mail. */
    @Column(name = "EMAIL", length = 254)
    private String email;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "SIGNET_USER_ROLE", joinColumns = @JoinColumn(name = "USER_NAME"))
    @Column(name = "ROLE_NAME", length = 64)
    private Set<String> roles = new HashSet<>();

    protected SignetUser() { }

    public SignetUser(String name, Kind kind, String passwordHash, Set<String> roles) {
        this.name = name;
        this.kind = kind;
        this.passwordHash = passwordHash;
        this.roles = new HashSet<>(roles);
    }

    public String name() { return name; }

    public Set<String> roles() { return Set.copyOf(roles); }

    public Kind kind() { return kind == null ? Kind.PERSON : kind; }

    public boolean enabled() { return enabled == 1; }

    /** Whether the organisation's directory checks this person's password (entered at a login, not by an admin). */
    public boolean fromDirectory() { return FROM_DIRECTORY.equals(passwordHash); }

    public String fullName() { return fullName; }

    public void enable(boolean enabled) { this.enabled = enabled ? 1 : 0; }

    public void changeKind(Kind kind) { this.kind = kind; }

    public void changePassword(String passwordHash) { this.passwordHash = passwordHash; }

    public void replaceRoles(Set<String> roles) { this.roles = new HashSet<>(roles); }

    public String clientCertificate() { return clientCertificate; }

    public void pinClientCertificate(String sha256) { this.clientCertificate = sha256; }

    public String clientSubjectName() { return clientSubjectName; }

    public void pinClientSubject(String key, String name) {
        this.clientSubject = key;
        this.clientSubjectName = name;
    }

    public String email() { return email; }

    public void changeEmail(String address) { this.email = address; }
}
