package org.signet.security;

import org.signet.connector.TokenDefinition;

import org.signet.pki.PrivateFiles;

import java.util.List;

import java.nio.file.Path;

import java.nio.file.Files;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.SignetException;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import jakarta.inject.Inject;
import org.signet.connector.KeyReference;
import org.signet.keys.SigningKeys;
import org.signet.keys.SigningToken;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.Certificates;
import org.signet.seal.Seal;
import org.signet.seal.SealAuthorisation;
import org.signet.signing.SignatureFormat;
import org.signet.signing.SignatureLevel;
import org.signet.seal.SealDirectory;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Users, seals and their authorisations; admin role only. The role is checked here rather than with
 * {@code @RolesAllowed}, so that a refused attempt is audited and answered like every other refusal.
 */
@Stateless
@PermitAll
@jakarta.annotation.security.DeclareRoles(Administration.ADMIN_ROLE)
public class Administration {

    public static final String ADMIN_ROLE = "admin";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    public static final int MIN_PASSWORD_LENGTH = 12;

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private SealDirectory seals;
    @EJB
    private AuditLog audit;
    @Inject
    private CertificateAuthority authority;
    @Inject
    private SigningKeys keys;
    @EJB
    private org.signet.keys.KeyUsageLedger usage;
    @Inject
    private org.signet.config.SignetConfiguration configuration;

