package org.signet.admin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.connector.KeyReference;
import org.signet.connector.TokenDefinition;
import org.signet.keys.KeyStatus;
import org.signet.keys.KeyUsage;
import org.signet.keys.KeyUsageBlocks;
import org.signet.keys.KeyUsageLedger;
import org.signet.keys.SecretStore;
import org.signet.keys.SigningKeys;
import org.signet.keys.SigningToken;
import org.signet.model.Names;
import org.signet.model.SignetException;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.Certificates;
import org.signet.pki.CertificationRequests;
import org.signet.seal.Seal;
import org.signet.security.AdminRole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * PKCS#11 tokens and their keys: registration, activation, keys made inside, certificates, limits, tests. Admin
 * role only, checked here rather than with {@code @RolesAllowed}, so that a refused attempt is audited and answered
 * like every other refusal.
 */
@Stateless
@PermitAll
@DeclareRoles(AdminRole.NAME)
public class KeyAdministration {

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;
    @Inject
    private CertificateAuthority authority;
    @Inject
    private SigningKeys keys;
    @EJB
    private KeyUsageLedger usage;
    @EJB
    private KeyUsageBlocks usageBlocks;
    @Inject
    private SignetConfiguration configuration;
    @Inject
    private SecretStore secrets;

    /**
     * Makes a PKCS#11 token known and opens it. An HSM partition ({@code STORED}) keeps its PIN in the server's Elytron
     * credential store. A mass-signature card ({@code ACTIVATION}) needs activation limits; a PIN given here activates
     * it at once. An individual card ({@code PER_REQUEST}) takes its PIN with each request; a PIN given here is used
     * once to read its certificates. PINs are never logged, audited or answered, and never stored for cards.
     *
     * @param slot the slot ID, or "index:N"
     */
    private void addPkcs11Token(String name, String library, String slot, TokenDefinition.PinMode mode, char[] pin,
                               Integer activationSignatures, Duration activationPeriod) {
        String admin = requireAdmin(AuditEvent.Action.TOKEN_REGISTERED, null, "token '" + name + "'");
        Names.require("token name", name);
        TokenDefinition.PinMode pinMode = mode == null ? TokenDefinition.PinMode.STORED : mode;
        if (library == null || !Files.isRegularFile(Path.of(library))) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the PKCS#11 library '" + library + "' is not a file");
        }
        if (slot == null || !slot.strip().matches("\\d+|index:\\d+")) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the slot '" + slot + "' is not a slot ID or index:N");
        }
        if (em.find(SigningToken.class, name) != null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a token named '" + name + "' exists already");
        }
        if (pinMode == TokenDefinition.PinMode.ACTIVATION && activationSignatures == null && activationPeriod == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a mass-signature card needs activation limits: "
                    + "a number of signatures, a period, or both");
        }
        if (pinMode != TokenDefinition.PinMode.ACTIVATION && (activationSignatures != null || activationPeriod != null)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "only a mass-signature card (ACTIVATION) has activation limits");
        }
        SigningToken token;
        if (pinMode == TokenDefinition.PinMode.STORED) {
            if (pin == null || pin.length == 0) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "an HSM token (STORED) needs its PIN");
            }
            String alias = SecretStore.tokenPin(name);
            secrets.put(alias, pin);
            token = new SigningToken(name, TokenDefinition.Kind.PKCS11, library, slot.strip(), alias);
        } else {
            token = new SigningToken(name, TokenDefinition.Kind.PKCS11, library, slot.strip(), null)
                    .asCard(pinMode, activationSignatures, activationPeriod);
        }
        try {
            keys.open(token, pinMode == TokenDefinition.PinMode.STORED ? null : pin);
        } catch (SignetException e) {
            if (token.credentialAlias() != null) {
                secrets.remove(token.credentialAlias());
            }
            throw e;
        }
        em.persist(token);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.TOKEN_REGISTERED, AuditEvent.Outcome.SUCCESS, null, null,
                "PKCS#11 token '" + name + "' slot " + slot.strip() + ", PIN " + pinMode
                        + (pinMode == TokenDefinition.PinMode.ACTIVATION ? ", activation for " + limits(token) : "")));
    }

    /** As above, with the mode ("hsm", "mass-card", "individual-card") and period (PT8H or seconds) as the faces get them. */
    public void registerToken(String name, String library, String slot, String mode, char[] pin, Integer activationSignatures,
                              String activationPeriod) {
        try {
            addPkcs11Token(name, library, slot, SigningToken.parsePinMode(mode), pin, activationSignatures,
                    SigningToken.parsePeriod(activationPeriod));
        } finally {
            forget(pin);
        }
    }

    /**
     * Makes a remote signature service (CSC API v2) known as a token: Signet logs in as {@code account}, and each of the
     * account's credentials becomes a key (alias = credential ID) a seal can be made over. The service must be one the
     * server configuration allows; the password goes to the credential store and is never logged, audited or answered.
     * Opened at once, so that a wrong address or password is refused and nothing is registered. {@code login} "basic"
     * (or null) logs in at the service's auth/login; "oauth2-client" takes the account as an OAuth 2.0 client ID and the
     * password as its secret, at the token endpoint the service names.
     */
    public void registerRemoteToken(String name, String service, String login, String account, char[] password) {
        try {
            TokenDefinition.ServiceLogin kind = SigningToken.parseServiceLogin(login);
            String admin = requireAdmin(AuditEvent.Action.TOKEN_REGISTERED, null, "token '" + name + "'");
            Names.require("token name", name);
            if (account == null || account.isBlank() || password == null || password.length == 0) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "a remote signature service needs the account and password "
                        + "Signet logs in with");
            }
            if (em.find(SigningToken.class, name) != null) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "a token named '" + name + "' exists already");
            }
            String alias = SecretStore.tokenPin(name);
            secrets.put(alias, password);
            SigningToken token = SigningToken.remote(name, service, kind, account.strip(), alias);
            List<String> usable = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            try {
                keys.open(token);
                // The address and password are checked here, by logging in and reading every credential.
                for (String credential : keys.aliases(name)) {
                    try {
                        keys.certificateChain(new KeyReference(name, credential));
                        usable.add(credential);
                    } catch (SignetException e) {
                        refused.add(e.getMessage());
                    }
                }
                if (usable.isEmpty()) {
                    throw new SignetException(SignetException.Kind.INVALID_INPUT, "the account '" + account.strip() + "' at " + service
                            + " has no credential a seal can use" + (refused.isEmpty() ? "" : ": " + String.join("; ", refused)));
                }
            } catch (SignetException e) {
                secrets.remove(alias);
                throw e;
            }
            em.persist(token);
            audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.TOKEN_REGISTERED, AuditEvent.Outcome.SUCCESS, null, null,
                    "remote signature service '" + name + "' at " + service + " as " + (kind == TokenDefinition.ServiceLogin.OAUTH2_CLIENT
                    ? "OAuth 2.0 client " : "") + account.strip() + ": credentials " + usable
                    + (refused.isEmpty() ? "" : "; not usable: " + String.join("; ", refused))));
        } finally {
            forget(password);
        }
    }

    private static String limits(SigningToken token) {
        return (token.activationSignatures() == null ? "" : token.activationSignatures() + " signatures")
                + (token.activationSignatures() != null && token.activationPeriod() != null ? " or " : "")
                + (token.activationPeriod() == null ? "" : token.activationPeriod().toSeconds() + " s");
    }

    /**
     * Puts a token back in service. A mass-signature card needs its PIN and then signs for its activation limits;
     * a wrong PIN is refused and not tried again.
     */
    public void activateToken(String name, char[] pin) {
        try {
            activate(name, pin);
        } finally {
            forget(pin);
        }
    }

    private void activate(String name, char[] pin) {
        String admin = requireAdmin(AuditEvent.Action.TOKEN_ACTIVATED, null, "token '" + name + "'");
        SigningToken token = requireToken(name);
        if (token.pinMode() == TokenDefinition.PinMode.ACTIVATION) {
            try {
                keys.activate(name, pin);
            } catch (SignetException e) {
                audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.TOKEN_ACTIVATED, AuditEvent.Outcome.REFUSED, null, null,
                        "token '" + name + "': " + e.getMessage()));
                throw e;
            }
        } else if (pin != null && pin.length > 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "token '" + name + "' takes no PIN at activation ("
                    + (token.pinMode() == TokenDefinition.PinMode.STORED ? "its PIN is in the credential store" : "its PIN comes with each request") + ")");
        }
        token.deactivated(false);
        keys.deactivated(token, false);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.TOKEN_ACTIVATED, AuditEvent.Outcome.SUCCESS, null, null,
                "token '" + name + "'" + (token.pinMode() == TokenDefinition.PinMode.ACTIVATION ? " activated for " + limits(token) : " in service")));
    }

    /** Takes a token out of service until activated again; a mass-signature card also logs out and forgets its PIN. */
    public void deactivateToken(String name) {
        String admin = requireAdmin(AuditEvent.Action.TOKEN_DEACTIVATED, null, "token '" + name + "'");
        SigningToken token = requireToken(name);
        token.deactivated(true);
        keys.deactivated(token, true);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.TOKEN_DEACTIVATED, AuditEvent.Outcome.SUCCESS, null, null,
                "token '" + name + "' out of service"));
    }

    /**
     * A new key pair inside a token and a PKCS#10 request for it, to be certified by an outside CA. Until its chain
     * is imported the key has a self-signed placeholder, and no seal accepts it.
     *
     * @return the request, PEM-encoded
     */
    public String requestCertificate(String tokenName, String alias, String keyAlgorithm, int keySize, String subject) {
        String admin = requireAdmin(AuditEvent.Action.CERTIFICATE_REQUESTED, null, "a key on token '" + tokenName + "'");
        Names.require("key alias", alias);
        requireToken(tokenName);
        if (subject == null || subject.isBlank()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a certification request needs the subject, e.g. CN=...,O=...,C=...");
        }
        KeySpec spec = KeySpec.of(keyAlgorithm, keySize);
        KeyReference key = new KeyReference(tokenName, alias);
        CertificationRequests.Pending pending = new CertificationRequests.Pending(subject.strip());
        try {
            keys.generateKeyPair(key, spec.algorithm(), spec.size(), pending);
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "no key could be made: " + e.getMessage(), e);
        }
        usage.ensure(key);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.CERTIFICATE_REQUESTED, AuditEvent.Outcome.SUCCESS, null, null,
                "key " + key + " (" + spec.algorithm() + " " + spec.size() + "), request for " + subject.strip()));
        return pending.pem();
    }

    /** Stores the chain an outside CA issued for a key made with {@link #requestCertificate}; returns its certificate. */
    public X509Certificate importChain(String tokenName, String alias, byte[] encodedChain) {
        String admin = requireAdmin(AuditEvent.Action.CHAIN_IMPORTED, null, "key " + tokenName + "/" + alias);
        requireToken(tokenName);
        KeyReference key = new KeyReference(tokenName, alias);
        List<X509Certificate> chain;
        try {
            chain = CertificationRequests.chainFor(keys.certificateChain(key).get(0).getPublicKey(),
                    encodedChain == null ? new byte[0] : encodedChain);
        } catch (GeneralSecurityException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "key " + key + ": " + e.getMessage(), e);
        }
        keys.importChain(key, chain);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.CHAIN_IMPORTED, AuditEvent.Outcome.SUCCESS, null, null,
                "key " + key + ": " + chain.get(0).getSubjectX500Principal().getName() + ", serial "
                        + chain.get(0).getSerialNumber().toString(16) + ", issued by " + chain.get(0).getIssuerX500Principal().getName()));
        return chain.get(0);
    }

    /**
     * Signs a random challenge with the key and checks the signature with its certificate. Not counted against the
     * key's usage limits (it signs no document); a mass-signature card spends one signature of its activation.
     */
    public KeyTest testKey(String tokenName, String alias, char[] pin) {
        try {
            return test(tokenName, alias, pin);
        } finally {
            forget(pin);
        }
    }

    /** A PIN a face handed in is overwritten once used: the adapter keeps its own copy only as long as it must. */
    private static void forget(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }

    private KeyTest test(String tokenName, String alias, char[] pin) {
        String admin = requireAdmin(AuditEvent.Action.KEY_TESTED, null, "key " + tokenName + "/" + alias);
        requireToken(tokenName);
        KeyReference key = new KeyReference(tokenName, alias);
        long started = System.nanoTime();
        KeyTest result;
        try {
            X509Certificate certificate = keys.certificateChain(key, pin).get(0);
            String algorithm = "EC".equals(certificate.getPublicKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            byte[] value = keys.sign(key, algorithm, challenge, pin);
            Signature check = Signature.getInstance(algorithm);
            check.initVerify(certificate.getPublicKey());
            check.update(challenge);
            boolean verified = check.verify(value);
            Instant now = Instant.now();
            String problem = !verified ? "the signature does not verify with the key's certificate"
                    : now.isAfter(certificate.getNotAfter().toInstant()) ? "the certificate expired on " + certificate.getNotAfter().toInstant()
                    : now.isBefore(certificate.getNotBefore().toInstant()) ? "the certificate is valid only from " + certificate.getNotBefore().toInstant()
                    : CertificationRequests.isPlaceholder(certificate) ? "the key signs, but has only its placeholder certificate: import its chain"
                    : null;
            result = new KeyTest(key.toString(), problem == null, problem == null ? "signs, and the signature verifies with its certificate" : problem,
                    (System.nanoTime() - started) / 1_000_000, certificate.getSubjectX500Principal().getName(),
                    certificate.getNotAfter().toInstant());
        } catch (SignetException e) {
            result = new KeyTest(key.toString(), false, e.getMessage(), (System.nanoTime() - started) / 1_000_000, null, null);
        } catch (GeneralSecurityException e) {
            result = new KeyTest(key.toString(), false, "the signature could not be checked: " + e.getMessage(),
                    (System.nanoTime() - started) / 1_000_000, null, null);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.KEY_TESTED,
                result.ok() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILED, null, null, "key " + key + ": " + result.message()));
        return result;
    }

    /** The outcome of {@link #testKey}. */
    public record KeyTest(String key, boolean ok, String message, long millis, String certificateSubject, Instant certificateValidTo) { }

    private SigningToken requireToken(String name) {
        SigningToken token = name == null ? null : em.find(SigningToken.class, name);
        if (token == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "there is no token named '" + name + "'");
        }
        return token;
    }

    /** An algorithm and size Signet makes keys of. */
    private record KeySpec(String algorithm, int size) {
        static KeySpec of(String keyAlgorithm, int keySize) {
            String algorithm = keyAlgorithm == null || keyAlgorithm.isBlank() ? "RSA" : keyAlgorithm.strip().toUpperCase(Locale.ROOT);
            int size = keySize > 0 ? keySize : "EC".equals(algorithm) ? 256 : 3072;
            if (!(("RSA".equals(algorithm) && size >= 2048 && size <= 8192) || ("EC".equals(algorithm) && (size == 256 || size == 384)))) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "keys are RSA of 2048 to 8192 bits or EC P-256/P-384, not "
                        + algorithm + " " + size);
            }
            return new KeySpec(algorithm, size);
        }
    }

    /** A new key pair inside a token, certified by Signet's CA; the private key never leaves the token. */
    public X509Certificate generateKey(String tokenName, String alias, String keyAlgorithm, int keySize, String subject) {
        String admin = requireAdmin(AuditEvent.Action.KEY_GENERATED, null, "a key on token '" + tokenName + "'");
        Names.require("key alias", alias);
        requireToken(tokenName);
        KeySpec spec = KeySpec.of(keyAlgorithm, keySize);
        String algorithm = spec.algorithm();
        int size = spec.size();
        KeyReference key = new KeyReference(tokenName, alias);
        List<X509Certificate> chain;
        try {
            String certificateSubject = subject != null && !subject.isBlank() ? subject : "CN=" + alias + ",O=" + authority.organisation();
            chain = keys.generateKeyPair(key, algorithm, size, (publicKey, signer) -> {
                try {
                    return List.of(authority.issue(Certificates.Profile.SEAL, publicKey, certificateSubject, Duration.ofDays(1095)),
                            authority.certificate());
                } catch (IOException e) {
                    throw new GeneralSecurityException(e);
                }
            });
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "no key could be made: " + e.getMessage(), e);
        }
        usage.ensure(key);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.KEY_GENERATED, AuditEvent.Outcome.SUCCESS, null, null,
                "key " + key + " (" + algorithm + " " + size + "), certificate " + chain.get(0).getSerialNumber().toString(16)));
        return chain.get(0);
    }

    /** A key's usage limits: a maximum number of signatures and a window in which it may sign (null: none). */
    public void setKeyLimits(String keyName, Long maxSignatures, Instant usableFrom, Instant usableUntil) {
        KeyReference key = SigningKeys.reference(keyName);
        String admin = requireAdmin(AuditEvent.Action.KEY_LIMITS_SET, null, "key " + key);
        usageBlocks.forget(key);
        usage.setLimits(key, maxSignatures, usableFrom, usableUntil);
        usageBlocks.forget(key); // a block reserved under the old limits while they changed
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.KEY_LIMITS_SET, AuditEvent.Outcome.SUCCESS, null, null,
                "key " + key + ": at most " + maxSignatures + " signatures, from " + usableFrom + " until " + usableUntil));
    }

    /** The key's signatures: its counter less what is reserved for requests and not made yet. */
    private long made(KeyUsage counted) {
        return counted.signatures() - usageBlocks.unused(counted.keyId());
    }

    /** Every key of every token, with the seals that use it, whether it can sign now, and its counters. */
    public List<KeyStatus> listKeys() {
        requireAdmin(AuditEvent.Action.AUDIT_READ, null, "the keys");
        Map<String, List<String>> sealsByKey = new TreeMap<>();
        for (Seal seal : em.createQuery("SELECT s FROM Seal s", Seal.class).getResultList()) {
            for (KeyReference key : seal.keys()) {
                sealsByKey.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(seal.name());
            }
        }
        List<KeyStatus> list = new ArrayList<>();
        List<KeyUsage> counters = usage.all();
        for (SigningToken token : em.createQuery("SELECT t FROM SigningToken t ORDER BY t.name", SigningToken.class).getResultList()) {
            String kind = token.kind().name() + switch (token.pinMode()) {
                case STORED -> "";
                case ACTIVATION -> " mass-signature card";
                case PER_REQUEST -> " individual card";
            };
            String tokenState = token.deactivated() ? "deactivated" : null;
            if (tokenState == null && token.isCard()) {
                tokenState = keys.state(token.name()).describe();
            }
            List<String> aliases;
            try {
                aliases = keys.aliases(token.name());
            } catch (SignetException e) {
                // A pulled or locked card still shows its keys, as far as Signet knows them, with their counters.
                String prefix = token.name() + "/";
                String state = tokenState != null ? tokenState : "unavailable: " + e.getMessage();
                List<KeyUsage> known = counters.stream().filter(u -> u.keyId().startsWith(prefix)).toList();
                if (known.isEmpty()) {
                    list.add(new KeyStatus(token.name(), kind, null, List.of(), state, 0, null, null, null, null, null));
                }
                for (KeyUsage counted : known) {
                    list.add(new KeyStatus(token.name(), kind, counted.keyId().substring(prefix.length()),
                            sealsByKey.getOrDefault(counted.keyId(), List.of()), state, made(counted),
                            counted.maxSignatures(), counted.usableFrom(), counted.usableUntil(), null, null));
                }
                continue;
            }
            if (aliases.isEmpty()) {
                // a token without keys yet (a fresh card): listed, so that it can be activated and given a key
                list.add(new KeyStatus(token.name(), kind, null, List.of(), tokenState != null ? tokenState : "no keys", 0, null,
                        null, null, null, null));
            }
            for (String alias : aliases) {
                KeyReference key = new KeyReference(token.name(), alias);
                KeyUsage counted = counters.stream().filter(u -> u.keyId().equals(key.toString())).findFirst().orElse(null);
                String subject = null;
                Instant validTo = null;
                String state = tokenState != null && !"available".equals(keys.state(key)) ? tokenState + "; " + keys.state(key)
                        : tokenState != null ? tokenState : keys.state(key);
                try {
                    X509Certificate certificate = keys.certificateChain(key).get(0);
                    subject = certificate.getSubjectX500Principal().getName();
                    validTo = certificate.getNotAfter().toInstant();
                    if (CertificationRequests.isPlaceholder(certificate)) {
                        state = "waiting for its certificate chain (placeholder)";
                    }
                } catch (SignetException e) {
                    state = tokenState != null ? tokenState : "unavailable: " + e.getMessage();
                }
                list.add(new KeyStatus(token.name(), kind, alias,
                        sealsByKey.getOrDefault(key.toString(), List.of()), state, counted == null ? 0 : made(counted),
                        counted == null ? null : counted.maxSignatures(), counted == null ? null : counted.usableFrom(),
                        counted == null ? null : counted.usableUntil(), subject, validTo));
            }
        }
        return list;
    }

    private Path configurationDataDirectory() {
        return configuration.dataDirectory();
    }

    private String requireAdmin(AuditEvent.Action action, String sealName, String what) {
        return AdminRole.require(session, audit, action, sealName, what);
    }
}
