package org.signet.seal;

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
import org.signet.connector.KeyReference;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A named signing identity: which key signs, and what it may produce. */
@Entity
@Table(name = "SIGNET_SEAL")
public class Seal {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "DESCRIPTION", length = 500)
    private String description;

    @Column(name = "TOKEN_NAME", length = 64, nullable = false)
    private String tokenName;

    @Column(name = "KEY_ALIAS", length = 128, nullable = false)
    private String keyAlias;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "SIGNET_SEAL_FORMAT", joinColumns = @JoinColumn(name = "SEAL_NAME"))
    @Enumerated(EnumType.STRING)
    @Column(name = "FORMAT", length = 16)
    private Set<SignatureFormat> formats = EnumSet.noneOf(SignatureFormat.class);

    @Enumerated(EnumType.STRING)
    @Column(name = "MAX_LEVEL", length = 8, nullable = false)
    private SignatureLevel maxLevel = SignatureLevel.B;

    /** Further keys of the same identity ("token/alias"): with them the seal is a pool that spreads its work. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "SIGNET_SEAL_POOL_MEMBER", joinColumns = @JoinColumn(name = "SEAL_NAME"))
    @Column(name = "KEY_ID", length = 200)
    private List<String> poolMembers = new ArrayList<>();

    /** Whether what the seal signs enters the archive; absent (a seal older than the switch) means it does. */
    @Column(name = "ARCHIVED")
    private Boolean archived;

    /** Whether what the seal signs is also kept whole in the archive's document store; absent means not. */
    @Column(name = "KEEP_DOCUMENTS")
    private Boolean keepDocuments;

    /** "TOTP": every request signing with the seal carries the caller's one-time code; absent: a password suffices. */
    @Column(name = "SECOND_FACTOR", length = 16)
    private String secondFactor;

    /** The computers the seal signs for (addresses and networks, comma-separated); absent: any. */
    @Column(name = "CLIENTS", length = 1000)
    private String clients;

    /** When the seal signs for requests ("Mon-Fri 07:00-19:00"), in {@link #hoursZone}; absent: at any time. */
    @Column(name = "SIGNING_HOURS", length = 200)
    private String hours;

    @Column(name = "HOURS_ZONE", length = 64)
    private String hoursZone;

    /** The scope an OAuth2 access token must grant for a request to sign with the seal; absent: any credentials. */
    @Column(name = "TOKEN_SCOPE", length = 200)
    private String tokenScope;

    /** Whether a request signing with the seal must log in with a registered TLS client certificate; absent: not. */
    @Column(name = "CERTIFICATE_REQUIRED")
    private Boolean certificateRequired;

    /** The person whose personal certificate this is: nobody else may use it, and no hot folder. None: a seal. */
    @Column(name = "OWNER", length = 128)
    private String owner;

    protected Seal() { }

    /** A seal over several keys (a pool), the first of which also stands for the seal where one key is needed. */
    public Seal(String name, String description, List<KeyReference> keys, Set<SignatureFormat> formats, SignatureLevel maxLevel) {
        this(name, description, keys.get(0), formats, maxLevel);
        keys.subList(1, keys.size()).forEach(k -> poolMembers.add(k.toString()));
    }

    public Seal(String name, String description, KeyReference key, Set<SignatureFormat> formats, SignatureLevel maxLevel) {
        this.name = name;
        this.description = description;
        this.tokenName = key.token();
        this.keyAlias = key.alias();
        this.formats = EnumSet.copyOf(formats);
        this.maxLevel = maxLevel;
    }

    public String name() { return name; }

    public String description() { return description; }

    public KeyReference key() { return new KeyReference(tokenName, keyAlias); }

    /** Every key that may sign for this seal: one, or the members of its pool. */
    public List<KeyReference> keys() {
        List<KeyReference> keys = new ArrayList<>();
        keys.add(key());
        for (String member : poolMembers) {
            int slash = member.indexOf('/');
            keys.add(new KeyReference(member.substring(0, slash), member.substring(slash + 1)));
        }
        return keys;
    }

    public Set<SignatureFormat> formats() { return Set.copyOf(formats); }

    public SignatureLevel maxLevel() { return maxLevel; }

    public boolean archived() { return !Boolean.FALSE.equals(archived); }

    public void archive(boolean on) { archived = on; }

    public boolean keepsDocuments() { return Boolean.TRUE.equals(keepDocuments); }

    public void keepDocuments(boolean on) { keepDocuments = on; }

    public boolean requiresOneTimeCode() { return TOTP.equals(secondFactor); }

    public String owner() { return owner; }

    public void own(String person) { this.owner = person; }

    /** A new key for the seal (a personal certificate issued anew); a pool's other members are dropped. */
    public void rekey(KeyReference key) {
        this.tokenName = key.token();
        this.keyAlias = key.alias();
        this.poolMembers.clear();
    }

    public void requireOneTimeCode(boolean on) { secondFactor = on ? TOTP : null; }

    private static final String TOTP = "TOTP";

    /** When the seal signs for requests, or null: at any time. */
    public String hours() { return hours; }

    public String hoursZone() { return hoursZone; }

    /** Restricts the seal to these hours (already checked), or lifts the restriction (null). */
    public void restrictHours(String hours, String zone) {
        this.hours = hours;
        this.hoursZone = hours == null ? null : zone;
    }

    public String tokenScope() { return tokenScope; }

    public boolean certificateRequired() { return Boolean.TRUE.equals(certificateRequired); }

    public void requireCertificate(boolean required) { this.certificateRequired = required; }

    /** Restricts the seal to requests with an OAuth2 access token granting this scope (already checked), or lifts it (null). */
    public void requireTokenScope(String scope) { this.tokenScope = scope; }

    /** The networks requests must come from to sign with the seal; empty: any. */
    public List<String> clients() {
        return clients == null || clients.isBlank() ? List.of() : List.of(clients.split(","));
    }

    /** Restricts the seal to requests from these networks (already checked), or lifts the restriction (empty). */
    public void restrictClients(List<String> networks) {
        clients = networks.isEmpty() ? null : String.join(",", networks);
    }

    public boolean allows(SignatureFormat format, SignatureLevel level) {
        return formats.contains(format) && level.atMost(maxLevel);
    }
}
