package org.signet.elytron;

import java.time.Instant;

import java.util.Set;

/** Where the realm reads users: Signet's SIGNET_USER and SIGNET_USER_ROLE tables, and the bearer tokens Signet issued. */
interface UserStore {

    /** A user who may log in; {@code passwordHash} is bcrypt in modular crypt form. */
    record User(String name, String passwordHash, boolean enabled) { }

    User find(String name) throws StoreUnavailableException;

    Set<String> roles(String name) throws StoreUnavailableException;

    /** The holder of the bearer token with this SHA-256 (hex), if the token exists and has not expired; else null. */
    String tokenHolder(String tokenSha256, Instant now) throws StoreUnavailableException;

    /** The user whose client certificate has this SHA-256 fingerprint (hex, lower case), or null. */
    default String certificateHolder(String certificateSha256) throws StoreUnavailableException {
        return null;
    }

    final class StoreUnavailableException extends Exception {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
