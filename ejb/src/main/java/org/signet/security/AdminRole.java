package org.signet.security;

import jakarta.ejb.SessionContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.model.SignetException;

import java.time.Instant;

/**
 * The admin role, checked in the services rather than with {@code @RolesAllowed}, so that a refused attempt is
 * audited and answered like every other refusal.
 */
public final class AdminRole {

    public static final String NAME = "admin";
    /** Reads and checks the audit trail, and nothing else an admin may do. */
    public static final String AUDITOR = "auditor";

    private AdminRole() { }

    /** The caller, when an admin; otherwise the refusal is audited and thrown. */
    public static String require(SessionContext session, AuditLog audit, AuditEvent.Action action, String sealName, String what) {
        String caller = Callers.name(session);
        if (!session.isCallerInRole(NAME)) {
            audit.record(new AuditEvent(Instant.now(), caller, action, AuditEvent.Outcome.REFUSED, sealName, null,
                    "not an admin: " + what));
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED,
                    "user '" + caller + "' is not allowed to administer Signet (admin role required)");
        }
        return caller;
    }

    /** The caller, when an admin or an auditor; otherwise the refusal is audited and thrown. */
    public static String requireAuditor(SessionContext session, AuditLog audit, AuditEvent.Action action, String what) {
        if (session.isCallerInRole(AUDITOR)) {
            return Callers.name(session);
        }
        return require(session, audit, action, null, what);
    }
}
