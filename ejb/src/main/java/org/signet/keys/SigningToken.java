package org.signet.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.signet.connector.TokenDefinition;
import org.signet.model.SignetException;

import java.time.Duration;
import java.util.Locale;

/**
 * A key store Signet opens at start-up. Its secret is not in the database: {@code credentialAlias} names it in the
 * server's Elytron credential store. Cards whose PIN is given at activation or with each request have none.
 */
@Entity
@Table(name = "SIGNET_TOKEN")
public class SigningToken {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 16, nullable = false)
    private TokenDefinition.Kind kind;

    @Column(name = "LOCATION", length = 1000, nullable = false)
    private String location;

    @Column(name = "CREDENTIAL_ALIAS", length = 200)
    private String credentialAlias;

    /** PKCS#11 only: the slot ID, or "index:N". */
    @Column(name = "SLOT", length = 64)
    private String slot;

    @Enumerated(EnumType.STRING)
    @Column(name = "PIN_MODE", length = 16)
    private TokenDefinition.PinMode pinMode;

    /** Mass-signature cards: one activation lasts this many signatures and/or seconds (null: no such bound). */
    @Column(name = "ACTIVATION_SIGNATURES")
    private Integer activationSignatures;

    @Column(name = "ACTIVATION_SECONDS")
    private Long activationSeconds;

    /** CSC only: the account Signet logs in to the remote signature service with (LOCATION is its base URI). */
    @Column(name = "ACCOUNT_NAME", length = 128)
    private String account;

    /** CSC only: how Signet logs in as the account (null: BASIC, as every token registered before OAuth 2.0 was). */
    @Enumerated(EnumType.STRING)
    @Column(name = "SERVICE_LOGIN", length = 16)
    private TokenDefinition.ServiceLogin serviceLogin;

    /** An admin took the token out of service: pools pass over its keys until it is activated again. */
    @Column(name = "DEACTIVATED")
    private Boolean deactivated;

    protected SigningToken() { }

    public SigningToken(String name, TokenDefinition.Kind kind, String location, String credentialAlias) {
        this(name, kind, location, null, credentialAlias);
    }

    public SigningToken(String name, TokenDefinition.Kind kind, String location, String slot, String credentialAlias) {
        this.name = name;
        this.kind = kind;
        this.location = location;
        this.slot = slot;
        this.credentialAlias = credentialAlias;
    }

    /** A remote signature service (CSC) at {@code service}, logged in to as {@code account} with the secret under the alias. */
    public static SigningToken remote(String name, String service, TokenDefinition.ServiceLogin login, String account, String credentialAlias) {
        SigningToken token = new SigningToken(name, TokenDefinition.Kind.CSC, service, credentialAlias);
        token.account = account;
        token.serviceLogin = login;
        return token;
    }

    /** A person's own credentials at a remote signature service, reached with the person's login there. */
    public boolean personsCredential() {
        return kind == TokenDefinition.Kind.CSC && serviceLogin() == TokenDefinition.ServiceLogin.OAUTH2_CODE;
    }

    /** A person linked the credentials again, maybe at another service or with another client ID there. */
    public void relink(String service, String clientId) {
        if (!personsCredential()) {
            throw new IllegalStateException("token " + name + " holds no person's credentials");
        }
        this.location = service;
        this.account = clientId;
    }

    public TokenDefinition.ServiceLogin serviceLogin() {
        return serviceLogin == null ? TokenDefinition.ServiceLogin.BASIC : serviceLogin;
    }

    /** "basic" (the default: account and password at the service's auth/login) or "oauth2-client" (client ID and secret). */
    public static TokenDefinition.ServiceLogin parseServiceLogin(String text) {
        if (text == null || text.isBlank()) {
            return TokenDefinition.ServiceLogin.BASIC;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "basic" -> TokenDefinition.ServiceLogin.BASIC;
            case "oauth2-client", "oauth2client" -> TokenDefinition.ServiceLogin.OAUTH2_CLIENT;
            default -> throw new SignetException(SignetException.Kind.INVALID_INPUT, "the login '" + text
                    + "' is not basic or oauth2-client");
        };
    }

    public String account() { return account; }

    public String slot() { return slot; }

    public String name() { return name; }

    public TokenDefinition.Kind kind() { return kind; }

    public String location() { return location; }

    public String credentialAlias() { return credentialAlias; }

    /** For tokens from before the credential store: their secret has moved there under this alias. */
    public void credentialAlias(String alias) { this.credentialAlias = alias; }

    public TokenDefinition.PinMode pinMode() { return pinMode == null ? TokenDefinition.PinMode.STORED : pinMode; }

    public boolean isCard() { return pinMode() != TokenDefinition.PinMode.STORED; }

    public Integer activationSignatures() { return activationSignatures; }

    public Duration activationPeriod() {
        return activationSeconds == null ? null : Duration.ofSeconds(activationSeconds);
    }

    /** A card whose PIN comes at activation or with each request; has no credential alias. */
    public SigningToken asCard(TokenDefinition.PinMode mode, Integer signatures, Duration period) {
        this.pinMode = mode;
        this.activationSignatures = signatures;
        this.activationSeconds = period == null ? null : period.toSeconds();
        return this;
    }

    public boolean deactivated() { return Boolean.TRUE.equals(deactivated); }

    /** "hsm" (or STORED, the default), "mass-card" (ACTIVATION) or "individual-card" (PER_REQUEST). */
    public static TokenDefinition.PinMode parsePinMode(String text) {
        if (text == null || text.isBlank()) {
            return TokenDefinition.PinMode.STORED;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "hsm", "stored" -> TokenDefinition.PinMode.STORED;
            case "mass-card", "activation" -> TokenDefinition.PinMode.ACTIVATION;
            case "individual-card", "per-request" -> TokenDefinition.PinMode.PER_REQUEST;
            default -> throw new SignetException(SignetException.Kind.INVALID_INPUT, "the token mode '" + text
                    + "' is not hsm, mass-card or individual-card");
        };
    }

    /** An ISO-8601 period such as PT8H, or a number of seconds; null stays null. */
    public static Duration parsePeriod(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.strip().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text.strip()))
                    : Duration.parse(text.strip());
        } catch (RuntimeException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the period '" + text
                    + "' is neither seconds nor ISO-8601 like PT8H");
        }
    }

    public void deactivated(boolean value) { this.deactivated = value; }
}
