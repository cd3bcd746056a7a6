package org.signet.connector;

import java.io.IOException;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PKCS#11 token (an HSM partition or a signature card) reached through the JDK's SunPKCS11 provider. The
 * provider pools the token's sessions itself and never lends one session to two threads. When the token fails
 * (pulled, reset, deleted), the next call logs in again through a fresh provider; until then calls fail fast.
 * <p>
 * How it gets its PIN is its {@link TokenDefinition.PinMode}: an HSM partition's PIN is stored and it stays logged
 * in; a mass-signature card is logged in from activation until its period or count runs out ({@link CardActivation});
 * an individual card logs in for each request with the PIN given with it ({@link IndividualCardLogin}). This class
 * holds the slot, the provider and the long-lived login of the first two.
 */
final class Pkcs11Token extends JcaKeyToken {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final TokenDefinition definition;
    private final TokenDefinition.PinMode mode;
    /** STORED: the PIN from the credential store; ACTIVATION: while activated. Kept in memory only, never printed. */
    private char[] pin;
    private volatile Session session;
    /** Certificates are public: a locked card still shows what it holds, as far as Signet has seen it. */
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();
    /** ACTIVATION only. */
    private final CardActivation activation = new CardActivation();
    /** PER_REQUEST only. */
    private final IndividualCardLogin individual;

    private record Session(Provider provider, KeyStore store, Map<String, Entry> entries) { }

    private Pkcs11Token(TokenDefinition definition, Duration busyWait) {
        super(definition.name());
        this.definition = definition;
        this.mode = definition.pinMode();
        this.individual = new IndividualCardLogin(definition.name(), busyWait, new IndividualCardLogin.Card() {
            @Override
            public Provider newProvider() throws SigningKeyException {
                return Pkcs11Token.this.newProvider();
            }

            @Override
            public SigningKeyException loginFailed(Exception e) {
                return Pkcs11Token.this.loginFailed(e);
            }

            @Override
            public SigningKeyException pinRequired() {
                return locked();
            }
        });
    }

    /**
     * Opens the token. A token with a stored PIN logs in now. A card that is given a PIN here (at registration)
     * uses it once: a mass-signature card is activated with it, an individual card shows its certificates.
     */
    static Pkcs11Token open(TokenDefinition definition, Duration busyWait) throws SigningKeyException {
        Pkcs11Token token = new Pkcs11Token(definition, busyWait);
        char[] secret = definition.secret();
        try {
            switch (token.mode) {
                case STORED -> {
                    token.pin = secret.clone();
                    token.session();
                }
                case ACTIVATION -> {
                    if (secret.length > 0) {
                        token.activate(secret);
                    }
                }
                case PER_REQUEST -> {
                    if (secret.length > 0) {
                        token.individual.withCard(secret, (store, provider) -> {
                            for (String alias : Collections.list(store.aliases())) {
                                token.readChain(store, alias);
                            }
                            return null;
                        });
                    }
                }
            }
        } finally {
            Arrays.fill(secret, '\0');
        }
        return token;
    }

