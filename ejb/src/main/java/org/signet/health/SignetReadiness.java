package org.signet.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.config.SignetConfiguration;
import org.signet.connector.KeyReference;
import org.signet.keys.SigningKeys;
import org.signet.keys.SigningToken;
import org.signet.model.SignetException;
import org.signet.seal.Seal;
import org.signet.timestamp.TimeStampingUnit;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether Signet can sign now: its database answers, every seal has a key that can sign, and levels T and up have a
 * time-stamping authority. A seal whose only card is locked or deactivated makes it not ready and is counted (which
 * seals, the admin key list says), so that monitoring sees it before callers do. The web module publishes it at {@code /signet/health/ready}.
 */
@ApplicationScoped
public class SignetReadiness {

    /**
     * Ready or not, with what was found, for operators; and in numbers for monitoring: the seals, those without a key
     * that can sign, and the seals' keys by state (available, failed, locked card, deactivated token).
     */
    public record Readiness(boolean ready, Map<String, String> findings, int seals, long sealsWithoutKey,
                            Map<KeyState, Long> keys) { }

    /** A seal's key as monitoring counts it. */
    public enum KeyState {
        AVAILABLE, FAILED, LOCKED, DEACTIVATED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @Inject
    private SigningKeys keys;
    @Inject
    private SignetConfiguration configuration;

    public Readiness check() {
        Map<String, String> findings = new LinkedHashMap<>();
        List<Seal> seals;
        List<SigningToken> tokens;
        try {
            seals = em.createQuery("SELECT s FROM Seal s", Seal.class).getResultList();
            tokens = em.createQuery("SELECT t FROM SigningToken t", SigningToken.class).getResultList();
            findings.put("database", "up");
        } catch (RuntimeException e) {
            findings.put("database", "down: " + e.getMessage());
            return new Readiness(false, findings, 0, 0, Map.of());
        }
        Map<String, SigningToken> byName = tokens.stream().collect(Collectors.toMap(SigningToken::name, Function.identity()));
        long unusable = seals.stream()
                .filter(seal -> seal.keys().stream().noneMatch(key -> canSign(key, byName.get(key.token())))).count();
        Map<KeyState, Long> keyStates = new EnumMap<>(KeyState.class);
        for (KeyState state : KeyState.values()) {
            keyStates.put(state, 0L);
        }
        seals.stream().flatMap(seal -> seal.keys().stream()).distinct()
                .forEach(key -> keyStates.merge(state(key, byName.get(key.token())), 1L, Long::sum));
        findings.put("seals", String.valueOf(seals.size()));
        findings.put("keys", unusable == 0 ? "every seal has a usable key"
                : unusable + " of " + seals.size() + " seals without a usable key");
        boolean tsa = !configuration.timeStampUrls().isEmpty() || canSign(TimeStampingUnit.KEY, byName.get(TimeStampingUnit.KEY.token()));
        findings.put("tsa", !configuration.timeStampUrls().isEmpty() ? configuration.timeStampUrls().size() + " external, tried in order"
                : tsa ? "built-in" : "the built-in time-stamping unit has no usable key");
        return new Readiness(unusable == 0 && tsa, findings, seals.size(), unusable, keyStates);
    }

    private boolean canSign(KeyReference key, SigningToken token) {
        return state(key, token) == KeyState.AVAILABLE;
    }

    private KeyState state(KeyReference key, SigningToken token) {
        if (token == null || token.deactivated()) {
            return KeyState.DEACTIVATED;
        }
        if (!"available".equals(keys.state(key))) {
            return KeyState.FAILED;
        }
        try {
            return !token.isCard() || keys.state(token.name()).ready() ? KeyState.AVAILABLE : KeyState.LOCKED;
        } catch (SignetException e) {
            return KeyState.FAILED;
        }
    }
}
