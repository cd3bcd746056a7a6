package org.signet.elytron;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed logins per key (a user name, known or not, so that a lock tells nothing about who exists; or a client
 * address): after {@code allowed} failures within {@code windowMillis} a key is locked for {@code lockMillis}, twice as
 * long after each further failure in that window, at most a quarter of an hour; a success ends it. Bounded: the keys
 * used least recently are forgotten first.
 */
final class FailedLogins {

    static final long LONGEST_LOCK = 15 * 60_000L;

    private record Failures(int count, long lockedUntil, long since) { }

    private final int allowed;
    private final long lockMillis;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, Failures> byName;

    FailedLogins(int allowed, long lockMillis, long windowMillis, int capacity, LongSupplier clock) {
        this.allowed = allowed;
        this.lockMillis = lockMillis;
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.byName = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True while the name may not try a password. */
    synchronized boolean locked(String name) {
        Failures failures = byName.get(name);
        return failures != null && failures.lockedUntil() > clock.getAsLong();
    }

    synchronized void failed(String name) {
        if (allowed <= 0) {
            return;
        }
        long now = clock.getAsLong();
        Failures before = byName.get(name);
        boolean fresh = before == null || (before.lockedUntil() < now && now - before.since() > windowMillis);
        int count = fresh ? 1 : before.count() + 1;
        long lockedUntil = 0;
        if (count >= allowed) {
            long lock = lockMillis << Math.min(count - allowed, 20);
            lockedUntil = now + Math.min(lock, LONGEST_LOCK);
        }
        byName.put(name, new Failures(count, lockedUntil, fresh ? now : before.since()));
    }

    synchronized void succeeded(String name) {
        byName.remove(name);
    }
}
