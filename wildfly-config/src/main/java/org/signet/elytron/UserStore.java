package org.signet.elytron;

import java.util.Set;

/** Where the realm reads users: Signet's SIGNET_USER and SIGNET_USER_ROLE tables. */
interface UserStore {

    /** A user who may log in; {@code passwordHash} is bcrypt in modular crypt form. */
    record User(String name, String passwordHash, boolean enabled) { }

    User find(String name) throws StoreUnavailableException;

    Set<String> roles(String name) throws StoreUnavailableException;

    final class StoreUnavailableException extends Exception {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
