package org.signet.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.document.Documents;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Bearer tokens for callers that log in once and then present a token (CSC clients): 256 random bits, handed out once,
 * stored as their SHA-256, valid for an hour, revocable by their holder. A disabled or deleted user's tokens stop
 * working at once, since the realm checks the user on every request.
 */
@Stateless
@PermitAll
public class AccessTokens {

    /** How long a token is valid. */
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;

    /** A token, handed out once, and how long it is valid. */
    public record Issued(String token, Duration validFor) { }

    /** A token for the authenticated caller; expired tokens of anyone are removed on the way. */
    public Issued issue() {
        String caller = Callers.name(session);
        if (caller == null) {
            throw new SignetException(SignetException.Kind.NOT_AUTHENTICATED, "authentication is required");
        }
        Instant now = Instant.now();
        em.createQuery("DELETE FROM AccessToken t WHERE t.expiresAt < :now").setParameter("now", now).executeUpdate();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        em.persist(new AccessToken(hash(token), caller, now, now.plus(LIFETIME)));
        audit.record(new AuditEvent(now, caller, AuditEvent.Action.BEARER_TOKEN_ISSUED, AuditEvent.Outcome.SUCCESS, null, null,
                "bearer token valid until " + now.plus(LIFETIME)));
        return new Issued(token, LIFETIME);
    }

    /** Revokes one of the caller's own tokens; a token of someone else, or none, is refused alike. */
    public void revoke(String token) {
        String caller = Callers.name(session);
        AccessToken found = token == null ? null : em.find(AccessToken.class, hash(token));
        if (found == null || !found.user().equals(caller)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "no such token of " + caller);
        }
        em.remove(found);
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.BEARER_TOKEN_REVOKED, AuditEvent.Outcome.SUCCESS, null, null,
                "bearer token revoked"));
    }

    /** Every token of a user ends (the user was disabled or deleted). */
    public void revokeAll(String user) {
        em.createQuery("DELETE FROM AccessToken t WHERE t.user = :user").setParameter("user", user).executeUpdate();
    }

    static String hash(String token) {
        return Documents.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
