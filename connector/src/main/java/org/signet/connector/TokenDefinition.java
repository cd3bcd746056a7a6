package org.signet.connector;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to open a token: a PKCS#12 file (location = the file), a PKCS#11 token (location = the module library,
 * slot = its slot ID, or "index:N" for the N-th slot with a token), or a remote signature service (CSC API v2: its
 * base URI and the account Signet logs in with). The secret (password or PIN) is copied on use and never printed:
 * {@link #toString()} leaves it out.
 */
public final class TokenDefinition {

    public enum Kind { PKCS12, PKCS11, CSC }

    /**
     * How a token gets its PIN: STORED from Signet's credential store at start-up (HSMs, software keys);
     * ACTIVATION once from an admin, for a period or a number of signatures (mass-signature cards);
     * PER_REQUEST with every request, never kept (individual signature cards).
     */
    public enum PinMode { STORED, ACTIVATION, PER_REQUEST }

    /**
     * How Signet logs in to a remote signature service: BASIC, its account and password at {@code auth/login};
     * OAUTH2_CLIENT, its client ID and secret at the OAuth 2.0 token endpoint the service's {@code info} names (client
     * credentials grant); OAUTH2_CODE, a person's authorisation (authorization code grant with PKCE), for the person's
     * own credentials. A service may offer several, so the registration says which.
     */
    public enum ServiceLogin { BASIC, OAUTH2_CLIENT, OAUTH2_CODE }

    private final String name;
    private final Kind kind;
    private final Path location;
    private final String slot;
    private final PinMode pinMode;
    private final char[] secret;
    private URI service;
    private String account;
    private ServiceLogin login = ServiceLogin.BASIC;
    private List<URI> allowedEndpoints = List.of();
    private String codeVerifier;
    private URI redirectUri;
    private Integer activationSignatures;
    private Duration activationPeriod;

    public TokenDefinition(String name, Kind kind, Path location, char[] secret) {
        this(name, kind, location, null, secret);
    }

    public TokenDefinition(String name, Kind kind, Path location, String slot, char[] secret) {
        this(name, kind, location, slot, PinMode.STORED, secret);
    }

    public TokenDefinition(String name, Kind kind, Path location, String slot, PinMode pinMode, char[] secret) {
        if (kind == Kind.PKCS12 && pinMode != PinMode.STORED) {
            throw new IllegalArgumentException("a PKCS#12 file is opened with its stored password");
        }
        this.pinMode = Objects.requireNonNull(pinMode, "pinMode");
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.location = Objects.requireNonNull(location, "location");
        this.slot = slot;
        this.secret = secret == null ? new char[0] : secret.clone();
    }

    /** A remote signature service's credentials, signed with by logging in as {@code account} with its password. */
    public static TokenDefinition remote(String name, URI service, String account, char[] password) {
        TokenDefinition definition = new TokenDefinition(name, Kind.CSC, Path.of("."), null, PinMode.STORED, password);
        definition.service = Objects.requireNonNull(service, "service");
        definition.account = Objects.requireNonNull(account, "account");
        return definition;
    }

    /**
     * CSC: logs in with OAuth 2.0 client credentials ({@code account} is the client ID, the secret its secret) at a token
     * endpoint found through the service's {@code info}; the endpoint is called only when it lies under one of
     * {@code allowed} (base URIs), since the service, not the operator, names it.
     */
    public TokenDefinition oauth2Client(List<URI> allowed) {
        if (kind != Kind.CSC) {
            throw new IllegalArgumentException("only a remote signature service logs in with OAuth 2.0");
        }
        this.login = ServiceLogin.OAUTH2_CLIENT;
        this.allowedEndpoints = List.copyOf(allowed);
        return this;
    }

    /**
     * CSC, a person's credentials: {@code account} is Signet's client ID at the service's OAuth 2.0 issuer, the secret
     * the authorization code the person's login there returned, exchanged once with the PKCE {@code codeVerifier} and
     * the {@code redirectUri} it was asked with. Empty secret: no authorisation held (the person links again).
     */
    public TokenDefinition personal(List<URI> allowed, String codeVerifier, URI redirectUri) {
        oauth2Client(allowed);
        this.login = ServiceLogin.OAUTH2_CODE;
        this.codeVerifier = codeVerifier;
        this.redirectUri = redirectUri;
        return this;
    }

    /** CSC, a person's credentials: the PKCE verifier of the authorization code, or null. */
    public String codeVerifier() { return codeVerifier; }

    /** CSC, a person's credentials: the redirect URI the authorization code was asked with, or null. */
    public URI redirectUri() { return redirectUri; }

    /** CSC: how Signet logs in to the service. */
    public ServiceLogin login() { return login; }

    /** CSC with OAuth 2.0: the base URIs the service's token endpoint must lie under. */
    public List<URI> allowedEndpoints() { return allowedEndpoints; }

    /** CSC: the service's base URI (ending in "/"), e.g. https://host/csc/v2/. */
    public URI service() { return service; }

    /** CSC: the account Signet logs in with. */
    public String account() { return account; }

    public String slot() { return slot; }

    public String name() { return name; }

    public PinMode pinMode() { return pinMode; }

    /** ACTIVATION: how long, and for how many signatures, one activation lasts (null: no such bound; not both). */
    public TokenDefinition activationLimits(Integer signatures, Duration period) {
        if (signatures == null && period == null) {
            throw new IllegalArgumentException("an activation ends after a number of signatures, a period, or both");
        }
        if ((signatures != null && signatures < 1) || (period != null && (period.isNegative() || period.isZero()))) {
            throw new IllegalArgumentException("activation limits must be positive");
        }
        this.activationSignatures = signatures;
        this.activationPeriod = period;
        return this;
    }

    public Integer activationSignatures() { return activationSignatures; }

    public Duration activationPeriod() { return activationPeriod; }

    public Kind kind() { return kind; }

    public Path location() { return location; }

    char[] secret() { return secret.clone(); }

    /** Overwrites the secret held by this definition once the token is open. */
    void forgetSecret() { Arrays.fill(secret, '\0'); }

    @Override
    public String toString() {
        if (kind == Kind.CSC) {
            return "token " + name + " (CSC service " + service + " as " + (login == ServiceLogin.OAUTH2_CLIENT ? "OAuth 2.0 client "
                    : login == ServiceLogin.OAUTH2_CODE ? "a person's login through OAuth 2.0 client " : "")
                    + account + ")";
        }
        return "token " + name + " (" + kind + " at " + location + (slot == null ? "" : " slot " + slot) + ", PIN " + pinMode + ")";
    }
}
