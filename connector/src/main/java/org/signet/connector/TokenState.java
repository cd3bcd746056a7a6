package org.signet.connector;

import java.time.Instant;

/**
 * What a token can do right now. A mass-signature card is {@code ready} only while activated, with what is left of
 * its activation; an individual card is never logged in between requests.
 */
public record TokenState(TokenDefinition.PinMode mode, boolean ready, Integer signaturesLeft, Instant activeUntil) {

    public String describe() {
        return switch (mode) {
            case STORED -> ready ? "logged in" : "not logged in";
            case PER_REQUEST -> "PIN with each request";
            case ACTIVATION -> !ready ? "locked: activate it with its PIN"
                    : "activated" + (signaturesLeft == null ? "" : ", " + signaturesLeft + " signatures left")
                    + (activeUntil == null ? "" : ", until " + activeUntil);
        };
    }
}
