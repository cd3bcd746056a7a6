package org.signet.audit;

import java.time.Instant;

/** An audit event as callers see it. */
public record AuditEntry(long id, Instant at, String actor, String action, String outcome, String seal,
                         String documentSha256, String detail) {
}
