package org.signet.keys;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where Signet keeps the passwords of its key stores and the PINs of its tokens. Aliases are lower case (the
 * Elytron store folds them), so a new secret never silently replaces one whose name differs only in case.
 */
public interface SecretStore {

    /** Stores a new secret; refuses an alias that is taken. */
    void put(String alias, char[] secret);

    /** A copy of the secret; the caller overwrites it after use. */
    char[] get(String alias);

    boolean contains(String alias);

    void remove(String alias);

    static String tokenPin(String token) {
        return "token." + token.toLowerCase(Locale.ROOT);
    }

    static String keyStorePassword(Path keyStore) {
        return "keystore." + keyStore.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
