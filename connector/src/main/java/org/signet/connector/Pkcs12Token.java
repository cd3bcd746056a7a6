package org.signet.connector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A PKCS#12 file, read once at registration; the file's password is not kept. */
final class Pkcs12Token extends JcaKeyToken {

    private final Map<String, Entry> entries;
    /** The native provider its keys were translated for, or null: the JDK's. */
    private final Provider provider;

    private Pkcs12Token(String name, Map<String, Entry> entries, Provider provider) {
        super(name);
        this.entries = entries;
        this.provider = provider;
    }
    static Pkcs12Token open(TokenDefinition definition) throws SigningKeyException {
        return open(definition, NativeCrypto.provider().orElse(null));
    }

    /** @param nativeProvider the provider to translate the keys for, or null for the JDK's */
    static Pkcs12Token open(TokenDefinition definition, Provider nativeProvider) throws SigningKeyException {
        char[] secret = definition.secret();
        try (InputStream in = Files.newInputStream(definition.location())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            Map<String, Entry> entries = new HashMap<>();
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                PrivateKey key = (PrivateKey) store.getKey(alias, secret);
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                entries.put(alias, new Entry(key, List.copyOf(chain)));
            }
            if (nativeProvider != null) {
                try {
                    Map<String, Entry> translated = new HashMap<>();
                    for (Map.Entry<String, Entry> e : entries.entrySet()) {
                        translated.put(e.getKey(), new Entry(NativeCrypto.translate(nativeProvider, e.getValue().key()), e.getValue().chain()));
                    }
                    return new Pkcs12Token(definition.name(), Map.copyOf(translated), nativeProvider);
                } catch (GeneralSecurityException e) {
                    // a key the native provider will not hold (DSA, an inconsistent RSA key): the JDK signs
                }
            }
            return new Pkcs12Token(definition.name(), Map.copyOf(entries), null);
        } catch (IOException | GeneralSecurityException e) {
            // The JDK reports a wrong password as an IOException whose message is safe to show.
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE,
                    "cannot open " + definition + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    Entry entry(String alias) throws SigningKeyException {
        Entry entry = entries.get(alias);
        if (entry == null) {
            throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_KEY,
                    "token " + name + " has no key '" + alias + "'");
        }
        return entry;
    }

    @Override
    public List<String> aliases() {
        return List.copyOf(new TreeSet<>(entries.keySet()));
    }

    /**
     * The JDK's SunRsaSign checks each RSA-CRT result against the public key and refuses one that does not match
     * ("RSA private key operation failed"), the defence against a fault revealing the key. Decided by the provider
     * the JDK actually picks for this key and algorithm, so another provider placed first is not taken on trust. The
     * native provider does not count: it refuses an inconsistent key when the key is read, so no test here shows it
     * refusing a faulty result, and the signing service checks each of its signatures.
     */
    @Override
    public boolean checksEachSignature(String alias, String jcaAlgorithm) throws SigningKeyException {
        PrivateKey key = entry(alias).key();
        if (provider != null || !(key instanceof RSAPrivateCrtKey)) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            return signature.getProvider() != null && "SunRsaSign".equals(signature.getProvider().getName());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    Provider provider() {
        return provider;
    }

    @Override
    Signature signature(String jcaAlgorithm) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(jcaAlgorithm) : NativeCrypto.signature(provider, jcaAlgorithm);
    }
}
