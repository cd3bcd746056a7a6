package org.signet.connector;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * How to open a token: a PKCS#12 file (location = the file), or a PKCS#11 token (location = the module library,
 * slot = its slot ID, or "index:N" for the N-th slot with a token). The secret (password or PIN) is copied on use
 * and never printed: {@link #toString()} leaves it out.
 */
public final class TokenDefinition {

    public enum Kind { PKCS12, PKCS11 }

    private final String name;
    private final Kind kind;
    private final Path location;
    private final String slot;
    private final char[] secret;

    public TokenDefinition(String name, Kind kind, Path location, char[] secret) {
        this(name, kind, location, null, secret);
    }

    public TokenDefinition(String name, Kind kind, Path location, String slot, char[] secret) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.location = Objects.requireNonNull(location, "location");
        this.slot = slot;
        this.secret = secret == null ? new char[0] : secret.clone();
    }

    public String slot() { return slot; }

    public String name() { return name; }

    public Kind kind() { return kind; }

    public Path location() { return location; }

    char[] secret() { return secret.clone(); }

    /** Overwrites the secret held by this definition once the token is open. */
    void forgetSecret() { Arrays.fill(secret, '\0'); }

    @Override
    public String toString() {
        return "token " + name + " (" + kind + " at " + location + (slot == null ? "" : " slot " + slot) + ")";
    }
}
