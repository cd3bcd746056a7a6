package org.signet.connector;

import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;

/**
 * An individual signature card, which signs only with the PIN given with each request. A PKCS#11 login holds for
 * every session of the token in this process, so the card serves one request at a time: log in with the request's
 * PIN, do the work, log out. Signet never keeps that PIN.
 */
final class IndividualCardLogin {

    @FunctionalInterface
    interface CardWork<T> {
        T run(KeyStore store, Provider provider) throws GeneralSecurityException, SigningKeyException;
    }

    /** How the token opens its provider and names a refused login; kept with the token, which owns the slot. */
    interface Card {
        Provider newProvider() throws SigningKeyException;

        SigningKeyException loginFailed(Exception e);

        SigningKeyException pinRequired();
    }

    private final String name;
    private final Duration busyWait;
    private final Card card;
    private final ReentrantLock turn = new ReentrantLock(true);
    /** Guarded by turn; dropped when it fails, so a re-inserted card comes back with the next request. */
    private AuthProvider provider;

    IndividualCardLogin(String name, Duration busyWait, Card card) {
        this.name = name;
        this.busyWait = busyWait;
        this.card = card;
    }

    /** Logs in with the request's PIN, does the work and logs out; a refused PIN is never tried again. */
    <T> T withCard(char[] requestPin, CardWork<T> work) throws SigningKeyException {
        if (requestPin == null || requestPin.length == 0) {
            throw card.pinRequired();
        }
        try {
            if (!turn.tryLock(busyWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SigningKeyException(SigningKeyException.Reason.TOKEN_BUSY, "card " + name + " was busy with other requests for "
                        + busyWait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_BUSY, "interrupted while waiting for card " + name, e);
        }
        try {
            if (provider == null) {
                provider = (AuthProvider) card.newProvider();
            }
            AuthProvider current = provider;
            try {
                current.login(null, pinCallback(requestPin));
            } catch (LoginException | ProviderException e) {
                if (e instanceof ProviderException) {
                    provider = null;
                }
                throw card.loginFailed(e);
            }
            try {
                KeyStore store = KeyStore.getInstance("PKCS11", current);
                store.load(null, null);
                return work.run(store, current);
            } catch (GeneralSecurityException | IOException | ProviderException e) {
                if (e instanceof ProviderException) {
                    provider = null;
                }
                throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "card " + name + " failed: "
                        + Pkcs11Token.rootMessage(e), e);
            } finally {
                logout(current);
            }
        } finally {
            turn.unlock();
        }
    }

    private static CallbackHandler pinCallback(char[] pin) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (!(callback instanceof PasswordCallback password)) {
                    throw new UnsupportedCallbackException(callback);
                }
                password.setPassword(pin);
            }
        };
    }

    static void logout(Provider provider) {
        try {
            ((AuthProvider) provider).logout();
        } catch (LoginException | ProviderException e) {
            // the token is gone or already logged out; the next login finds out which
        }
    }
}
