package org.signet.elytron;

import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.password.interfaces.ClearPassword;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A secret the admin keeps in the server's Elytron credential store {@code signet} (the store Signet keeps its own
 * secrets in), read when first needed: the realm starts before the store's service is up.
 */
final class StoredSecret implements Supplier<char[]> {

    private static final String STORE = "signet";

    private final String alias;

    StoredSecret(String alias) {
        this.alias = alias;
    }

    @Override
    public char[] get() {
        ServiceController<?> service = CurrentServiceContainer.getServiceContainer()
                .getService(ServiceName.parse("org.wildfly.security.credential-store." + STORE));
        if (service == null) {
            throw new IllegalStateException("WildFly has no Elytron credential store '" + STORE + "'");
        }
        try {
            CredentialStore store = (CredentialStore) service.awaitValue(30, TimeUnit.SECONDS);
            PasswordCredential credential = store.retrieve(alias, PasswordCredential.class);
            if (credential == null) {
                throw new IllegalStateException("the credential store '" + STORE + "' holds no '" + alias
                        + "': add it with /subsystem=elytron/credential-store=" + STORE + ":add-alias(alias=" + alias + ", secret-value=...)");
            }
            return credential.getPassword(ClearPassword.class).getPassword().clone(); // the caller may wipe its copy
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read '" + alias + "' from the credential store '" + STORE + "': " + e.getMessage(), e);
        }
    }
}
