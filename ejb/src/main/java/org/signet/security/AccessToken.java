package org.signet.security;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A bearer token Signet issued to a user (CSC {@code auth/login}): only its SHA-256 is stored, with its holder and
 * expiry. The realm (org.signet.elytron.SignetRealm) reads this table to authenticate {@code Authorization: Bearer}.
 */
@Entity
@Cacheable(false)
@Table(name = "SIGNET_ACCESS_TOKEN")
public class AccessToken {

    @Id
    @Column(name = "TOKEN_SHA256", length = 64)
    private String tokenSha256;

    @Column(name = "USER_NAME", length = 128, nullable = false)
    private String user;

    @Column(name = "ISSUED_AT", nullable = false)
    private Instant issuedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private Instant expiresAt;

    protected AccessToken() { }

    AccessToken(String tokenSha256, String user, Instant issuedAt, Instant expiresAt) {
        this.tokenSha256 = tokenSha256;
        this.user = user;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    String user() { return user; }
}
