package org.signet.connector;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PKCS#11 token (an HSM partition or a signature card) reached through the JDK's SunPKCS11 provider. The
 * provider pools the token's sessions itself and never lends one session to two threads. When the token fails
 * (pulled, reset, deleted), the next call logs in again through a fresh provider; until then calls fail fast.
 */
final class Pkcs11Token extends JcaKeyToken {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final TokenDefinition definition;
    /** Kept in memory only, to log in again after the token comes back; never written or printed. */
    private final char[] pin;
    private volatile Session session;

    private record Session(Provider provider, KeyStore store, Map<String, Entry> entries) { }

    private Pkcs11Token(TokenDefinition definition, char[] pin) {
        super(definition.name());
        this.definition = definition;
        this.pin = pin;
    }

    static Pkcs11Token open(TokenDefinition definition) throws SigningKeyException {
        Pkcs11Token token = new Pkcs11Token(definition, definition.secret());
        token.session();
        return token;
    }

    private Session session() throws SigningKeyException {
        Session current = session;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (session == null) {
                session = login();
            }
            return session;
        }
    }

    private Session login() throws SigningKeyException {
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure("--" + config());
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return new Session(provider, store, new ConcurrentHashMap<>());
        } catch (GeneralSecurityException | java.io.IOException | ProviderException | IllegalArgumentException e) {
            // The PKCS#11 return code (CKR_PIN_INCORRECT, CKR_TOKEN_NOT_PRESENT ...) is in the causes; never the PIN.
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "cannot open " + definition + ": "
                    + rootMessage(e), e);
        }
    }

    private String config() throws SigningKeyException {
        String slot = definition.slot();
        if (slot == null || slot.isBlank()) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, definition + " names no slot");
        }
        String slotLine;
        if (slot.startsWith("index:")) {
            slotLine = "slotListIndex = " + Integer.parseInt(slot.substring("index:".length()).strip());
        } else {
            slotLine = "slot = " + Long.parseLong(slot.strip());
        }
        // Each token gets its own provider instance; the name only has to be unique in this JVM.
        return "name = Signet-" + definition.name().replaceAll("[^A-Za-z0-9]", "_") + "-" + INSTANCES.incrementAndGet() + "\n"
                + "library = " + definition.location() + "\n" + slotLine + "\n";
    }

    @Override
    Entry entry(String alias) throws SigningKeyException {
        Session current = session();
        Entry entry = current.entries().get(alias);
        if (entry != null) {
            return entry;
        }
        try {
            if (!current.store().isKeyEntry(alias)) {
                throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_KEY, "token " + name + " has no key '" + alias
                        + "' with a certificate");
            }
            PrivateKey key = (PrivateKey) current.store().getKey(alias, null);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : current.store().getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
            entry = new Entry(key, List.copyOf(chain));
            current.entries().put(alias, entry);
            return entry;
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    @Override
    Provider provider() {
        Session current = session;
        return current == null ? null : current.provider();
    }

    /** A failing provider is dropped: the next call logs in afresh, which is how a re-inserted card comes back. */
    @Override
    SigningKeyException failed(String alias, String what, Exception e) {
        if (e instanceof ProviderException) {
            return lost(e);
        }
        return super.failed(alias, what, e);
    }

    private SigningKeyException lost(Exception e) {
        synchronized (this) {
            Session current = session;
            session = null;
            if (current != null) {
                Security.removeProvider(current.provider().getName());
            }
        }
        return new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, definition + " failed: " + rootMessage(e), e);
    }

    @Override
    public List<String> aliases() throws SigningKeyException {
        try {
            return List.copyOf(new java.util.TreeSet<>(Collections.list(session().store().aliases())));
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    @Override
    public List<X509Certificate> generateKeyPair(String alias, String keyAlgorithm, int keySize, Certifier certifier)
            throws SigningKeyException {
        Session current = session();
        try {
            if (current.store().containsAlias(alias)) {
                throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "token " + name + " already has a key '" + alias + "'");
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, current.provider());
            generator.initialize(keySize);
            KeyPair pair = generator.generateKeyPair();
            // Java's PKCS#11 key store keeps a key on the token only together with its certificate.
            List<X509Certificate> chain = certifier.certify(pair.getPublic());
            current.store().setKeyEntry(alias, pair.getPrivate(), null, chain.toArray(new Certificate[0]));
            current.entries().remove(alias);
            return chain;
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    @Override
    public void importChain(String alias, List<X509Certificate> chain) throws SigningKeyException {
        Session current = session();
        try {
            PrivateKey key = (PrivateKey) current.store().getKey(alias, null);
            if (key == null) {
                throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_KEY, "token " + name + " has no key '" + alias + "'");
            }
            PublicKey expected = current.store().getCertificate(alias).getPublicKey();
            if (!Arrays.equals(expected.getEncoded(), chain.get(0).getPublicKey().getEncoded())) {
                throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "the certificate " + chain.get(0).getSubjectX500Principal()
                        + " is not for key '" + alias + "' of token " + name);
            }
            current.store().setKeyEntry(alias, key, null, chain.toArray(new Certificate[0]));
            current.entries().remove(alias);
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
