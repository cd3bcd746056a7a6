package org.signet.api;

import org.signet.trail.AuditTrailCheck;

import java.time.Instant;
import java.util.List;

/**
 * What a check of the audit trail found: intact or not, how many events and links, how many events predate the
 * seals, the checkpoints and the last one, and the problems (the first hundred named, all counted).
 */
public record AuditTrailVerification(boolean intact, long events, long links, long unsealedBefore, int checkpoints,
                                     Instant lastCheckpoint, long lastCheckpointLink, long problemCount, List<String> problems) {

    public static AuditTrailVerification of(AuditTrailCheck.Result result) {
        return new AuditTrailVerification(result.intact(), result.events(), result.links(), result.unsealedBefore(), result.checkpoints(),
                result.lastCheckpoint(), result.lastCheckpointLink(), result.problemCount(), result.problems());
    }
}
