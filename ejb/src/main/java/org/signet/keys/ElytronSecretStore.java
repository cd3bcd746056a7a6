package org.signet.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.signet.model.SignetException;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.CredentialStoreException;
import org.wildfly.security.password.interfaces.ClearPassword;

import java.util.concurrent.TimeUnit;

/**
 * The server's Elytron credential store {@value #STORE} (created by the wildfly-config CLI script): the same
 * instance the management CLI shows, so {@code /subsystem=elytron/credential-store=signet:read-aliases} lists
 * what Signet keeps there. Writes are flushed at once; a secret is never in a Signet file or table.
 */
@ApplicationScoped
public class ElytronSecretStore implements SecretStore {

    static final String STORE = "signet";

    private volatile CredentialStore store;

    private CredentialStore store() {
        CredentialStore current = store;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (store == null) {
                ServiceController<?> service = CurrentServiceContainer.getServiceContainer()
                        .getService(ServiceName.parse("org.wildfly.security.credential-store." + STORE));
                if (service == null) {
                    throw new IllegalStateException("WildFly has no Elytron credential store '" + STORE
                            + "'; add it as wildfly-config/src/main/cli does");
                }
                try {
                    store = (CredentialStore) service.awaitValue(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the Elytron credential store '" + STORE + "' did not start: " + e, e);
                }
            }
            return store;
        }
    }

    @Override
    public synchronized void put(String alias, char[] secret) {
        try {
            if (store().exists(alias, PasswordCredential.class)) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the credential store already holds '" + alias
                        + "' (names are compared without regard to case)");
            }
            store().store(alias, new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, secret)));
            store().flush();
        } catch (CredentialStoreException e) {
            throw unavailable(alias, e);
        }
    }

    @Override
    public char[] get(String alias) {
        try {
            PasswordCredential credential = store().retrieve(alias, PasswordCredential.class);
            if (credential == null) {
                throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "the credential store holds no '" + alias + "'");
            }
            return credential.getPassword(ClearPassword.class).getPassword();
        } catch (CredentialStoreException e) {
            throw unavailable(alias, e);
        }
    }

    @Override
    public boolean contains(String alias) {
        try {
            return store().exists(alias, PasswordCredential.class);
        } catch (CredentialStoreException e) {
            throw unavailable(alias, e);
        }
    }

    @Override
    public synchronized void remove(String alias) {
        try {
            store().remove(alias, PasswordCredential.class);
            store().flush();
        } catch (CredentialStoreException e) {
            throw unavailable(alias, e);
        }
    }

    private static SignetException unavailable(String alias, CredentialStoreException e) {
        // Elytron's messages name the alias and the store, never the secret.
        return new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "credential store '" + STORE + "', alias '" + alias
                + "': " + e.getMessage(), e);
    }
}
