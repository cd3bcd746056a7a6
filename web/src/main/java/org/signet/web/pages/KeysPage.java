package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.signet.admin.KeyAdministration;
import org.signet.keys.KeyStatus;
import org.signet.model.SignetException;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Keys and tokens for an admin: every key with its seals, state and counters; a token taken out of service or put back,
 * a mass-signature card activated with its PIN (typed here, passed on as characters and wiped, never shown or logged),
 * and a key tested with one signature.
 */
@Named
@ViewScoped
public class KeysPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient KeyAdministration administration;

    private transient List<KeyStatus> keys;
    private String token;
    private transient char[] pin;

    public void load() {
        if (keys == null) {
            try {
                keys = administration.listKeys();
            } catch (SignetException e) {
                Pages.refusal(e);
                keys = List.of();
            }
        }
    }

    public List<KeyStatus> getKeys() {
        load();
        return keys;
    }

    public List<String> getTokens() {
        return getKeys().stream().map(KeyStatus::token).distinct().toList();
    }

    public void activate() {
        char[] typed = pin;
        pin = null;
        try {
            administration.activateToken(token, typed == null || typed.length == 0 ? null : typed);
            Pages.info(token + ": " + Pages.text(FacesContext.getCurrentInstance(), "keys.activated"));
        } catch (SignetException e) {
            Pages.refusal(e);
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
            keys = null;
        }
    }

    public void deactivate() {
        try {
            administration.deactivateToken(token);
            Pages.info(token + ": " + Pages.text(FacesContext.getCurrentInstance(), "keys.deactivated"));
        } catch (SignetException e) {
            Pages.refusal(e);
        } finally {
            keys = null;
        }
    }

    public void test(String tokenName, String alias) {
        try {
            KeyAdministration.KeyTest result = administration.testKey(tokenName, alias, null);
            if (result.ok()) {
                Pages.info(result.key() + ": " + result.message() + " (" + result.millis() + " ms)");
            } else {
                Pages.refusal(new SignetException(SignetException.Kind.KEY_UNAVAILABLE, result.key() + ": " + result.message()));
            }
        } catch (SignetException e) {
            Pages.refusal(e);
        }
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getPin() {
        return null;
    }

    public void setPin(String pin) {
        this.pin = pin == null ? null : pin.toCharArray();
    }
}
