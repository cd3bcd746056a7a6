package org.signet.connector;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The tokens opened in this adapter instance, shared by all its connections. */
final class TokenRegistry {

    private final ConcurrentMap<String, KeyToken> tokens = new ConcurrentHashMap<>();

    void register(TokenDefinition definition) throws SigningKeyException {
        KeyToken token = switch (definition.kind()) {
            case PKCS12 -> Pkcs12Token.open(definition);
            case PKCS11 -> Pkcs11Token.open(definition);
        };
        definition.forgetSecret();
        tokens.put(definition.name(), token);
    }

    KeyToken token(String name) throws SigningKeyException {
        KeyToken token = tokens.get(name);
        if (token == null) {
            throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_TOKEN, "no token named '" + name + "' is registered");
        }
        return token;
    }

    void clear() {
        tokens.clear();
    }
}
