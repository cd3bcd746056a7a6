package org.signet.api;

import org.signet.trail.AuditChain;

import java.time.Instant;

/** A time-stamped head of the audit chain: up to which link, its hash, when, and by which time-stamping authority. */
public record AuditCheckpointDescription(long link, String headHash, Instant madeAt, String timeStampAuthority) {

    public static AuditCheckpointDescription of(AuditChain.Checkpoint checkpoint) {
        return checkpoint == null ? null
                : new AuditCheckpointDescription(checkpoint.seq(), checkpoint.headHash(), checkpoint.madeAt(), checkpoint.timeStampAuthority());
    }
}
