package org.signet.elytron;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.naming.ldap.LdapName;

/** Where the realm reads users: Signet's SIGNET_USER and SIGNET_USER_ROLE tables, and the bearer tokens Signet issued. */
interface UserStore {

    /** Stands for the password hash of a person whose password the organisation's directory checks. */
    String FROM_DIRECTORY = "directory";

    /** A user who may log in; {@code passwordHash} is bcrypt in modular crypt form, or {@link #FROM_DIRECTORY}. */
    record User(String name, String passwordHash, boolean enabled) {
        boolean fromDirectory() {
            return FROM_DIRECTORY.equals(passwordHash);
        }
    }

    User find(String name) throws StoreUnavailableException;

    Set<String> roles(String name) throws StoreUnavailableException;

    /** The holder of the bearer token with this SHA-256 (hex), if the token exists and has not expired; else null. */
    String tokenHolder(String tokenSha256, Instant now) throws StoreUnavailableException;

    /** The user whose client certificate has this SHA-256 fingerprint (hex, lower case), or null. */
    default String certificateHolder(String certificateSha256) throws StoreUnavailableException {
        return null;
    }

    /** The user whose client certificates are those of this subject from this issuer ({@link SignetRealm#subjectKey}), or null. */
    default String subjectHolder(String subjectKey) throws StoreUnavailableException {
        return null;
    }

    /**
     * Enters a person the directory just accepted: a new person (no roles of its own) when Signet does not know the
     * name, its e-mail address and full name as the directory has them, and its membership of each group that mirrors a directory group
     * set to whether {@code groups} holds that group. Groups that mirror none are not touched.
     */
    default void enterDirectoryPerson(String name, String mail, String fullName, List<LdapName> groups) throws StoreUnavailableException {
        throw new StoreUnavailableException("this store keeps no people of a directory", null);
    }

    final class StoreUnavailableException extends Exception {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
