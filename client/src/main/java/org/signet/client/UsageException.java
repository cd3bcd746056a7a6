package org.signet.client;

/** A mistake in how the command was called, or a local file that cannot be used. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
