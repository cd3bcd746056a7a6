package org.signet.pki;

import org.signet.keys.SecretStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * PKCS#12 files readable only by the server, each under a random password that lives in the secret store
 * (alias {@link SecretStore#keyStorePassword}), never beside the file.
 */
public final class KeyStores {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyStores() { }

    /** Writes the key and its chain under a fresh random secret. */
    public static void write(SecretStore secrets, Path keyStore, String alias, PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException, IOException {
        char[] secret = randomSecret(24);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, secret, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, secret);
            secrets.put(SecretStore.keyStorePassword(keyStore), secret);
            PrivateFiles.write(keyStore, out.toByteArray());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** For Signet's own use of a key it holds in a file (the CA); seals reach their keys through the adapter. */
    public static KeyStore.PrivateKeyEntry read(SecretStore secrets, Path keyStore, String alias) throws GeneralSecurityException, IOException {
        char[] secret = secrets.get(SecretStore.keyStorePassword(keyStore));
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(secret));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * The entry of a key store written earlier, when its file is still there with its password in the secret store and,
     * if an issuer is given, that issuer certified it: what a new, empty database started over an old data directory
     * can take again (its aliases in the secret store would refuse new ones).
     */
    public static Optional<KeyStore.PrivateKeyEntry> readIfKept(SecretStore secrets, Path keyStore, String alias, X509Certificate issuer)
            throws GeneralSecurityException, IOException {
        if (!Files.isRegularFile(keyStore) || !secrets.contains(SecretStore.keyStorePassword(keyStore))) {
            return Optional.empty();
        }
        KeyStore.PrivateKeyEntry entry = read(secrets, keyStore, alias);
        boolean issued = entry != null && (issuer == null
                || entry.getCertificateChain().length > 1 && entry.getCertificateChain()[1].equals(issuer));
        return issued ? Optional.of(entry) : Optional.empty();
    }

    public static char[] randomSecret(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length).toCharArray();
    }
}
