package org.signet.security;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.security.SecureRandom;

/** bcrypt in the modular crypt form that Elytron's modular-crypt-mapper reads. */
public final class PasswordHash {

    /** OWASP's minimum cost; each login costs one such hash. */
    private static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() { }

    public static String of(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password, salt, COST);
    }
}
