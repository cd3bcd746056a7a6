package org.signet.api;

import org.signet.keys.KeyStatus;

import java.time.Instant;
import java.util.List;

/** A key as the admin sees it: its token, the seals over it, whether it can sign, its counters and limits. */
public record KeyDescription(String token, String tokenKind, String alias, List<String> seals, String state, long signatures,
                             Long maxSignatures, Instant usableFrom, Instant usableUntil, String certificateSubject,
                             Instant certificateValidTo) {

    public static KeyDescription of(KeyStatus key) {
        return new KeyDescription(key.token(), key.tokenKind(), key.alias(), List.copyOf(key.seals()), key.state(), key.signatures(),
                key.maxSignatures(), key.usableFrom(), key.usableUntil(), key.certificateSubject(), key.certificateValidTo());
    }
}
