package org.signet.connector;

import jakarta.resource.ResourceException;

/** A key or token problem; the message names the token and key, never a secret. */
public class SigningKeyException extends ResourceException {

    public enum Reason { UNKNOWN_TOKEN, UNKNOWN_KEY, TOKEN_UNAVAILABLE, SIGNING_FAILED, UNSUPPORTED }

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
