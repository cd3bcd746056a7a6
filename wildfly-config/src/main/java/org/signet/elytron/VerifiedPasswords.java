package org.signet.elytron;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short while, that a password matched a stored bcrypt hash, so that HTTP Basic does not
 * pay a full bcrypt (about 100 ms of CPU at cost 10) on every request of the same caller.
 * <p>
 * Entries are keyed by HMAC-SHA256 under a key drawn at start-up over (user, stored hash, password): no
 * password or usable hash is kept, and a changed password or hash misses at once. Only successes are
 * remembered, so a wrong guess always costs the full bcrypt.
 */
final class VerifiedPasswords {

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final long lifetimeMillis;
    private final int maxEntries;
    private final LongSupplier clock;

    VerifiedPasswords(long lifetimeMillis, int maxEntries, LongSupplier clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetimeMillis = lifetimeMillis;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    boolean remembers(String user, String storedHash, char[] password) {
        if (lifetimeMillis <= 0) {
            return false;
        }
        Long expiry = expiries.get(fingerprint(user, storedHash, password));
        return expiry != null && expiry > clock.getAsLong();
    }

    void remember(String user, String storedHash, char[] password) {
        if (lifetimeMillis <= 0) {
            return;
        }
        long now = clock.getAsLong();
        if (expiries.size() >= maxEntries) {
            expiries.values().removeIf(expiry -> expiry <= now);
            if (expiries.size() >= maxEntries) {
                expiries.clear();
            }
        }
        expiries.put(fingerprint(user, storedHash, password), now + lifetimeMillis);
    }

    private String fingerprint(String user, String storedHash, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).array();
            mac.update(encoded);
            Arrays.fill(encoded, (byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
