package org.signet.keys;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.signet.connector.Certifier;
import org.signet.connector.KeyReference;
import org.signet.connector.SigningKeyConnection;
import org.signet.connector.SigningKeyConnectionFactory;
import org.signet.connector.SigningKeyException;
import org.signet.connector.TokenDefinition;
import org.signet.connector.TokenState;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;

import java.io.IOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The services' one way to the key adapter; turns adapter failures into Signet's own refusals. */
@ApplicationScoped
public class SigningKeys {

    @Resource(lookup = "java:/eis/signet/SigningKeys")
    private SigningKeyConnectionFactory connections;
    @Inject
    private SecretStore secrets;
    @Inject
    private SignetConfiguration configuration;

    /** What the pools need to know of each open token without asking the database on every request. */
    private record TokenFacts(boolean card, boolean deactivated) { }

    private final ConcurrentMap<String, TokenFacts> facts = new ConcurrentHashMap<>();

    /** Opens a token: with its secret from the credential store, or a card without (it gets its PIN later). */
    public void open(SigningToken token) {
        open(token, null);
    }

    /**
     * Opens a token. A card given a PIN here uses it once: a mass-signature card is activated, an individual card
     * shows its certificates; the PIN is not kept.
     */
    public void open(SigningToken token, char[] cardPin) {
        if (token.kind() == TokenDefinition.Kind.PKCS11) {
            requireAllowedLibrary(token.location());
        }
        char[] secret = token.isCard() ? (cardPin == null ? new char[0] : cardPin.clone())
                : token.credentialAlias() == null ? new char[0] : secrets.get(token.credentialAlias());
        try (SigningKeyConnection connection = connections.getConnection()) {
            TokenDefinition definition = token.kind() == TokenDefinition.Kind.CSC ? remote(token, secret)
                    : new TokenDefinition(token.name(), token.kind(), Path.of(token.location()), token.slot(), token.pinMode(), secret);
            if (token.pinMode() == TokenDefinition.PinMode.ACTIVATION) {
                definition.activationLimits(token.activationSignatures(), token.activationPeriod());
            }
            connection.register(definition);
            facts.put(token.name(), new TokenFacts(token.isCard(), token.deactivated()));
        } catch (SigningKeyException e) {
            throw refusal(null, e); // the adapter's message names the token
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "token " + token.name() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private TokenDefinition remote(SigningToken token, char[] secret) {
        TokenDefinition definition = TokenDefinition.remote(token.name(), allowedService(token.location()), token.account(), secret);
        return switch (token.serviceLogin()) {
            case BASIC -> definition;
            case OAUTH2_CLIENT -> definition.oauth2Client(configuration.remoteServices());
            // opened without the person's authorisation (at start-up): it refuses until the person links again
            case OAUTH2_CODE -> definition.personal(configuration.remoteServices(), null, null);
        };
    }

    /**
     * Opens a person's remote credentials with the authorization code of the person's login at the service's issuer, its
     * PKCE verifier and the redirect URI it was asked with; the code is exchanged at the first call.
     */
    public void openPersonal(SigningToken token, char[] code, String codeVerifier, URI redirectUri) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            connection.register(TokenDefinition.remote(token.name(), allowedService(token.location()), token.account(), code)
                    .personal(configuration.remoteServices(), codeVerifier, redirectUri));
            facts.put(token.name(), new TokenFacts(false, token.deactivated()));
        } catch (SigningKeyException e) {
            throw refusal(null, e);
        }
    }

