package org.signet.api;

import org.signet.admin.KeyAdministration;

import java.time.Instant;

/** A key signed a random challenge and the signature verified with its certificate, or why not. */
public record KeyTestResult(String key, boolean ok, String message, long millis, String certificateSubject,
                            Instant certificateValidTo) {

    public static KeyTestResult of(KeyAdministration.KeyTest test) {
        return new KeyTestResult(test.key(), test.ok(), test.message(), test.millis(), test.certificateSubject(),
                test.certificateValidTo());
    }
}
