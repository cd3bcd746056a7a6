package org.signet.admin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.model.Names;
import org.signet.model.SignetException;
import org.signet.security.AdminRole;
import org.signet.security.PasswordHash;
import org.signet.security.SignetUser;

import java.time.Instant;
import java.util.Set;

/**
 * Users and their passwords and roles. Admin role only, checked here rather than with {@code @RolesAllowed},
 * so that a refused attempt is audited and answered like every other refusal.
 */
@Stateless
@PermitAll
@DeclareRoles(AdminRole.NAME)
public class UserAdministration {

    public static final int MIN_PASSWORD_LENGTH = 12;

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;

    /** Creates the user, or replaces the password and roles of an existing one. */
    public void putUser(String name, char[] password, Set<String> roles) {
        String admin = requireAdmin(AuditEvent.Action.USER_CHANGED, null, "user '" + name + "'");
        Names.require("user name", name);
        roles.forEach(role -> Names.require("role", role));
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

    private String requireAdmin(AuditEvent.Action action, String sealName, String what) {
        return AdminRole.require(session, audit, action, sealName, what);
    }
}
