package org.signet.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A mass-signature card's activation: unlocked once with its PIN for a period, a number of signatures, or both.
 * Every signature spends one from the budget before it starts and gets it back if it fails. Starting and ending an
 * activation wait for the signatures in flight, so the card is never logged out under one.
 */
final class CardActivation {

    @FunctionalInterface
    interface Change {
        void run() throws SigningKeyException;
    }

    @FunctionalInterface
    interface Signing {
        byte[] run() throws SigningKeyException;
    }

    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    /** Guarded by this; null while not activated. */
    private Budget budget;

    private static final class Budget {
        final Instant until;
        Integer left;

        Budget(Instant until, Integer left) {
            this.until = until;
            this.left = left;
        }

        boolean over(Instant now) {
            return (left != null && left <= 0) || (until != null && !now.isBefore(until));
        }
    }

    /** Logs the card in by {@code login} with no signature in flight, then starts the budget. */
    void start(Duration period, Integer maxSignatures, Change login) throws SigningKeyException {
        gate.writeLock().lock();
        try {
            login.run();
            synchronized (this) {
                budget = new Budget(period == null ? null : Instant.now().plus(period), maxSignatures);
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Ends the activation and logs the card out by {@code logout}, with no signature in flight. */
    void end(Runnable logout) {
        gate.writeLock().lock();
        try {
            synchronized (this) {
                budget = null;
            }
            logout.run();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** One signature of the budget; {@code locked} when there is no activation or it is used up. */
    byte[] spend(Signing signing, SigningKeyException locked) throws SigningKeyException {
        gate.readLock().lock();
        try {
            Budget current;
            synchronized (this) {
                current = budget;
                if (current == null || current.over(Instant.now())) {
                    throw locked;
                }
                if (current.left != null) {
                    current.left--;
                }
            }
            try {
                return signing.run();
            } catch (SigningKeyException e) {
                synchronized (this) {
                    if (budget == current && current.left != null) {
                        current.left++; // nothing was signed
                    }
                }
                throw e;
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Whether an activation is there but used up or past its period: the card should be locked. */
    synchronized boolean isUsedUp() {
        return budget != null && budget.over(Instant.now());
    }

    synchronized TokenState state() {
        return budget == null || budget.over(Instant.now())
                ? new TokenState(TokenDefinition.PinMode.ACTIVATION, false, null, null)
                : new TokenState(TokenDefinition.PinMode.ACTIVATION, true, budget.left, budget.until);
    }
}
