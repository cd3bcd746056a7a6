package org.signet.keys;

import java.time.Instant;
import java.util.List;

/** One key as the admin sees it: where it lives, which seals use it, whether it can sign, and its counters. */
public record KeyStatus(String token, String tokenKind, String alias, List<String> seals, String state, long signatures,
                        Long maxSignatures, Instant usableFrom, Instant usableUntil, String certificateSubject,
                        Instant certificateValidTo) {
}
