package org.signet.admin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import org.signet.audit.AuditEntry;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.model.ListLimit;
import org.signet.model.SignetException;
import org.signet.security.AdminRole;

import java.util.List;
import java.util.Locale;

/**
 * Reading the audit trail. Admin role only, checked here rather than with {@code @RolesAllowed},
 * so that a refused attempt is audited and answered like every other refusal.
 */
@Stateless
@PermitAll
@DeclareRoles(AdminRole.NAME)
public class AuditQuery {

    @Resource
    private SessionContext session;
    @EJB
    private AuditLog audit;

    /**
     * The newest events of one action (e.g. "BATCH_RESUMED"; null or blank: every action), at most {@code limit}
     * (1 to 1000; null: 100).
     */
    public List<AuditEntry> auditTrail(Integer requested, String action) {
        requireAdmin(AuditEvent.Action.AUDIT_READ, null, "the audit trail");
        int limit = ListLimit.of(requested);
        AuditEvent.Action only = null;
        if (action != null && !action.isBlank()) {
            try {
                only = AuditEvent.Action.valueOf(action.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "there is no audited action '" + action + "'");
            }
        }
        return audit.newest(limit, only);
    }

    private String requireAdmin(AuditEvent.Action action, String sealName, String what) {
        return AdminRole.require(session, audit, action, sealName, what);
    }
}
