package org.signet.web.pages;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;
import org.signet.admin.KeyAdministration;
import org.signet.config.SignetConfiguration;
import org.signet.keys.KeyStatus;
import org.signet.model.SignetException;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Keys and tokens for an admin: every key with its seals, state and counters; a token taken out of service or put back,
 * a mass-signature card activated with its PIN (typed here, passed on as characters and wiped, never shown or logged),
 * a key tested with one signature; a PKCS#11 token registered (only with a library the server allows), a new key's
 * certification request downloaded and the chain an outside CA issued imported; a key's signatures limited.
 */
@Named
@ViewScoped
public class KeysPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient KeyAdministration administration;
    @Inject
    private transient SignetConfiguration configuration;

    private transient List<KeyStatus> keys;
    private String token;
    private transient char[] pin;
    private String newToken;
    private String library;
    private String slot;
    private String mode = "hsm";
    private Integer activationSignatures;
    private String activationPeriod;
    private String alias;
    private String subject;
    private transient UploadedFile chain;
    private String limitKey;
    private Long maxSignatures;
    private LocalDate usableFrom;
    private LocalDate usableUntil;
    private String remoteToken;
    private String service;
    private String account;
    private String login;
    private transient char[] servicePassword;

    public void load() {
        if (keys == null) {
            keys = Pages.read(administration::listKeys, List.of());
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
        keys = null;
        try {
            if (Pages.attempt(() -> administration.activateToken(token, typed == null || typed.length == 0 ? null : typed))) {
                Pages.info(token + ": " + Pages.text(FacesContext.getCurrentInstance(), "keys.activated"));
            }
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        }
    }

    public void deactivate() {
        keys = null;
        if (Pages.attempt(() -> administration.deactivateToken(token))) {
            Pages.info(token + ": " + Pages.text(FacesContext.getCurrentInstance(), "keys.deactivated"));
        }
    }

    public void test(String tokenName, String alias) {
        KeyAdministration.KeyTest result = Pages.read(() -> administration.testKey(tokenName, alias, null), null);
        if (result != null && result.ok()) {
            Pages.info(result.key() + ": " + result.message() + " (" + result.millis() + " ms)");
        } else if (result != null) {
            Pages.refusal(new SignetException(SignetException.Kind.KEY_UNAVAILABLE, result.key() + ": " + result.message()));
        }
    }

    /** The PKCS#11 libraries the server's configuration allows: the only ones a token may name. */
    public List<String> getLibraries() {
        return configuration.pkcs11Libraries().stream().map(Path::toString).toList();
    }

    /** A PKCS#11 token (HSM partition, mass-signature or individual card) registered by its library and slot. */
    public void register() {
        char[] typed = pin;
        pin = null;
        if (registered(newToken, typed, () -> administration.registerToken(newToken, library, slot, mode, typed,
                activationSignatures, activationPeriod))) {
            token = newToken;
            newToken = null;
        }
    }

    /** A token registered with the secret typed for it, which is wiped whatever the answer; true when registered. */
    private boolean registered(String name, char[] typed, Runnable registration) {
        keys = null;
        try {
            if (Pages.attempt(registration)) {
                Pages.info(name + ": " + Pages.text(FacesContext.getCurrentInstance(), "keys.registered"));
                return true;
            }
            return false;
        } finally {
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        }
    }

    /** The remote signature services (CSC) the server configuration allows. */
    public List<String> getServices() {
        return configuration.remoteServices().stream().map(URI::toString).toList();
    }

    /** A remote signature service's account registered as a token: its credentials become keys. */
    public void registerRemote() {
        char[] typed = servicePassword;
        servicePassword = null;
        if (registered(remoteToken, typed, () -> administration.registerRemoteToken(remoteToken, service, login, account, typed))) {
            remoteToken = null;
            account = null;
        }
    }

    /** A new key pair in the token and its PKCS#10 request (PEM), downloaded for an outside CA. */
    public void requestCertificate() {
        keys = null;
        String request = Pages.read(() -> administration.requestCertificate(token, alias, "RSA", 3072, subject), null);
        if (request != null) {
            Pages.download("application/pkcs10", alias + ".csr", request.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The chain the outside CA issued for the key (PEM or DER, any order). */
    public void importChain() {
        keys = null;
        if (chain == null || chain.getSize() == 0) {
            Pages.noFile("verify.noFile");
            return;
        }
        X509Certificate certificate = Pages.read(() -> administration.importChain(token, alias, chain.getContent()), null);
        if (certificate != null) {
            Pages.info(token + "/" + alias + ": " + certificate.getSubjectX500Principal().getName());
        }
    }

    /**
     * At most so many signatures for a key ("token/alias"), and the days it may sign on (from the start of the first
     * to the end of the last, in the server's time zone); none: no limit.
     */
    public void setLimits() {
        keys = null;
        ZoneId zone = ZoneId.systemDefault();
        Instant from = usableFrom == null ? null : usableFrom.atStartOfDay(zone).toInstant();
        Instant until = usableUntil == null ? null : usableUntil.plusDays(1).atStartOfDay(zone).toInstant();
        if (Pages.attempt(() -> administration.setKeyLimits(limitKey, maxSignatures, from, until))) {
            Pages.info(limitKey + ": " + Pages.text(FacesContext.getCurrentInstance(), "keys.limitsSet"));
        }
    }

    public List<String> getKeyNames() {
        return getKeys().stream().filter(k -> k.alias() != null).map(k -> k.token() + "/" + k.alias()).toList();
    }

    public String getNewToken() { return newToken; }
    public void setNewToken(String newToken) { this.newToken = newToken; }
    public String getLibrary() { return library; }
    public void setLibrary(String library) { this.library = library; }
    public String getSlot() { return slot; }
    public void setSlot(String slot) { this.slot = slot; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public Integer getActivationSignatures() { return activationSignatures; }
    public void setActivationSignatures(Integer activationSignatures) { this.activationSignatures = activationSignatures; }
    public String getActivationPeriod() { return activationPeriod; }
    public void setActivationPeriod(String activationPeriod) { this.activationPeriod = activationPeriod; }
    public String getAlias() { return alias; }
    public void setAlias(String alias) { this.alias = alias; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public UploadedFile getChain() { return chain; }
    public void setChain(UploadedFile chain) { this.chain = chain; }
    public String getLimitKey() { return limitKey; }
    public void setLimitKey(String limitKey) { this.limitKey = limitKey; }
    public Long getMaxSignatures() { return maxSignatures; }
    public void setMaxSignatures(Long maxSignatures) { this.maxSignatures = maxSignatures; }
    public LocalDate getUsableFrom() { return usableFrom; }
    public void setUsableFrom(LocalDate usableFrom) { this.usableFrom = usableFrom; }
    public LocalDate getUsableUntil() { return usableUntil; }
    public void setUsableUntil(LocalDate usableUntil) { this.usableUntil = usableUntil; }
    public String getRemoteToken() { return remoteToken; }
    public void setRemoteToken(String remoteToken) { this.remoteToken = remoteToken; }
    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public String getLogin() { return login; }
    public void setLogin(String login) { this.login = login; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }

    /** Never shown again: a password field starts empty. */
    public String getServicePassword() { return null; }

    public void setServicePassword(String password) {
        this.servicePassword = password == null || password.isEmpty() ? null : password.toCharArray();
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