    private Session session() throws SigningKeyException {
        Session current = session;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (session == null) {
                if (pin == null) {
                    throw locked();
                }
                session = login();
            }
            return session;
        }
    }

    private Session login() throws SigningKeyException {
        Provider provider = newProvider();
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return new Session(provider, store, new ConcurrentHashMap<>());
        } catch (GeneralSecurityException | IOException | ProviderException e) {
            throw loginFailed(e);
        }
    }

    private Provider newProvider() throws SigningKeyException {
        try {
            return Security.getProvider("SunPKCS11").configure("--" + config());
        } catch (ProviderException | IllegalArgumentException e) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "cannot open " + definition + ": "
                    + rootMessage(e), e);
        }
    }

    /** The PKCS#11 return code (CKR_PIN_INCORRECT, CKR_TOKEN_NOT_PRESENT ...) is in the causes; never the PIN. */
    private SigningKeyException loginFailed(Exception e) {
        String message = rootMessage(e);
        if (message.contains("CKR_PIN_INCORRECT") || message.contains("CKR_PIN_LOCKED") || message.contains("CKR_PIN_LEN_RANGE")) {
            return new SigningKeyException(SigningKeyException.Reason.WRONG_PIN, "token " + name + " refused the PIN ("
                    + (message.contains("CKR_PIN_LOCKED") ? "CKR_PIN_LOCKED: the card has locked its PIN"
                    : message.contains("CKR_PIN_LEN_RANGE") ? "CKR_PIN_LEN_RANGE" : "CKR_PIN_INCORRECT")
                    + "); Signet does not try it again", e);
        }
        return new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE, "cannot open " + definition + ": " + message, e);
    }

    private SigningKeyException locked() {
        return mode == TokenDefinition.PinMode.PER_REQUEST
                ? new SigningKeyException(SigningKeyException.Reason.PIN_REQUIRED, "card " + name
                        + " signs only with the PIN given with the request")
                : new SigningKeyException(SigningKeyException.Reason.TOKEN_LOCKED, "card " + name
                        + " is locked: an admin activates it with its PIN");
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
                + "library = " + quoted(definition.location().toString()) + "\n" + slotLine + "\n";
    }

    /**
     * A value as a quoted SunPKCS11 configuration string; one that could end its quotes or its line is refused, so
     * that a library name cannot add lines (attributes, another library) to the configuration.
     */
    static String quoted(String value) throws SigningKeyException {
        if (value.chars().anyMatch(c -> c == '"' || c == '\\' || c == '$' || Character.isISOControl(c))) {
            throw new SigningKeyException(SigningKeyException.Reason.TOKEN_UNAVAILABLE,
                    "a PKCS#11 library path may not hold quotes, backslashes, dollar signs or control characters");
        }
        return '"' + value + '"';
    }

    @Override
    Entry entry(String alias) throws SigningKeyException {
        if (mode == TokenDefinition.PinMode.PER_REQUEST) {
            throw locked();
        }
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
            entry = new Entry((PrivateKey) current.store().getKey(alias, null), readChain(current.store(), alias));
            current.entries().put(alias, entry);
            return entry;
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    private List<X509Certificate> readChain(KeyStore store, String alias) throws GeneralSecurityException, SigningKeyException {
        Certificate[] certificates = store.getCertificateChain(alias);
        if (certificates == null) {
            throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_KEY, "token " + name + " has no key '" + alias
                    + "' with a certificate");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : certificates) {
            chain.add((X509Certificate) c);
        }
        chain = List.copyOf(chain);
        chains.put(alias, chain);
        return chain;
    }

    @Override
    public List<X509Certificate> certificateChain(String alias) throws SigningKeyException {
        if (mode != TokenDefinition.PinMode.STORED && chains.containsKey(alias)) {
            return chains.get(alias);
        }
        return super.certificateChain(alias);
    }

    @Override
    public List<X509Certificate> certificateChain(String alias, char[] requestPin) throws SigningKeyException {
        List<X509Certificate> known = chains.get(alias);
        if (mode != TokenDefinition.PinMode.PER_REQUEST || known != null) {
            return certificateChain(alias);
        }
        return individual.withCard(requestPin, (store, provider) -> readChain(store, alias));
    }

    @Override
    public byte[] sign(String alias, String jcaAlgorithm, byte[] data) throws SigningKeyException {
        return switch (mode) {
            case STORED -> super.sign(alias, jcaAlgorithm, data);
            case ACTIVATION -> whileActivated(() -> super.sign(alias, jcaAlgorithm, data));
            case PER_REQUEST -> throw locked();
        };
    }

    @Override
    public byte[] sign(String alias, String jcaAlgorithm, byte[] data, char[] requestPin) throws SigningKeyException {
        if (mode != TokenDefinition.PinMode.PER_REQUEST) {
            return sign(alias, jcaAlgorithm, data);
        }
        return individual.withCard(requestPin, (store, provider) -> {
            PrivateKey key = (PrivateKey) store.getKey(alias, null);
            if (key == null) {
                throw new SigningKeyException(SigningKeyException.Reason.UNKNOWN_KEY, "card " + name + " has no key '" + alias + "'");
            }
            return jcaSign(provider, key, jcaAlgorithm, data);
        });
    }

    @Override
    public byte[] signDigest(String alias, String digestAlgorithm, String keyAlgorithm, byte[] digest) throws SigningKeyException {
        return switch (mode) {
            case STORED -> super.signDigest(alias, digestAlgorithm, keyAlgorithm, digest);
            case ACTIVATION -> whileActivated(() -> super.signDigest(alias, digestAlgorithm, keyAlgorithm, digest));
            case PER_REQUEST -> throw locked();
        };
    }

    /** One signature of the activation's budget; the card locks itself when the budget or period is used up. */
    private byte[] whileActivated(CardActivation.Signing signing) throws SigningKeyException {
        try {
            return activation.spend(signing, locked());
        } finally {
            expire();
        }
    }

    @Override
    public void activate(char[] activationPin) throws SigningKeyException {
        if (mode != TokenDefinition.PinMode.ACTIVATION) {
            super.activate(activationPin);
        }
        Duration period = definition.activationPeriod();
        Integer maxSignatures = definition.activationSignatures();
        if (period == null && maxSignatures == null) {
            throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "card " + name + " has no activation limits");
        }
        if (activationPin == null || activationPin.length == 0) {
            throw new SigningKeyException(SigningKeyException.Reason.PIN_REQUIRED, "activating card " + name + " needs its PIN");
        }
        lock();
        activation.start(period, maxSignatures, () -> {
            synchronized (this) {
                pin = activationPin.clone();
                try {
                    session = login();
                    for (String alias : Collections.list(session.store().aliases())) {
                        if (session.store().isKeyEntry(alias)) {
                            readChain(session.store(), alias);
                        }
                    }
                } catch (SigningKeyException | GeneralSecurityException | ProviderException e) {
                    Arrays.fill(pin, '\0');
                    pin = null;
                    Session failed = session;
                    session = null;
                    if (failed != null) {
                        IndividualCardLogin.logout(failed.provider());
                    }
                    throw e instanceof SigningKeyException k ? k : lost(e);
                }
            }
        });
    }

    @Override
    public void lock() {
        if (mode != TokenDefinition.PinMode.ACTIVATION) {
            return;
        }
        activation.end(() -> {
            synchronized (this) {
                if (pin != null) {
                    Arrays.fill(pin, '\0');
                    pin = null;
                }
                Session current = session;
                session = null;
                if (current != null) {
                    IndividualCardLogin.logout(current.provider());
                }
            }
        });
    }

    @Override
    public void expire() {
        if (activation.isUsedUp()) {
            lock();
        }
    }

    @Override
    public synchronized TokenState state() {
        return switch (mode) {
            case STORED -> new TokenState(mode, session != null, null, null);
            case PER_REQUEST -> new TokenState(mode, false, null, null);
            case ACTIVATION -> activation.state();
        };
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
        if (mode != TokenDefinition.PinMode.STORED && (session == null || mode == TokenDefinition.PinMode.PER_REQUEST)) {
            if (chains.isEmpty()) {
                throw locked();
            }
            return List.copyOf(new TreeSet<>(chains.keySet()));
        }
        try {
            return List.copyOf(new TreeSet<>(Collections.list(session().store().aliases())));
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    @Override
    public List<X509Certificate> generateKeyPair(String alias, String keyAlgorithm, int keySize, Certifier certifier)
            throws SigningKeyException {
        requireUnattended("make keys");
        Session current = session();
        try {
            if (current.store().containsAlias(alias)) {
                throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "token " + name + " already has a key '" + alias + "'");
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, current.provider());
            generator.initialize(keySize);
            KeyPair pair = generator.generateKeyPair();
            // Java's PKCS#11 key store keeps a key on the token only together with its certificate.
            List<X509Certificate> chain = certifier.certify(pair.getPublic(),
                    (algorithm, data) -> jcaSign(current.provider(), pair.getPrivate(), algorithm, data));
            current.store().setKeyEntry(alias, pair.getPrivate(), null, chain.toArray(new Certificate[0]));
            current.entries().remove(alias);
            chains.put(alias, List.copyOf(chain));
            return chain;
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    @Override
    public void importChain(String alias, List<X509Certificate> chain) throws SigningKeyException {
        requireUnattended("store certificates");
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
            chains.put(alias, List.copyOf(chain));
        } catch (GeneralSecurityException | ProviderException e) {
            throw lost(e);
        }
    }

    /** Keys are made and certified on HSM partitions Signet holds the PIN of, or on an activated card. */
    private void requireUnattended(String what) throws SigningKeyException {
        if (mode == TokenDefinition.PinMode.PER_REQUEST) {
            throw new SigningKeyException(SigningKeyException.Reason.UNSUPPORTED, "Signet does not " + what + " on individual card "
                    + name + ": it never holds that card's PIN");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
