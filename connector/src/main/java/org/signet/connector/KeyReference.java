package org.signet.connector;

import java.io.Serializable;
import java.util.Objects;

/** A key on a registered token, named by token and alias. */
public record KeyReference(String token, String alias) implements Serializable {

    public KeyReference {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(alias, "alias");
    }

    @Override
    public String toString() {
        return token + "/" + alias;
    }
}
