package org.signet.client;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;

/**
 * The TLS of the client's connections when it trusts given certificates (a server's own, or its CA's) instead of the
 * JVM's, or presents a client certificate, or both.
 */
final class ClientTls {

    private ClientTls() { }

    /**
     * @param trustFile PEM or DER certificates an https server is checked against; null: the JVM's
     * @param clientKey a PKCS#12 file with the key and certificate to present; null: none
     * @param clientKeyPasswordFile the file holding that PKCS#12 file's password (first line)
     * @return null when neither is given
     */
    static SSLContext context(Path trustFile, Path clientKey, Path clientKeyPasswordFile) {
        if (trustFile == null && clientKey == null) {
            return null;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(clientKey == null ? null : keyManagers(clientKey, clientKeyPasswordFile).getKeyManagers(),
                    trustFile == null ? null : trusting(trustFile).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new UsageException("no TLS context: " + e.getMessage());
        }
    }

    private static TrustManagerFactory trusting(Path trustFile) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            Collection<? extends Certificate> given;
            try (InputStream in = Files.newInputStream(trustFile)) {
                given = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (given.isEmpty()) {
                throw new UsageException(trustFile + " holds no certificate");
            }
            int i = 0;
            for (Certificate certificate : given) {
                anchors.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            return trust;
        } catch (IOException e) {
            throw new UsageException("cannot read the trust file " + trustFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UsageException("the trust file " + trustFile + " is not usable: " + e.getMessage());
        }
    }

    private static KeyManagerFactory keyManagers(Path clientKey, Path passwordFile) {
        if (passwordFile == null) {
            throw new UsageException("the client key " + clientKey + " needs --client-key-password-file (or SIGNET_CLIENT_KEY_PASSWORD_FILE)");
        }
        char[] password;
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            password = text.lines().findFirst().orElse("").toCharArray();
        } catch (IOException e) {
            throw new UsageException("cannot read the client key's password file " + passwordFile + ": " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(clientKey)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            long keys = Collections.list(store.aliases()).stream().filter(alias -> isKey(store, alias)).count();
            if (keys != 1) {
                throw new UsageException("the client key " + clientKey + " holds " + keys + " keys with a certificate, not one");
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, password);
            return managers;
        } catch (IOException e) {
            // PKCS#12 reports a wrong password as an IOException whose cause is an UnrecoverableKeyException
            throw new UsageException("cannot open the client key " + clientKey + " (a PKCS#12 file) with the password in "
                    + passwordFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UsageException("the client key " + clientKey + " is not usable: " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias) && store.getCertificate(alias) != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
