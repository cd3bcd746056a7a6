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
import org.signet.trail.AuditChain;
import org.signet.trail.AuditExport;
import org.signet.trail.AuditTrailCheck;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reading the audit trail. Admin role only, checked here rather than with {@code @RolesAllowed},
 * so that a refused attempt is audited and answered like every other refusal.
 */
@Stateless
@PermitAll
@DeclareRoles({AdminRole.NAME, AdminRole.AUDITOR})
public class AuditQuery {

    @Resource
    private SessionContext session;
    @EJB
    private AuditLog audit;
    @EJB
    private AuditTrailCheck trailCheck;
    @EJB
    private AuditChain chain;
    @EJB
    private AuditExport export;

    /**
     * The newest events of one action (e.g. "BATCH_RESUMED"; null or blank: every action), at most {@code limit}
     * (1 to 1000; null: 100).
     */
    public List<AuditEntry> auditTrail(Integer requested, String action) {
        AdminRole.requireAuditor(session, audit, AuditEvent.Action.AUDIT_READ, "the audit trail");
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

    /** Documents signed per hour and seal over the last day, for the dashboard (admin or auditor). */
    public List<AuditLog.SealHour> signaturesPerHour() {
        AdminRole.requireAuditor(session, audit, AuditEvent.Action.AUDIT_READ, "the signatures per hour");
        return audit.signaturesPerHour(24);
    }

    /** The newest refusals (at most {@code limit}, 1 to 1000), for the dashboard (admin or auditor). */
    public List<AuditEntry> recentRefusals(Integer requested) {
        AdminRole.requireAuditor(session, audit, AuditEvent.Action.AUDIT_READ, "the recent refusals");
        return audit.newestRefusals(ListLimit.of(requested));
    }

    /** Checks the whole trail against its seals, chain and time-stamped checkpoints (admin or auditor); the check is audited. */
    public AuditTrailCheck.Result checkTrail() {
        String caller = AdminRole.requireAuditor(session, audit, AuditEvent.Action.AUDIT_CHECKED, "checking the audit trail");
        AuditTrailCheck.Result result = trailCheck.check();
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.AUDIT_CHECKED, AuditEvent.Outcome.SUCCESS, null, null,
                result.intact() ? "intact: " + result.events() + " events, " + result.checkpoints() + " checkpoints"
                        : result.problemCount() + " problems, the first: " + result.problems().get(0)));
        return result;
    }

    /** Chains what waits and time-stamps the chain's head now (admin or auditor); null when nothing was ever audited. */
    public AuditChain.Checkpoint checkpoint() {
        AdminRole.requireAuditor(session, audit, AuditEvent.Action.AUDIT_CHECKED, "a checkpoint of the audit trail");
        return chain.checkpoint();
    }

    /**
     * The whole trail as CSV, for an auditor (admin or auditor): the caller is checked and the export audited now, and
     * the answer writes the trail when the face streams it out.
     */
    public Consumer<OutputStream> exportTrail() {
        String caller = AdminRole.requireAuditor(session, audit, AuditEvent.Action.AUDIT_READ, "exporting the audit trail");
        audit.record(new AuditEvent(Instant.now(), caller, AuditEvent.Action.AUDIT_READ, AuditEvent.Outcome.SUCCESS, null, null,
                "the whole audit trail exported"));
        AuditExport writer = export;
        return writer::write;
    }
}