    /** Where a person logs in at a remote signature service, as Signet's client {@code clientId} there (see {@link SigningKeyConnection#authorizationEndpoint}). */
    public URI authorizationEndpoint(String service, String clientId) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.authorizationEndpoint(TokenDefinition.remote("login", allowedService(service), clientId, null)
                    .personal(configuration.remoteServices(), null, null));
        } catch (SigningKeyException e) {
            throw refusal(null, e);
        }
    }

    /**
     * A remote signature service receives hashes and Signet's account there: only one the operator listed in the server
     * configuration is called, compared by its whole base URI.
     */
    private URI allowedService(String service) {
        URI uri;
        try {
            uri = URI.create(service);
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + service + "' is not a URI");
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getUserInfo() != null || !configuration.allowsRemoteService(uri)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the remote signature service '" + service
                    + "' is not one this server allows; its operator lists the allowed base URIs in " + SignetConfiguration.REMOTE_SERVICES);
        }
        return uri;
    }

    /**
     * A PKCS#11 library is native code loaded into the server: only one the operator listed in the server
     * configuration is loaded, compared by real path so that a link or a "../" cannot smuggle another in.
     */
    private void requireAllowedLibrary(String library) {
        Path real;
        try {
            real = Path.of(library).toRealPath();
        } catch (IOException | RuntimeException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the PKCS#11 library '" + library + "' is not a file");
        }
        for (Path allowed : configuration.pkcs11Libraries()) {
            try {
                if (Files.isRegularFile(real) && allowed.toRealPath().equals(real)) {
                    return;
                }
            } catch (IOException e) {
                // a listed library that is not installed allows nothing
            }
        }
        throw new SignetException(SignetException.Kind.INVALID_INPUT, "the PKCS#11 library '" + library
                + "' is not one this server allows; its operator lists the allowed ones in " + SignetConfiguration.PKCS11_LIBRARIES);
    }

    /** Takes a token out of service, or puts it back; a deactivated mass-signature card is also locked. */
    public void deactivated(SigningToken token, boolean deactivated) {
        facts.computeIfPresent(token.name(), (name, known) -> new TokenFacts(known.card(), deactivated));
        if (deactivated && token.pinMode() == TokenDefinition.PinMode.ACTIVATION) {
            try (SigningKeyConnection connection = connections.getConnection()) {
                connection.lock(token.name());
            } catch (SigningKeyException e) {
                throw refusal("token " + token.name(), e);
            }
        }
    }

    public void activate(String token, char[] pin) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            connection.activate(token, pin);
        } catch (SigningKeyException e) {
            throw refusal("token " + token, e);
        }
    }

    public TokenState state(String token) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.state(token);
        } catch (SigningKeyException e) {
            throw refusal("token " + token, e);
        }
    }

    /**
     * The keys of a pool this request may use: deactivated tokens and cards the request excludes are left out.
     * Refuses when none is left, saying why.
     */
    public List<KeyReference> usable(String sealName, List<KeyReference> keys, CardUse cards) {
        List<KeyReference> usable = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (KeyReference key : keys) {
            TokenFacts known = facts.get(key.token());
            if (known != null && known.deactivated()) {
                reasons.add(key + " is deactivated");
            } else if (known != null && known.card() && !cards.allows(key.token())) {
                reasons.add(key + " is on card " + key.token() + ", and the request allows " + cards.describe());
            } else {
                usable.add(key);
            }
        }
        if (usable.isEmpty()) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "seal '" + sealName + "' has no key this request may use: "
                    + String.join("; ", reasons));
        }
        return usable;
    }

    /** "token/alias" as a key reference. */
    public static KeyReference reference(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a key is named token/alias, not '" + text + "'");
        }
        return new KeyReference(text.substring(0, slash), text.substring(slash + 1));
    }

    /** How long a key that failed is passed over before it is tried again. */
    static final Duration QUARANTINE = Duration.ofSeconds(15);

    private final ConcurrentMap<KeyReference, Instant> failedUntil = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();

    /**
     * The order to try a seal's keys in: healthy ones first, taking turns so that the work spreads over them;
     * keys that failed lately last, so that a key that answers again comes back without anyone's help.
     */
    public List<KeyReference> order(List<KeyReference> keys) {
        if (keys.size() == 1) {
            return keys;
        }
        Instant now = Instant.now();
        int start = Math.floorMod(turn.getAndIncrement(), keys.size());
        List<KeyReference> healthy = new ArrayList<>();
        List<KeyReference> resting = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            KeyReference key = keys.get((start + i) % keys.size());
            Instant until = failedUntil.get(key);
            (until != null && now.isBefore(until) ? resting : healthy).add(key);
        }
        healthy.addAll(resting);
        return healthy;
    }

    public void failed(KeyReference key) {
        failedUntil.put(key, Instant.now().plus(QUARANTINE));
    }

    public void succeeded(KeyReference key) {
        failedUntil.remove(key);
    }

    /** "available", or "failed, retried after ..." for the key list. */
    public String state(KeyReference key) {
        Instant until = failedUntil.get(key);
        return until != null && Instant.now().isBefore(until) ? "failed, retried after " + until : "available";
    }

    public List<String> aliases(String token) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.aliases(token);
        } catch (SigningKeyException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, e.getMessage(), e);
        }
    }

    /** A new key pair inside the token, stored with the chain the certifier issues. */
    public List<X509Certificate> generateKeyPair(KeyReference key, String keyAlgorithm, int keySize, Certifier certifier) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.generateKeyPair(key, keyAlgorithm, keySize, certifier);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    public List<X509Certificate> certificateChain(KeyReference key) {
        return certificateChain(key, null);
    }

    /** The chain; an individual card that has not shown it yet needs the request's PIN. */
    public List<X509Certificate> certificateChain(KeyReference key, char[] pin) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.certificateChain(key, pin);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    public byte[] sign(KeyReference key, String jcaAlgorithm, byte[] data) {
        return sign(key, jcaAlgorithm, data, null);
    }

    /** Signs; an individual card takes the request's PIN, once, and logs out afterwards. */
    public byte[] sign(KeyReference key, String jcaAlgorithm, byte[] data, char[] pin) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.sign(key, jcaAlgorithm, data, pin);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    /** See {@link SigningKeyConnection#signsInBatches}; a token that cannot say is taken as one that does not. */
    public boolean signsInBatches(KeyReference key) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.signsInBatches(key);
        } catch (SigningKeyException e) {
            return false;
        }
    }

    /** Several signatures with the key in one go, in the data's order; all or none. */
    public List<byte[]> signAll(KeyReference key, String jcaAlgorithm, List<byte[]> data) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.signAll(key, jcaAlgorithm, data);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    /** See {@link SigningKeyConnection#checksEachSignature}; a token that cannot say is taken as one that does not. */
    public boolean checksEachSignature(KeyReference key, String jcaAlgorithm) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            return connection.checksEachSignature(key, jcaAlgorithm);
        } catch (SigningKeyException e) {
            return false;
        }
    }

    /** Stores the chain an outside CA issued for a key made inside the token. */
    public void importChain(KeyReference key, List<X509Certificate> chain) {
        try (SigningKeyConnection connection = connections.getConnection()) {
            connection.importChain(key, chain);
        } catch (SigningKeyException e) {
            throw unavailable(key, e);
        }
    }

    private static SignetException unavailable(KeyReference key, SigningKeyException e) {
        return refusal("key " + key, e);
    }

    private static SignetException refusal(String what, SigningKeyException e) {
        SignetException.Kind kind = switch (e.reason()) {
            case SIGNING_FAILED -> SignetException.Kind.SIGNING_FAILED;
            case WRONG_PIN -> SignetException.Kind.WRONG_PIN;
            case PIN_REQUIRED -> SignetException.Kind.PIN_REQUIRED;
            case UNSUPPORTED -> SignetException.Kind.INVALID_INPUT;
            default -> SignetException.Kind.KEY_UNAVAILABLE;
        };
        return new SignetException(kind, what == null ? e.getMessage() : what + ": " + e.getMessage(), e);
    }

}
