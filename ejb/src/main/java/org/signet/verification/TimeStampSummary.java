package org.signet.verification;

import java.time.Instant;

/** A time-stamp found on a signature: its kind (signature, archive, document), when, by whom, and whether it holds. */
public record TimeStampSummary(String type, Instant productionTime, String authority, boolean valid) {
}
