package org.signet.connector;

import jakarta.resource.ResourceException;

/** A key or token problem; the message names the token and key, never a secret. */
public class SigningKeyException extends ResourceException {

    public enum Reason {
        UNKNOWN_TOKEN, UNKNOWN_KEY, TOKEN_UNAVAILABLE, SIGNING_FAILED, UNSUPPORTED,
        /** A card that takes its PIN with each request got none. */
        PIN_REQUIRED,
        /** The token refused the PIN; Signet never tries it again. */
        WRONG_PIN,
        /** A mass-signature card that is not activated, or whose activation ran out. */
        TOKEN_LOCKED,
        /** An individual card busy with another request for longer than the adapter waits. */
        TOKEN_BUSY
    }

    private final Reason reason;

    public SigningKeyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SigningKeyException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
