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
import org.signet.connector.KeyReference;
import org.signet.keys.KeyUsageLedger;
import org.signet.keys.SigningKeys;
import org.signet.keys.SigningToken;
import org.signet.model.Names;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;
import org.signet.pki.CertificateAuthority;
import org.signet.pki.Certificates;
import org.signet.pki.CertificationRequests;
import org.signet.seal.Seal;
import org.signet.seal.SealAuthorisation;
import org.signet.seal.SealDirectory;
import org.signet.security.AdminRole;
import org.signet.model.ClientNetworks;
import org.signet.security.Callers;
import org.signet.security.SecondFactors;
import org.signet.security.SignetGroup;
import org.signet.security.SignetUser;
import org.signet.security.SigningHours;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.naming.ldap.Rdn;
import java.util.TreeSet;

/**
 * Seals: created with a new key or over existing keys, authorised, revoked. Admin role only, checked here rather than with {@code @RolesAllowed},
 * so that a refused attempt is audited and answered like every other refusal.
 */
@Stateless
@PermitAll
@DeclareRoles(AdminRole.NAME)
public class SealAdministration {

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
    private KeyUsageLedger usage;
    @EJB
    private SecondFactors secondFactors;

    /** Who may use a seal and on which conditions, as an admin sees it. */
    public record Authorisations(String seal, Set<String> users, Set<String> groups, Set<String> roles, String secondFactor,
                                 List<String> clients, String hours, String zone, String tokenScope,
                                 boolean clientCertificateRequired) { }

