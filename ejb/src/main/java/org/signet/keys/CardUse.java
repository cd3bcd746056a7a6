package org.signet.keys;

import org.signet.model.SignetException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which signature cards a request may use, and the PIN of an individual card. {@code allowed} null means any card,
 * an empty set means none (only HSM and software keys); HSM and software keys are never restricted. The PIN is
 * held only for the request and never printed.
 */
public final class CardUse {

    public static final CardUse ANY = new CardUse(null, null);

    private final Set<String> allowed;
    private final char[] pin;

    private CardUse(Set<String> allowed, char[] pin) {
        this.allowed = allowed == null ? null : Set.copyOf(allowed);
        this.pin = pin == null || pin.length == 0 ? null : pin.clone();
    }

    /**
     * @param cards "none", a comma-separated list of card (token) names, or null/blank for any card
     * @param pin   an individual card's PIN, or null
     */
    public static CardUse of(String cards, char[] pin) {
        Set<String> allowed = null;
        if (cards != null && !cards.isBlank()) {
            allowed = new LinkedHashSet<>();
            for (String card : cards.split(",")) {
                if (!card.isBlank()) {
                    allowed.add(card.strip());
                }
            }
            if (allowed.contains("none")) {
                if (allowed.size() > 1) {
                    throw new SignetException(SignetException.Kind.INVALID_INPUT, "cards is either 'none' or a list of card names, not both");
                }
                allowed = Set.of();
            }
        }
        return allowed == null && (pin == null || pin.length == 0) ? ANY : new CardUse(allowed, pin);
    }

    public boolean allows(String card) {
        return allowed == null || allowed.contains(card);
    }

    public String describe() {
        return allowed == null ? "any card" : allowed.isEmpty() ? "no card" : "only cards " + allowed;
    }

    /** A copy of the PIN, or null; the caller overwrites it after use. */
    public char[] pin() {
        return pin == null ? null : pin.clone();
    }

    /** Overwrites the PIN once the request is done. */
    public void forget() {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public String toString() {
        return describe() + (pin == null ? "" : ", with a PIN");
    }
}
