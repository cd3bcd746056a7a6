package org.signet.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.document.Documents;
import org.signet.keys.SecretStore;
import org.signet.model.Names;
import org.signet.model.SignetException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Each user's second factor (TOTP, RFC 6238): enrolment with recovery codes, confirmation with a first code, the check
 * a seal that requires it makes for every request (a code is accepted once), and an admin's reset. Secrets are kept in
 * the credential store; codes, secrets and recovery codes never reach a log or the audit trail.
 */
@Stateless
@PermitAll
@DeclareRoles(AdminRole.NAME)
public class SecondFactors {

    static final int RECOVERY_CODES = 10;

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;
    @Inject
    private SecretStore secrets;

    /** What a new enrolment shows its user once: the secret, as an otpauth URI and its QR code too, and the recovery codes. */
    public record Enrolment(String secret, String otpauthUri, byte[] qrCodePng, List<String> recoveryCodes) { }

    /**
     * Enrols the caller's authenticator (an unconfirmed enrolment is replaced); a confirmed one stays until an admin
     * resets it, so that a stolen password cannot move the second factor.
     */
    public Enrolment enrol() {
        String caller = Callers.name(session);
        SignetUser user = em.find(SignetUser.class, caller);
        if (user != null && user.kind() == SignetUser.Kind.PROCESS) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + caller + "' is a process: a second factor is a"
                    + " person's; a seal that requires one is used by people");
        }
        TotpEnrolment existing = em.find(TotpEnrolment.class, caller);
        if (existing != null && existing.confirmed()) {
            throw new SignetException(SignetException.Kind.CONFLICT, "user '" + caller + "' has a confirmed authenticator; an admin"
                    + " resets it before a new one is enrolled");
        }
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        String secret = Totp.newSecret();
        String alias = alias(caller);
        if (secrets.contains(alias)) {
            secrets.remove(alias);
        }
        secrets.put(alias, secret.toCharArray());
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] raw = new byte[7];
            random.nextBytes(raw);
            String code = Totp.base32(raw).substring(0, 10);
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
            hashes.add(hash(code));
        }
        em.persist(new TotpEnrolment(caller, hashes));
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.USER_CHANGED, AuditEvent.Outcome.SUCCESS, null, null,
                "authenticator (TOTP) enrolled, not confirmed yet"));
        String uri = Totp.uri(caller, secret);
        return new Enrolment(secret, uri, QrImage.png(uri), List.copyOf(codes));
    }

    /** Confirms the caller's enrolment with a first code from the authenticator. */
    public void confirm(String code) {
        String caller = Callers.name(session);
        TotpEnrolment enrolment = em.find(TotpEnrolment.class, caller, LockModeType.PESSIMISTIC_WRITE);
        if (enrolment == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "user '" + caller + "' has no authenticator to confirm; enrol first");
        }
        long step = Totp.matchingStep(secret(caller), code, Instant.now().getEpochSecond());
        if (step < 0) {
            audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.USER_CHANGED, AuditEvent.Outcome.REFUSED, null, null,
                    "authenticator (TOTP) not confirmed: the code does not match"));
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the code does not match the authenticator's; check the"
                    + " device's clock and enter the code shown now");
        }
        enrolment.confirm(step);
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.USER_CHANGED, AuditEvent.Outcome.SUCCESS, null, null,
                "authenticator (TOTP) confirmed"));
    }

    /**
     * Passes when {@code code} is the user's current one-time code (or an unused recovery code, which is then used up),
     * and was not accepted before; otherwise refuses with SECOND_FACTOR_REQUIRED naming the seal that requires it.
     */
    public void require(String user, String code, String sealName) {
        check(user, code, sealName, "seal '" + sealName + "' requires a one-time code (TOTP) from the caller's authenticator with each request");
    }

    /**
     * The second step of signing in to the web pages: a caller with an authenticator gives its current one-time code
     * (or a recovery code), under the same rules as a seal's; a caller without one passes on the password alone.
     */
    public void signIn(String code) {
        String caller = Callers.name(session);
        boolean enrolled = hasAuthenticator(caller);
        if (enrolled) {
            try {
                check(caller, code, null, "user '" + caller + "' signs in with a one-time code (TOTP) from the authenticator");
            } catch (SignetException e) {
                audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.SIGNED_IN, AuditEvent.Outcome.REFUSED, null, null,
                        e.getMessage()));
                throw e;
            }
        }
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.SIGNED_IN, AuditEvent.Outcome.SUCCESS, null, null,
                enrolled ? "web pages, password and one-time code" : "web pages, password"));
    }

    private void check(String user, String code, String sealName, String needs) {
        if (code == null || code.isBlank()) {
            throw new SignetException(SignetException.Kind.SECOND_FACTOR_REQUIRED, needs + "; none came");
        }
        TotpEnrolment enrolment = em.find(TotpEnrolment.class, user, LockModeType.PESSIMISTIC_WRITE);
        if (enrolment == null || !enrolment.confirmed()) {
            throw new SignetException(SignetException.Kind.SECOND_FACTOR_REQUIRED, needs + "; user '" + user
                    + "' has no confirmed authenticator (enrol one first)");
        }
        long step = Totp.matchingStep(secret(user), code, Instant.now().getEpochSecond());
        if (step >= 0) {
            if (step <= enrolment.lastStep()) {
                throw new SignetException(SignetException.Kind.SECOND_FACTOR_REQUIRED, needs + "; this code was used already,"
                        + " wait for the next one");
            }
            enrolment.accepted(step);
            return;
        }
        List<String> left = enrolment.recoveryHashes();
        if (left.remove(hash(code.replace("-", "").strip().toUpperCase(Locale.ROOT)))) {
            enrolment.recoveryHashes(left);
            audit.record(new AuditEvent(Instant.now(), user, AuditEvent.Action.USER_CHANGED, AuditEvent.Outcome.SUCCESS, sealName, null,
                    "a recovery code was used; " + left.size() + " left"));
            return;
        }
        throw new SignetException(SignetException.Kind.SECOND_FACTOR_REQUIRED, needs + "; the code does not match");
    }

    /** An admin removes a user's authenticator (lost device); the user enrols again. */
    public void reset(String user) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.USER_CHANGED, null, "reset the authenticator of '" + user + "'");
        Names.require("user name", user);
        if (!forget(user)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "user '" + user + "' has no authenticator");
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.USER_CHANGED, AuditEvent.Outcome.SUCCESS, null, null,
                "authenticator (TOTP) of '" + user + "' reset"));
    }

    /** Removes the user's enrolment, recovery codes and secret, for a reset or a deleted user; whether there was one. */
    public boolean forget(String user) {
        TotpEnrolment enrolment = em.find(TotpEnrolment.class, user);
        if (enrolment != null) {
            em.remove(enrolment);
        }
        if (secrets.contains(alias(user))) {
            secrets.remove(alias(user));
        }
        return enrolment != null;
    }

    /** Whether the user has a confirmed authenticator. */
    public boolean hasAuthenticator(String user) {
        TotpEnrolment enrolment = em.find(TotpEnrolment.class, user);
        return enrolment != null && enrolment.confirmed();
    }

    private String secret(String user) {
        char[] secret = secrets.get(alias(user));
        try {
            return new String(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static String alias(String user) {
        return "totp." + user.toLowerCase(Locale.ROOT);
    }

    private static String hash(String recoveryCode) {
        return Documents.sha256Hex(recoveryCode.getBytes(StandardCharsets.US_ASCII));
    }
}