    /** Creates the user, or replaces the password and roles of an existing one. */
    public void putUser(String name, char[] password, Set<String> roles) {
        String admin = requireAdmin(AuditEvent.Action.USER_CHANGED, null, "user '" + name + "'");
        requireName("user name", name);
        roles.forEach(role -> requireName("role", role));
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String hash = PasswordHash.of(password);
        SignetUser user = em.find(SignetUser.class, name);
        if (user == null) {
            em.persist(new SignetUser(name, hash, roles));
        } else {
            user.changePassword(hash);
            user.replaceRoles(roles);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.USER_CHANGED,
                AuditEvent.Outcome.SUCCESS, null, null, "user '" + name + "' with roles " + roles));
    }

    public void authorise(String sealName, SealAuthorisation.PrincipalKind kind, String principal) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_AUTHORISED, sealName, kind + " '" + principal + "'");
        requireName(kind == SealAuthorisation.PrincipalKind.USER ? "user name" : "role", principal);
        if (!seals.exists(sealName)) {
            throw new SignetException(SignetException.Kind.UNKNOWN_SEAL, "there is no seal named '" + sealName + "'");
        }
        long existing = em.createQuery("SELECT COUNT(a) FROM SealAuthorisation a WHERE a.sealName = :seal "
                        + "AND a.principalKind = :kind AND a.principalName = :name", Long.class)
                .setParameter("seal", sealName).setParameter("kind", kind).setParameter("name", principal)
                .getSingleResult();
        if (existing == 0) {
            em.persist(new SealAuthorisation(sealName, kind, principal));
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_AUTHORISED,
                AuditEvent.Outcome.SUCCESS, sealName, null, kind + " '" + principal + "'"));
    }

    /**
     * A new seal with a new software key, certified by Signet's CA. Nobody may use it until authorised.
     *
     * @param subject the certificate's subject, or {@code null} for "CN=<name>,O=<the CA's organisation>"
     */
    public void createSeal(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel, String subject) {
        String admin = requireNewSeal(name, formats);
        if (!authority.exists()) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "this Signet has no CA of its own to certify a new seal");
        }
        try {
            String certificateSubject = subject != null && !subject.isBlank() ? subject
                    : "CN=" + name + ",O=" + authority.organisation();
            SigningToken token = authority.issueSoftwareToken("seal-" + name, "seal", Certificates.Profile.SEAL,
                    certificateSubject, Duration.ofDays(1095));
            em.persist(token);
            keys.open(token);
            em.persist(new Seal(name, description, new KeyReference(token.name(), "seal"), formats,
                    maxLevel == null ? SignatureLevel.LTA : maxLevel));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "seal '" + name + "' could not be created: " + e.getMessage(), e);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CREATED, AuditEvent.Outcome.SUCCESS, name, null,
                "formats " + formats + " up to " + maxLevel));
    }

    /**
     * Makes a PKCS#11 token (an HSM partition or a signature card) known and opens it. The PIN goes to a file only
     * the server may read, next to the data directory's other secrets; it is never logged, audited or answered.
     *
     * @param slot the slot ID, or "index:N"
     */
    public void registerToken(String name, String library, String slot, char[] pin) {
        String admin = requireAdmin(AuditEvent.Action.TOKEN_REGISTERED, null, "token '" + name + "'");
        requireName("token name", name);
        if (library == null || !Files.isRegularFile(Path.of(library))) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the PKCS#11 library '" + library + "' is not a file");
        }
        if (slot == null || !slot.strip().matches("\\d+|index:\\d+")) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the slot '" + slot + "' is not a slot ID or index:N");
        }
        if (em.find(SigningToken.class, name) != null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a token named '" + name + "' exists already");
        }
        Path secret = configurationDataDirectory().resolve("tokens").resolve(name + ".pin");
        java.nio.ByteBuffer encoded = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pin == null ? new char[0] : pin));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            PrivateFiles.write(secret, bytes);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "the PIN of token '" + name + "' cannot be stored: "
                    + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        SigningToken token = new SigningToken(name, TokenDefinition.Kind.PKCS11, library, slot.strip(), secret.toString());
        try {
            keys.open(token);
        } catch (SignetException e) {
            try {
                Files.deleteIfExists(secret);
            } catch (IOException ignored) {
                // the refusal below matters more than a leftover file only the server can read
            }
            throw e;
        }
        em.persist(token);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.TOKEN_REGISTERED, AuditEvent.Outcome.SUCCESS, null, null,
                "PKCS#11 token '" + name + "' slot " + slot.strip()));
    }

    /** A new key pair inside a token, certified by Signet's CA; the private key never leaves the token. */
    public X509Certificate generateKey(String tokenName, String alias, String keyAlgorithm, int keySize, String subject) {
        String admin = requireAdmin(AuditEvent.Action.KEY_GENERATED, null, "a key on token '" + tokenName + "'");
        requireName("key alias", alias);
        if (em.find(SigningToken.class, tokenName) == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "there is no token named '" + tokenName + "'");
        }
        String algorithm = keyAlgorithm == null || keyAlgorithm.isBlank() ? "RSA" : keyAlgorithm.strip().toUpperCase(java.util.Locale.ROOT);
        int size = keySize > 0 ? keySize : "EC".equals(algorithm) ? 256 : 3072;
        if (!(("RSA".equals(algorithm) && size >= 2048 && size <= 8192) || ("EC".equals(algorithm) && (size == 256 || size == 384)))) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "keys are RSA of 2048 to 8192 bits or EC P-256/P-384, not "
                    + algorithm + " " + size);
        }
        KeyReference key = new KeyReference(tokenName, alias);
        List<X509Certificate> chain;
        try {
            String certificateSubject = subject != null && !subject.isBlank() ? subject : "CN=" + alias + ",O=" + authority.organisation();
            chain = keys.generateKeyPair(key, algorithm, size, publicKey -> {
                try {
                    return List.of(authority.issue(Certificates.Profile.SEAL, publicKey, certificateSubject, Duration.ofDays(1095)),
                            authority.certificate());
                } catch (IOException e) {
                    throw new java.security.GeneralSecurityException(e);
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

    /** A seal over existing keys: one key, or several of the same identity as a pool. */
    public void createSealOverKeys(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel,
                                   List<String> keyNames) {
        String admin = requireNewSeal(name, formats);
        List<KeyReference> sealKeys = keyNames == null ? List.of() : keyNames.stream().map(SigningKeys::reference).toList();
        if (sealKeys.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal needs at least one key (token/alias)");
        }
        java.security.Principal identity = null;
        for (KeyReference key : sealKeys) {
            X509Certificate certificate = keys.certificateChain(key).get(0); // refuses an unknown token or key
            if (identity != null && !identity.equals(certificate.getSubjectX500Principal())) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the keys of a pool must be one identity: " + key
                        + " is " + certificate.getSubjectX500Principal() + ", not " + identity);
            }
            identity = certificate.getSubjectX500Principal();
            usage.ensure(key);
        }
        em.persist(new Seal(name, description, sealKeys, formats, maxLevel == null ? SignatureLevel.LTA : maxLevel));
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CREATED, AuditEvent.Outcome.SUCCESS, name, null,
                "keys " + sealKeys + ", formats " + formats + " up to " + maxLevel));
    }

    /** A key's usage limits: a maximum number of signatures and a window in which it may sign (null: none). */
    public void setKeyLimits(String keyName, Long maxSignatures, Instant usableFrom, Instant usableUntil) {
        KeyReference key = SigningKeys.reference(keyName);
        String admin = requireAdmin(AuditEvent.Action.KEY_LIMITS_SET, null, "key " + key);
        usage.setLimits(key, maxSignatures, usableFrom, usableUntil);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.KEY_LIMITS_SET, AuditEvent.Outcome.SUCCESS, null, null,
                "key " + key + ": at most " + maxSignatures + " signatures, from " + usableFrom + " until " + usableUntil));
    }

    /** Every key of every token, with the seals that use it, whether it can sign now, and its counters. */
    public List<org.signet.keys.KeyStatus> listKeys() {
        requireAdmin(AuditEvent.Action.AUDIT_READ, null, "the keys");
        java.util.Map<String, List<String>> sealsByKey = new java.util.TreeMap<>();
        for (Seal seal : em.createQuery("SELECT s FROM Seal s", Seal.class).getResultList()) {
            for (KeyReference key : seal.keys()) {
                sealsByKey.computeIfAbsent(key.toString(), k -> new java.util.ArrayList<>()).add(seal.name());
            }
        }
        List<org.signet.keys.KeyStatus> list = new java.util.ArrayList<>();
        for (SigningToken token : em.createQuery("SELECT t FROM SigningToken t ORDER BY t.name", SigningToken.class).getResultList()) {
            List<String> aliases;
            try {
                aliases = keys.aliases(token.name());
            } catch (SignetException e) {
                // A pulled card still shows its keys, as far as Signet knows them, with their counters.
                String prefix = token.name() + "/";
                List<String> known = usage.all().stream().map(org.signet.keys.KeyUsage::keyId).filter(id -> id.startsWith(prefix)).toList();
                if (known.isEmpty()) {
                    list.add(new org.signet.keys.KeyStatus(token.name(), token.kind().name(), null, List.of(), "unavailable: " + e.getMessage(),
                            0, null, null, null, null, null));
                }
                for (String id : known) {
                    org.signet.keys.KeyUsage counted = usage.usage(SigningKeys.reference(id));
                    list.add(new org.signet.keys.KeyStatus(token.name(), token.kind().name(), id.substring(prefix.length()),
                            sealsByKey.getOrDefault(id, List.of()), "unavailable: " + e.getMessage(), counted.signatures(),
                            counted.maxSignatures(), counted.usableFrom(), counted.usableUntil(), null, null));
                }
                continue;
            }
            for (String alias : aliases) {
                KeyReference key = new KeyReference(token.name(), alias);
                org.signet.keys.KeyUsage counted = usage.usage(key);
                String subject = null;
                Instant validTo = null;
                String state = keys.state(key);
                try {
                    X509Certificate certificate = keys.certificateChain(key).get(0);
                    subject = certificate.getSubjectX500Principal().getName();
                    validTo = certificate.getNotAfter().toInstant();
                } catch (SignetException e) {
                    state = "unavailable: " + e.getMessage();
                }
                list.add(new org.signet.keys.KeyStatus(token.name(), token.kind().name(), alias,
                        sealsByKey.getOrDefault(key.toString(), List.of()), state, counted == null ? 0 : counted.signatures(),
                        counted == null ? null : counted.maxSignatures(), counted == null ? null : counted.usableFrom(),
                        counted == null ? null : counted.usableUntil(), subject, validTo));
            }
        }
        return list;
    }

    private Path configurationDataDirectory() {
        return configuration.dataDirectory();
    }

    /** Revokes the seal's certificate at Signet's CA: the seal signs nothing more, and verification reports it. */
    public void revokeSeal(String name, CertificateAuthority.RevocationReason reason) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_REVOKED, name, "seal '" + name + "'");
        Seal seal = em.find(Seal.class, name);
        if (seal == null) {
            throw new SignetException(SignetException.Kind.UNKNOWN_SEAL, "there is no seal named '" + name + "'");
        }
        X509Certificate certificate = keys.certificateChain(seal.key()).get(0);
        try {
            authority.revoke(certificate, reason == null ? CertificateAuthority.RevocationReason.UNSPECIFIED : reason);
        } catch (GeneralSecurityException | IOException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "seal '" + name + "' cannot be revoked: " + e.getMessage(), e);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_REVOKED, AuditEvent.Outcome.SUCCESS, name, null,
                "certificate " + certificate.getSerialNumber().toString(16) + " revoked: " + reason));
    }

    /** The audit trail, newest first, at most {@code limit} (1 to 1000) events. */
    public java.util.List<org.signet.audit.AuditEntry> auditTrail(int limit) {
        requireAdmin(AuditEvent.Action.AUDIT_READ, null, "the audit trail");
        if (limit < 1 || limit > 1000) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "limit must be between 1 and 1000, not " + limit);
        }
        return audit.newest(limit);
    }

    private String requireAdmin(AuditEvent.Action action, String sealName, String what) {
        String caller = Callers.name(session);
        if (!session.isCallerInRole(ADMIN_ROLE)) {
            audit.record(new AuditEvent(Instant.now(), caller, action, AuditEvent.Outcome.REFUSED, sealName, null,
                    "not an admin: " + what));
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED,
                    "user '" + caller + "' is not allowed to administer Signet (admin role required)");
        }
        return caller;
    }

    /** The admin who may create the seal: its name is free and allowed, and it has formats. */
    private String requireNewSeal(String name, Set<SignatureFormat> formats) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_CREATED, name, "seal '" + name + "'");
        requireName("seal name", name);
        if (formats == null || formats.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal needs at least one format (PADES, CADES, XADES)");
        }
        if (seals.exists(name)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal named '" + name + "' exists already");
        }
        return admin;
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the " + what + " '" + value
                    + "' is not allowed: use 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
    }
}
