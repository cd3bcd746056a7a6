package org.signet.model;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.EJBAccessException;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every refusal Signet gives a caller. The faces turn the kind into an HTTP status or a SOAP fault code and
 * show the message as it is, so messages name the problem (the seal, the limit) and never hold secrets.
 */
@ApplicationException(rollback = true)
public class SignetException extends RuntimeException {

    public enum Kind {
        NOT_AUTHENTICATED(401),
        INVALID_INPUT(400),
        DOCUMENT_TOO_LARGE(413),
        UNKNOWN_SEAL(404),
        NOT_AUTHORISED(403),
        NOT_ALLOWED_FOR_SEAL(403),
        KEY_UNAVAILABLE(503),
        KEY_LIMIT_REACHED(503),
        /** A card refused the PIN that came with the request; never retried. */
        WRONG_PIN(403),
        /** The key is on an individual card, and the request brought no PIN for it. */
        PIN_REQUIRED(400),
        /** The request would change what the server configuration sets; it is changed there. */
        CONFLICT(409),
        /** Signet never archived that document (it did not sign it, or not since the archive began). */
        NOT_ARCHIVED(404),
        /** The document is archived, but the tree it entered is not sealed yet: the message says when it will be. */
        NOT_YET_SEALED(409),
        /** The seal needs the caller's one-time code (TOTP) with the request, and none came or it did not match. */
        SECOND_FACTOR_REQUIRED(403),
        /** The server reads as many large requests as it may at once; the caller tries again (Retry-After). */
        SERVER_BUSY(503),
        /** No workflow of that id that the caller may see (whether it exists is not told). */
        UNKNOWN_WORKFLOW(404),
        SIGNING_FAILED(500);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    public SignetException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SignetException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * What a face reports for any failure of a service call: Signet's own refusals as they are, the container's
     * access refusal as NOT_AUTHORISED, and anything else as an internal error with an incident number that
     * points to the full detail in the server log, so that no stack trace or internal message reaches a client.
     */
    public static SignetException from(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SignetException signet) {
                return signet;
            }
            if (t instanceof EJBAccessException) {
                return new SignetException(Kind.NOT_AUTHORISED, "the caller is not allowed to do this");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String incident = UUID.randomUUID().toString();
        Logger.getLogger(SignetException.class.getName())
                .log(Level.SEVERE, "Request failed, incident " + incident, failure);
        return new SignetException(Kind.SIGNING_FAILED,
                "the request failed because of an internal error; incident " + incident + " is in the server log");
    }
}
