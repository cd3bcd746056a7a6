package org.signet.remote;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import org.signet.model.SignetException;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signature activation data handed out and not used up yet: in memory only, since it lives for minutes and a
 * restart should end it. Each use is taken atomically, so two calls with the same SAD never both sign.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class SignatureActivations {

    /** How long a SAD may be used. */
    static final Duration LIFETIME = Duration.ofMinutes(5);
    /** Never more outstanding than this: the map cannot be grown without bound by callers who never sign. */
    private static final int MOST = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SignatureActivation> outstanding = new ConcurrentHashMap<>();

    /** A new SAD for the activation. */
    public String grant(SignatureActivation activation) {
        Instant now = Instant.now();
        outstanding.values().removeIf(a -> !a.expires().isAfter(now));
        if (outstanding.size() >= MOST) {
            throw new SignetException(SignetException.Kind.SERVER_BUSY, "too many signature activations are outstanding; try again later");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String sad = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        outstanding.put(sad, activation);
        return sad;
    }

    /**
     * Uses the SAD for these hashes (hex), or refuses, naming why: unknown or expired, another caller's or seal's, a
     * hash it was not granted for, more signatures than it has left. What is used up is gone; a refusal uses nothing.
     */
    public void use(String sad, String caller, String seal, List<String> hashes) {
        if (sad == null || sad.isBlank()) {
            throw refused("no SAD came");
        }
        Instant now = Instant.now();
        String[] problem = {"the SAD is not known (used up, expired or never granted)"};
        outstanding.computeIfPresent(sad, (key, activation) -> {
            problem[0] = null;
            if (!activation.expires().isAfter(now)) {
                problem[0] = "the SAD has expired";
                return null;
            }
            if (!activation.caller().equals(caller) || !activation.seal().equals(seal)) {
                problem[0] = "the SAD was not granted to " + caller + " for credential '" + seal + "'";
                return activation;
            }
            if (hashes.size() > activation.signatures()) {
                problem[0] = "the SAD has " + activation.signatures() + " signature(s) left, not " + hashes.size();
                return activation;
            }
            Set<String> left = null;
            if (activation.hashes() != null) {
                left = new HashSet<>(activation.hashes());
                for (String hash : hashes) {
                    if (!left.remove(hash)) {
                        problem[0] = "the SAD was not granted for the hash " + hash;
                        return activation;
                    }
                }
            }
            int signatures = activation.signatures() - hashes.size();
            return signatures == 0 ? null
                    : new SignatureActivation(caller, seal, left == null ? null : Set.copyOf(left), signatures, activation.expires());
        });
        if (problem[0] != null) {
            throw refused(problem[0]);
        }
    }

    private static SignetException refused(String why) {
        return new SignetException(SignetException.Kind.NOT_AUTHORISED, why);
    }
}
