package org.signet.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.SignetException;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import jakarta.inject.Inject;
import org.signet.connector.KeyReference;
import org.signet.keys.SigningKeys;
import org.signet.keys.SigningToken;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.Certificates;
import org.signet.seal.Seal;
import org.signet.seal.SealAuthorisation;
import org.signet.signing.SignatureFormat;
import org.signet.signing.SignatureLevel;
import org.signet.seal.SealDirectory;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Users, seals and their authorisations; admin role only. The role is checked here rather than with
 * {@code @RolesAllowed}, so that a refused attempt is audited and answered like every other refusal.
 */
@Stateless
@PermitAll
@jakarta.annotation.security.DeclareRoles(Administration.ADMIN_ROLE)
public class Administration {

    public static final String ADMIN_ROLE = "admin";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    public static final int MIN_PASSWORD_LENGTH = 12;

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private SealDirectory seals;
    @EJB
    private AuditLog audit;
    @Inject
    private CertificateAuthority authority;
    @Inject
    private SigningKeys keys;

    /** Creates the user, or replaces the password and roles of an existing one. */
    public void putUser(String name, char[] password, Set<String> roles) {
        String admin = requireAdmin(AuditEvent.Action.USER_CHANGED, null, "user '" + name + "'");
        requireName("user name", name);
        roles.forEach(role -> requireName("role", role));
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String hash = PasswordHash.of(password);
        SignetUser user = em.find(SignetUser.class, name);
        if (user == null) {
            em.persist(new SignetUser(name, hash, roles));
        } else {
            user.changePassword(hash);
            user.replaceRoles(roles);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.USER_CHANGED,
                AuditEvent.Outcome.SUCCESS, null, null, "user '" + name + "' with roles " + roles));
    }

    public void authorise(String sealName, SealAuthorisation.PrincipalKind kind, String principal) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_AUTHORISED, sealName, kind + " '" + principal + "'");
        requireName(kind == SealAuthorisation.PrincipalKind.USER ? "user name" : "role", principal);
        if (!seals.exists(sealName)) {
            throw new SignetException(SignetException.Kind.UNKNOWN_SEAL, "there is no seal named '" + sealName + "'");
        }
        long existing = em.createQuery("SELECT COUNT(a) FROM SealAuthorisation a WHERE a.sealName = :seal "
                        + "AND a.principalKind = :kind AND a.principalName = :name", Long.class)
                .setParameter("seal", sealName).setParameter("kind", kind).setParameter("name", principal)
                .getSingleResult();
        if (existing == 0) {
            em.persist(new SealAuthorisation(sealName, kind, principal));
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_AUTHORISED,
                AuditEvent.Outcome.SUCCESS, sealName, null, kind + " '" + principal + "'"));
    }

    /**
     * A new seal with a new software key, certified by Signet's CA. Nobody may use it until authorised.
     *
     * @param subject the certificate's subject, or {@code null} for "CN=<name>,O=<the CA's organisation>"
     */
    public void createSeal(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel, String subject) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_CREATED, name, "seal '" + name + "'");
        requireName("seal name", name);
        if (formats == null || formats.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal needs at least one format (PADES, CADES)");
        }
        if (seals.exists(name)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal named '" + name + "' exists already");
        }
        if (!authority.exists()) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "this Signet has no CA of its own to certify a new seal");
        }
        try {
            String certificateSubject = subject != null && !subject.isBlank() ? subject
                    : "CN=" + name + ",O=" + authority.organisation();
            SigningToken token = authority.issueSoftwareToken("seal-" + name, "seal", Certificates.Profile.SEAL,
                    certificateSubject, Duration.ofDays(1095));
            em.persist(token);
            keys.open(token);
            em.persist(new Seal(name, description, new KeyReference(token.name(), "seal"), formats,
                    maxLevel == null ? SignatureLevel.LTA : maxLevel));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "seal '" + name + "' could not be created: " + e.getMessage(), e);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CREATED, AuditEvent.Outcome.SUCCESS, name, null,
                "formats " + formats + " up to " + maxLevel));
    }

    /** Revokes the seal's certificate at Signet's CA: the seal signs nothing more, and verification reports it. */
    public void revokeSeal(String name, CertificateAuthority.RevocationReason reason) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_REVOKED, name, "seal '" + name + "'");
        Seal seal = em.find(Seal.class, name);
        if (seal == null) {
            throw new SignetException(SignetException.Kind.UNKNOWN_SEAL, "there is no seal named '" + name + "'");
        }
        X509Certificate certificate = keys.certificateChain(seal.key()).get(0);
        try {
            authority.revoke(certificate, reason == null ? CertificateAuthority.RevocationReason.UNSPECIFIED : reason);
        } catch (GeneralSecurityException | IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "seal '" + name + "' cannot be revoked: " + e.getMessage(), e);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_REVOKED, AuditEvent.Outcome.SUCCESS, name, null,
                "certificate " + certificate.getSerialNumber().toString(16) + " revoked: " + reason));
    }

    /** The audit trail, newest first, at most {@code limit} (1 to 1000) events. */
    public java.util.List<org.signet.audit.AuditEntry> auditTrail(int limit) {
        requireAdmin(AuditEvent.Action.AUDIT_READ, null, "the audit trail");
        if (limit < 1 || limit > 1000) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "limit must be between 1 and 1000, not " + limit);
        }
        return audit.newest(limit);
    }

    private String requireAdmin(AuditEvent.Action action, String sealName, String what) {
        String caller = Callers.name(session);
        if (!session.isCallerInRole(ADMIN_ROLE)) {
            audit.record(new AuditEvent(Instant.now(), caller, action, AuditEvent.Outcome.REFUSED, sealName, null,
                    "not an admin: " + what));
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED,
                    "user '" + caller + "' is not allowed to administer Signet (admin role required)");
        }
        return caller;
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the " + what + " '" + value
                    + "' is not allowed: use 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
    }
}
