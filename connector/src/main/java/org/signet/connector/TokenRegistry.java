package org.signet.connector;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The tokens opened in this adapter instance, shared by all its connections. */
final class TokenRegistry {

    private final ConcurrentMap<String, KeyToken> tokens = new ConcurrentHashMap<>();
    private volatile Duration cardWait = Duration.ofSeconds(30);

    /** How long a request waits for an individual card busy with another, before a clear refusal. */
    void cardWait(Duration wait) {
        this.cardWait = wait;
    }

    void register(TokenDefinition definition) throws SigningKeyException {
        try {
            KeyToken token = switch (definition.kind()) {
                case PKCS12 -> Pkcs12Token.open(definition);
                case PKCS11 -> Pkcs11Token.open(definition, cardWait);
                case CSC -> CscToken.open(definition);
            };
            KeyToken previous = tokens.put(definition.name(), token);
            if (previous != null && previous != token) {
                previous.lock();
            }
        } finally {
            definition.forgetSecret();
        }
    }

    /** Locks every mass-signature card whose activation has run out. */
    void expireActivations() {
        tokens.values().forEach(KeyToken::expire);
    }

    KeyToken token(String name) throws SigningKeyException {
        KeyToken token = tokens.get(name);
        if (token == null) {
            throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_TOKEN, "no token named '" + name + "' is registered");
        }
        return token;
    }

    void clear() {
        tokens.values().forEach(KeyToken::lock);
        tokens.clear();
    }
}
