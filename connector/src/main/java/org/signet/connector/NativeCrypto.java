package org.signet.connector;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * RSA and ECDSA at OpenSSL's speed for software keys: Amazon Corretto Crypto Provider (AWS-LC, native), where the
 * server has it (module {@code software.amazon.cryptools.accp}) and it loads on this platform; the JDK otherwise.
 * Only Signet's software keys sign with it: the JVM's provider list is left as it is, so TLS, Elytron and DSS keep
 * theirs. {@value #PROPERTY}=false switches it off.
 */
final class NativeCrypto {

    static final String PROPERTY = "signet.native-crypto";
    private static final String PROVIDER_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final Logger LOG = Logger.getLogger(NativeCrypto.class.getName());

    /** The provider, or why there is none. */
    record Choice(Provider provider, String reason) {
        String describe() {
            return provider != null ? provider.getName() + " " + provider.getVersionStr() + " (native)"
                    : "the JDK's providers (" + reason + ")";
        }
    }

    private static volatile Choice choice;

    private NativeCrypto() { }

    /** Loaded once per server: a native library belongs to one class loader, which the module outlives deployments in. */
    static Optional<Provider> provider() {
        Choice current = choice;
        if (current == null) {
            synchronized (NativeCrypto.class) {
                if (choice == null) {
                    choice = load(System.getProperty(PROPERTY), NativeCrypto.class.getClassLoader());
                    LOG.info("Signet's software keys sign with " + choice.describe());
                }
                current = choice;
            }
        }
        return Optional.ofNullable(current.provider());
    }

    static Choice load(String setting, ClassLoader loader) {
        // read as SignetConfiguration reads every switch, which checks this one when the application starts
        String value = setting == null || setting.isBlank() ? "true" : setting.strip().toLowerCase(Locale.ROOT);
        if (value.equals("false") || value.equals("no") || value.equals("off")) {
            return new Choice(null, PROPERTY + "=" + setting.strip());
        }
        if (!value.equals("true") && !value.equals("yes") && !value.equals("on")) {
            throw new IllegalStateException("Signet configuration: " + PROPERTY + "='" + setting + "' must be true or false");
        }
        try {
            Class<?> type = Class.forName(PROVIDER_CLASS, true, loader);
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            if (type.getMethod("getLoadingError").invoke(provider) instanceof Throwable error) {
                return new Choice(null, "Amazon Corretto Crypto Provider did not load: " + error);
            }
            type.getMethod("assertHealthy").invoke(provider);
            return new Choice(provider, null);
        } catch (ClassNotFoundException e) {
            return new Choice(null, "Amazon Corretto Crypto Provider is not installed");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Choice(null, "Amazon Corretto Crypto Provider is unusable here: " + cause);
        }
    }

    /**
     * The key as the native provider holds it, made once at registration: handing it a JDK key would make it parse the
     * key's encoding on every signature.
     */
    static PrivateKey translate(Provider provider, PrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance(key.getAlgorithm(), provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    /** The provider's signature, or the JDK's for an algorithm it does not offer (NONEwithRSA for bare digests). */
    static Signature signature(Provider provider, String jcaAlgorithm) throws NoSuchAlgorithmException {
        try {
            return Signature.getInstance(jcaAlgorithm, provider);
        } catch (NoSuchAlgorithmException e) {
            return Signature.getInstance(jcaAlgorithm);
        }
    }
}
