package org.signet.api;

import org.signet.audit.AuditEntry;

import java.time.Instant;

/** One entry of the audit trail. */
public record AuditRecord(long id, Instant at, String actor, String action, String outcome, String seal, String documentSha256,
                          String detail) {

    public static AuditRecord of(AuditEntry entry) {
        return new AuditRecord(entry.id(), entry.at(), entry.actor(), entry.action(), entry.outcome(), entry.seal(),
                entry.documentSha256(), entry.detail());
    }
}
