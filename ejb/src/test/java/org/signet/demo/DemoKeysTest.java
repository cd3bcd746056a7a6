package org.signet.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signet.keys.SecretStore;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.KeyStores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's keys belong to the data directory: a new, empty database started over it takes them again. */
class DemoKeysTest {

    private static final String CRL = "http://localhost/signet/crl";

    /** The credential store's contract: aliases are refused when taken. */
    private static final class Secrets implements SecretStore {
        final Map<String, char[]> held = new HashMap<>();

        @Override
        public void put(String alias, char[] secret) {
            if (held.containsKey(alias)) {
                throw new IllegalStateException("the credential store already holds '" + alias + "'");
            }
            held.put(alias, secret.clone());
        }

        @Override
        public char[] get(String alias) {
            return held.get(alias).clone();
        }

        @Override
        public boolean contains(String alias) {
            return held.containsKey(alias);
        }

        @Override
        public void remove(String alias) {
            held.remove(alias);
        }
    }

    @TempDir
    Path data;

    @Test
    void aNewDatabaseOverAnOldDataDirectoryTakesItsDemoKeysAgain() throws Exception {
        Secrets secrets = new Secrets();
        DemoBootstrap.DemoKeys first = DemoBootstrap.keys(secrets, data, CRL);
        assertFalse(first.takenAgain());
        byte[] sealStore = Files.readAllBytes(first.sealKeyStore());

        DemoBootstrap.DemoKeys again = DemoBootstrap.keys(secrets, data, CRL); // failed with "already holds" before

        assertTrue(again.takenAgain());
        assertEquals(first.ca(), again.ca());
        assertArrayEquals(sealStore, Files.readAllBytes(again.sealKeyStore()), "the seal's key was replaced");
        KeyStore.PrivateKeyEntry seal = KeyStores.read(secrets, again.sealKeyStore(), DemoBootstrap.KEY_ALIAS);
        ((X509Certificate) seal.getCertificate()).verify(again.ca().getPublicKey());
    }

    @Test
    void aKeyStoreWhoseFileIsGoneIsMadeAgainAndItsOldPasswordForgotten() throws Exception {
        Secrets secrets = new Secrets();
        DemoBootstrap.DemoKeys first = DemoBootstrap.keys(secrets, data, CRL);
        Files.delete(CertificateAuthority.keyStore(data));

        DemoBootstrap.DemoKeys made = DemoBootstrap.keys(secrets, data, CRL);

        assertFalse(made.takenAgain());
        assertNotEquals(first.ca(), made.ca());
        KeyStore.PrivateKeyEntry seal = KeyStores.read(secrets, made.sealKeyStore(), DemoBootstrap.KEY_ALIAS);
        ((X509Certificate) seal.getCertificate()).verify(made.ca().getPublicKey()); // a new seal key under the new CA
        assertEquals(made.ca(), KeyStores.read(secrets, CertificateAuthority.keyStore(data), CertificateAuthority.ALIAS).getCertificate());
    }
}