    /** Lets a user, the members of a group (which must exist) or the holders of a role use the seal. */
    public void authorise(String sealName, SealAuthorisation.PrincipalKind kind, String principal) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_AUTHORISED, sealName, kind + " '" + principal + "'");
        Names.require(principalWord(kind), principal);
        String owner = requireSeal(sealName).owner();
        if (owner != null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "seal '" + sealName + "' is the personal certificate of '"
                    + owner + "': nobody else may use it");
        }
        if (kind == SealAuthorisation.PrincipalKind.GROUP && em.find(SignetGroup.class, principal) == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "there is no group named '" + principal + "'");
        }
        if (authorisation(sealName, kind, principal).isEmpty()) {
            em.persist(new SealAuthorisation(sealName, kind, principal));
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_AUTHORISED,
                AuditEvent.Outcome.SUCCESS, sealName, null, kind + " '" + principal + "'"));
    }

    /**
     * Takes an authorisation back, from the next request on; a user may still use the seal through a group or role that
     * is authorised, which {@link #authorisations} shows.
     */
    public void withdraw(String sealName, SealAuthorisation.PrincipalKind kind, String principal) {
        String admin = requireAdmin(AuditEvent.Action.AUTHORISATION_WITHDRAWN, sealName, kind + " '" + principal + "'");
        Names.require(principalWord(kind), principal);
        requireSeal(sealName);
        List<SealAuthorisation> given = authorisation(sealName, kind, principal);
        if (given.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, principalWord(kind) + " '" + principal
                    + "' is not authorised to use seal '" + sealName + "'");
        }
        given.forEach(em::remove);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.AUTHORISATION_WITHDRAWN,
                AuditEvent.Outcome.SUCCESS, sealName, null, kind + " '" + principal + "'"));
    }

    /** Every seal's name, for an admin choosing one to change. */
    public List<String> sealNames() {
        AdminRole.require(session, audit, AuditEvent.Action.SEAL_CHANGED, null, "list the seals");
        return em.createQuery("SELECT s.name FROM Seal s ORDER BY s.name", String.class).getResultList();
    }

    public Authorisations authorisations(String sealName) {
        Seal seal = change(sealName, "read who may use a seal").seal();
        Map<SealAuthorisation.PrincipalKind, Set<String>> given = new EnumMap<>(SealAuthorisation.PrincipalKind.class);
        for (SealAuthorisation.PrincipalKind kind : SealAuthorisation.PrincipalKind.values()) {
            given.put(kind, new TreeSet<>());
        }
        em.createQuery("SELECT a FROM SealAuthorisation a WHERE a.sealName = :seal", SealAuthorisation.class)
                .setParameter("seal", sealName).getResultList()
                .forEach(a -> given.get(a.principalKind()).add(a.principalName()));
        return new Authorisations(seal.name(), given.get(SealAuthorisation.PrincipalKind.USER),
                given.get(SealAuthorisation.PrincipalKind.GROUP), given.get(SealAuthorisation.PrincipalKind.ROLE),
                seal.requiresOneTimeCode() ? "totp" : "none", seal.clients(), seal.hours(), seal.hours() == null ? null : seal.hoursZone(),
                seal.tokenScope(), seal.certificateRequired());
    }

    private static String principalWord(SealAuthorisation.PrincipalKind kind) {
        return switch (kind) {
            case USER -> "user";
            case GROUP -> "group";
            case ROLE -> "role";
        };
    }

    private Seal requireSeal(String sealName) {
        Seal seal = em.find(Seal.class, sealName);
        if (seal == null) {
            throw new SignetException(SignetException.Kind.UNKNOWN_SEAL, "there is no seal named '" + sealName + "'");
        }
        return seal;
    }

    private List<SealAuthorisation> authorisation(String sealName, SealAuthorisation.PrincipalKind kind, String principal) {
        return em.createQuery("SELECT a FROM SealAuthorisation a WHERE a.sealName = :seal "
                        + "AND a.principalKind = :kind AND a.principalName = :name", SealAuthorisation.class)
                .setParameter("seal", sealName).setParameter("kind", kind).setParameter("name", principal)
                .getResultList();
    }

    /**
     * A new seal, which nobody may use until authorised: over existing keys ("token/alias"; several of one identity
     * make a pool), or without keys with a new software key certified by Signet's CA.
     *
     * @param subject the new key's certificate subject, or {@code null} for "CN=<name>,O=<the CA's organisation>"
     * @param archive   whether what the seal signs enters the archive ({@code null}: it does)
     * @param keepDocuments whether it is also kept whole in the archive's store ({@code null}: it is not)
     */
    public void createSeal(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel, String subject,
                           List<String> keyNames, Boolean archive, Boolean keepDocuments) {
        Seal seal = keyNames != null && !keyNames.isEmpty() ? createSealOverKeys(name, description, formats, maxLevel, keyNames)
                : createSealWithNewKey(name, description, formats, maxLevel, subject);
        seal.archive(archive == null || archive);
        seal.keepDocuments(Boolean.TRUE.equals(keepDocuments));
        if (!seal.archived() || seal.keepsDocuments()) {
            audit.record(new AuditEvent(Instant.now(), Callers.name(session), AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS,
                    name, null, archiving(seal)));
        }
    }

    private static String archiving(Seal seal) {
        return !seal.archived() ? "what it signs does not enter the archive"
                : seal.keepsDocuments() ? "what it signs enters the archive and is kept whole in its store"
                : "what it signs enters the archive";
    }

    /**
     * Whether what the seal signs from now on enters the archive. A seal that signs outside it keeps no evidence of its
     * documents: the audit trail tells who switched it and when.
     */
    public void setArchiving(String name, boolean archive, Boolean keepDocuments) {
        SealChange change = change(name, "change the archiving of a seal");
        String admin = change.admin();
        Seal seal = change.seal();
        seal.archive(archive);
        if (keepDocuments != null) {
            seal.keepDocuments(keepDocuments);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS, name, null,
                archiving(seal)));
    }

    /**
     * Whether every request signing with the seal must carry the caller's one-time code ("totp") or not ("none"); with
     * "totp", each new batch of a hot folder signing with it waits for a person's confirmation with a one-time code.
     */
    public void setSecondFactor(String name, String secondFactor) {
        SealChange change = change(name, "change the second factor of a seal");
        String admin = change.admin();
        Seal seal = change.seal();
        String wanted = secondFactor == null ? "" : secondFactor.strip().toLowerCase(Locale.ROOT);
        if (!wanted.equals("totp") && !wanted.equals("none")) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal's second factor is 'totp' or 'none', not '"
                    + secondFactor + "'");
        }
        seal.requireOneTimeCode(wanted.equals("totp"));
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS, name, null,
                wanted.equals("totp") ? "every request needs a one-time code (TOTP), every new batch a person's confirmation with one"
                        : "no second factor required"));
    }

    /**
     * The computers the seal signs for: addresses and networks (CIDR) of the requests' peers; empty lifts the
     * restriction. Hot folders (Signet's own work, no request) are not bound by it.
     */
    public void setClients(String name, List<String> clients) {
        SealChange change = change(name, "change the computers a seal signs for");
        String admin = change.admin();
        Seal seal = change.seal();
        List<String> networks = ClientNetworks.parse(clients == null ? List.of() : clients).entries();
        if (String.join(",", networks).length() > 1000) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "at most 1000 characters of addresses and networks");
        }
        seal.restrictClients(networks);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS, name, null,
                networks.isEmpty() ? "signs for requests from any computer" : "signs only for requests from " + String.join(", ", networks)));
    }

    /** When the seal signs for requests ("Mon-Fri 07:00-19:00" in a zone); null or blank hours lift the restriction. */
    public void setHours(String name, String hours, String zone) {
        SealChange change = change(name, "change the signing hours of a seal");
        String admin = change.admin();
        Seal seal = change.seal();
        if (hours == null || hours.isBlank()) {
            seal.restrictHours(null, null);
        } else {
            SigningHours parsed = SigningHours.parse(hours, zone);
            if (parsed.hours().length() > 200) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal's signing hours: at most 200 characters");
            }
            seal.restrictHours(parsed.hours(), parsed.zone());
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS, name, null,
                seal.hours() == null ? "signs at any time" : "signs only " + seal.hours() + " (" + seal.hoursZone() + ")"));
    }

    /**
     * The scope an OAuth2 access token must grant for a request to sign with the seal (an OAuth2 scope token, RFC 6749
     * §3.3); null or blank lifts it. A password, Signet's own token or a token without the scope is then refused.
     */
    public void setTokenScope(String name, String scope) {
        SealChange change = change(name, "change the token scope a seal requires");
        String wanted = scope == null || scope.isBlank() ? null : scope.strip();
        if (wanted != null && (wanted.length() > 200 || !wanted.chars().allMatch(c -> c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E))) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a token scope is one OAuth2 scope of at most 200 printable"
                    + " characters, without spaces, quotes or backslashes");
        }
        change.seal().requireTokenScope(wanted);
        audit.record(new AuditEvent(Instant.now(), change.admin(), AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS, name, null,
                wanted == null ? "signs for any credentials" : "signs only for requests with an OAuth2 access token granting " + wanted));
    }

    /**
     * Whether a request signing with the seal must log in with a registered TLS client certificate ("only with a
     * specific computer" holding that certificate's key); a password or a token is then refused.
     */
    public void setClientCertificateRequired(String name, boolean required) {
        SealChange change = change(name, "change whether a seal requires a client certificate");
        change.seal().requireCertificate(required);
        audit.record(new AuditEvent(Instant.now(), change.admin(), AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS, name, null,
                required ? "signs only for requests that log in with a client certificate" : "signs whatever credentials a request logs in with"));
    }

    /** Who changes which seal: an admin (else refused and audited) and an existing seal (else UNKNOWN_SEAL). */
    private record SealChange(String admin, Seal seal) { }

    private SealChange change(String name, String what) {
        String admin = AdminRole.require(session, audit, AuditEvent.Action.SEAL_CHANGED, name, what);
        Seal seal = em.find(Seal.class, Names.require("seal", name));
        if (seal == null) {
            throw new SignetException(SignetException.Kind.UNKNOWN_SEAL, "there is no seal '" + name + "'");
        }
        return new SealChange(admin, seal);
    }

    private Seal createSealWithNewKey(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel,
                                      String subject) {
        String admin = requireNewSeal(name, formats);
        if (!authority.exists()) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "this Signet has no CA of its own to certify a new seal");
        }
        try {
            String certificateSubject = subject != null && !subject.isBlank() ? subject
                    : "CN=" + name + ",O=" + authority.organisation();
            KeyReference key = softwareKey("seal-" + name, "seal", certificateSubject, Duration.ofDays(1095));
            Seal seal = new Seal(name, description, key, formats, maxLevel == null ? SignatureLevel.LTA : maxLevel);
            em.persist(seal);
            audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CREATED, AuditEvent.Outcome.SUCCESS, name, null,
                    "formats " + formats + " up to " + maxLevel));
            return seal;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "seal '" + name + "' could not be created: " + e.getMessage(), e);
        }
    }

    /** A seal over existing keys: one key, or several of the same identity as a pool. */
    private Seal createSealOverKeys(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel,
                                   List<String> keyNames) {
        String admin = requireNewSeal(name, formats);
        List<KeyReference> sealKeys = keyNames == null ? List.of() : keyNames.stream().map(SigningKeys::reference).toList();
        if (sealKeys.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal needs at least one key (token/alias)");
        }
        Principal identity = null;
        for (KeyReference key : sealKeys) {
            X509Certificate certificate = keys.certificateChain(key).get(0); // refuses an unknown token or key
            if (CertificationRequests.isPlaceholder(certificate)) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "key " + key + " has only the self-signed placeholder "
                        + "of its certification request: import the chain its CA issued first");
            }
            if (identity != null && !identity.equals(certificate.getSubjectX500Principal())) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the keys of a pool must be one identity: " + key
                        + " is " + certificate.getSubjectX500Principal() + ", not " + identity);
            }
            identity = certificate.getSubjectX500Principal();
            usage.ensure(key);
        }
        Seal seal = new Seal(name, description, sealKeys, formats, maxLevel == null ? SignatureLevel.LTA : maxLevel);
        em.persist(seal);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CREATED, AuditEvent.Outcome.SUCCESS, name, null,
                "keys " + sealKeys + ", formats " + formats + " up to " + maxLevel));
        return seal;
    }

    /** The prefix of a personal certificate's seal: {@code person.alice} is Alice's. */
    public static final String PERSONAL = "person.";

    /** A personal certificate as issued: the seal its owner signs with, and the certificate. */
    public record PersonalCertificate(String seal, String owner, String subject, String serialNumber, Instant validTo) { }

    /**
     * Issues a person an advanced-signature certificate from Signet's CA, with a software key only that person may use
     * (seal {@code person.<user>}): after logging in, and with a one-time code when the person has an authenticator.
     * A certificate issued before is revoked (superseded) and the seal takes the new key.
     *
     * @param subject the certificate's subject, or {@code null} for "CN=<the person's full name from the directory, else the
     *                user name>,O=<the CA's organisation>"
     */
    public PersonalCertificate issuePersonalCertificate(String user, String subject) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_CREATED, null, "a personal certificate for '" + user + "'");
        Names.require("user name", user);
        SignetUser person = em.find(SignetUser.class, user);
        if (person == null || person.kind() != SignetUser.Kind.PERSON || !person.enabled()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a personal certificate is issued to an enabled person;"
                    + " '" + user + "' is " + (person == null ? "no user" : !person.enabled() ? "disabled" : "a process"));
        }
        String name = PERSONAL + user;
        if (name.length() > 64) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a personal certificate needs a user name of at most "
                    + (64 - PERSONAL.length()) + " characters");
        }
        if (!authority.exists()) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "this Signet has no CA of its own to certify a person");
        }
        Seal seal = em.find(Seal.class, name);
        if (seal != null && !user.equals(seal.owner())) {
            throw new SignetException(SignetException.Kind.CONFLICT, "seal '" + name + "' exists and is no personal certificate");
        }
        try {
            String certificateSubject = subject != null && !subject.isBlank() ? subject
                    : "CN=" + Rdn.escapeValue(person.fullName() == null ? user : person.fullName()) + ",O=" + authority.organisation();
            if (seal != null) {
                revokeIfValid(seal, CertificateAuthority.RevocationReason.SUPERSEDED, admin);
            }
            // a token per issue, named within its 64 characters: a new certificate never overwrites an old key store
            String token = "person-" + user.substring(0, Math.min(user.length(), 45)) + "-" + Long.toString(System.currentTimeMillis(), 36);
            KeyReference key = softwareKey(token, "person", certificateSubject, Duration.ofDays(730));
            if (seal == null) {
                seal = new Seal(name, "personal certificate of " + user, key, EnumSet.allOf(SignatureFormat.class), SignatureLevel.LTA);
                seal.own(user);
                em.persist(seal);
                em.persist(new SealAuthorisation(name, SealAuthorisation.PrincipalKind.USER, user));
            } else {
                seal.rekey(key);
            }
            seal.requireOneTimeCode(secondFactors.hasAuthenticator(user));
            X509Certificate certificate = keys.certificateChain(key).get(0);
            audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_CREATED, AuditEvent.Outcome.SUCCESS, name, null,
                    "personal certificate " + certificate.getSerialNumber().toString(16) + " for '" + user + "': "
                    + certificate.getSubjectX500Principal().getName() + (seal.requiresOneTimeCode() ? ", used with a one-time code" : "")));
            return new PersonalCertificate(name, user, certificate.getSubjectX500Principal().getName(),
                    certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the personal certificate of '" + user + "' could not be issued: "
                    + e.getMessage(), e);
        }
    }

    /** A new software key certified by Signet's CA, open for signing, with its usage counter. */
    private KeyReference softwareKey(String token, String alias, String subject, Duration validity)
            throws GeneralSecurityException, IOException {
        SigningToken issued = authority.issueSoftwareToken(token, alias, Certificates.Profile.SEAL, subject, validity);
        em.persist(issued);
        keys.open(issued);
        KeyReference key = new KeyReference(issued.name(), alias);
        // The counter exists before the first signatures race for it (a hot folder signs on several threads).
        usage.ensure(key);
        return key;
    }

    /** Revokes a person's personal certificate, if it has a valid one (the person was disabled or deleted). */
    public void revokePersonalCertificate(String user, CertificateAuthority.RevocationReason reason) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_REVOKED, null, "the personal certificate of '" + user + "'");
        Seal seal = em.find(Seal.class, PERSONAL + user);
        if (seal != null && user.equals(seal.owner())) {
            try {
                revokeIfValid(seal, reason, admin);
            } catch (GeneralSecurityException | IOException e) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the personal certificate of '" + user
                        + "' cannot be revoked: " + e.getMessage(), e);
            }
        }
    }

    private void revokeIfValid(Seal seal, CertificateAuthority.RevocationReason reason, String admin)
            throws GeneralSecurityException, IOException {
        X509Certificate certificate = keys.certificateChain(seal.key()).get(0);
        if (!authority.isRevoked(certificate)) {
            authority.revoke(certificate, reason);
            audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.SEAL_REVOKED, AuditEvent.Outcome.SUCCESS, seal.name(), null,
                    "certificate " + certificate.getSerialNumber().toString(16) + " revoked: " + reason));
        }
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

    /** The admin who may create the seal: its name is free and allowed, and it has formats. */
    private String requireNewSeal(String name, Set<SignatureFormat> formats) {
        String admin = requireAdmin(AuditEvent.Action.SEAL_CREATED, name, "seal '" + name + "'");
        Names.require("seal name", name);
        if (formats == null || formats.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal needs at least one format (PADES, CADES, XADES)");
        }
        if (seals.exists(name)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a seal named '" + name + "' exists already");
        }
        return admin;
    }

    private String requireAdmin(AuditEvent.Action action, String sealName, String what) {
        return AdminRole.require(session, audit, action, sealName, what);
    }
}
