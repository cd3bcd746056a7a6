package org.signet.admin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.outbox.Outbox;
import org.signet.model.Names;
import org.signet.model.SignetException;
import org.signet.pki.CertificateAuthority;
import org.signet.seal.SealAuthorisation;
import org.signet.security.AdminRole;
import org.signet.security.PasswordHash;
import org.signet.security.AccessTokens;
import org.signet.security.SecondFactors;
import org.signet.security.CertificateSubject;
import org.signet.security.DirectoryProbe;
import org.signet.security.SignetGroup;
import org.signet.security.SignetUser;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * Users (people and processes) with their passwords and roles, and groups of them. Admin role only, checked here rather
 * than with {@code @RolesAllowed}, so that a refused attempt is audited and answered like every other refusal.
 * <p>
 * Signet's realm reads the user on every request, and {@link org.signet.seal.SealDirectory} on every use of a seal:
 * disabling a user, taking it out of a group or withdrawing an authorisation holds from the next request on.
 */
@Stateless
@PermitAll
@DeclareRoles(AdminRole.NAME)
public class UserAdministration {

    public static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * A user as an admin sees it: never its password or hash, only whether the directory checks its password, and the
     * full name the directory gave (none: not from the directory, or none given).
     */
    public record User(String name, String fullName, SignetUser.Kind kind, boolean enabled, Set<String> roles, Set<String> groups, boolean authenticator,
                       String clientCertificate, String clientCertificateSubject, String email, boolean fromDirectory) { }

    public record Group(String name, String description, Set<String> members, Set<String> roles, String directoryGroup) { }

    /** The organisation's directory as the admin pages show it: whether it answers, and what Signet took from it. */
    public record Directory(DirectoryProbe.Status status, long people, long mirroringGroups) { }

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;
    @EJB
    private SecondFactors secondFactors;
    @EJB
    private AccessTokens accessTokens;
    @EJB
    private SealAdministration sealAdministration;

    /**
     * Creates the user, or changes the kind, password, roles and e-mail address of an existing one; what is {@code null}
     * stays as it is (a new user: a person, with no roles and no address), an empty address removes it.
     *
     * @return the password Signet made for a new process given none (shown this once), else {@code null}
     */
    public String putUser(String name, String kind, char[] password, Set<String> roles, String email) {
        String admin = requireAdmin(AuditEvent.Action.USER_CHANGED, "user '" + name + "'");
        Names.require("user name", name);
        if (roles != null) {
            roles.forEach(role -> Names.require("role", role));
        }
        SignetUser user = em.find(SignetUser.class, name);
        SignetUser.Kind wanted = kind == null ? (user == null ? SignetUser.Kind.PERSON : user.kind()) : kind(kind);
        String made = null;
        if (password == null && user == null && wanted == SignetUser.Kind.PROCESS) {
            made = newProcessPassword();
            password = made.toCharArray();
        }
        if (password == null && user == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a new person needs a password of at least "
                    + MIN_PASSWORD_LENGTH + " characters (for a process Signet makes one when none is given)");
        }
        String hash = null;
        if (password != null) {
            if (password.length < MIN_PASSWORD_LENGTH) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT,
                        "the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            hash = PasswordHash.of(password);
        }
        String address = email == null || email.isBlank() ? null : Outbox.checkedAddress(email);
        if (user == null) {
            user = new SignetUser(name, wanted, hash, roles == null ? Set.of() : roles);
            user.changeEmail(address);
            em.persist(user);
        } else {
            user.changeKind(wanted);
            if (hash != null) {
                user.changePassword(hash);
            }
            if (roles != null) {
                user.replaceRoles(roles);
            }
            if (email != null) {
                user.changeEmail(address);
            }
        }
        record(admin, wanted.name().toLowerCase(Locale.ROOT) + " '" + name + "' with roles " + new TreeSet<>(user.roles())
                + (hash == null ? "" : made != null ? ", password made by Signet" : ", password set")
                + (email == null ? "" : address == null ? ", no e-mail address" : ", e-mail " + address));
        return made;
    }

    /**
     * Enables or disables a user; a disabled user logs in no more, the hot folders running as it sign nothing, and its
     * personal certificate is revoked (enabled again, it needs a new one).
     */
    public void setEnabled(String name, boolean enabled) {
        String admin = requireAdmin(AuditEvent.Action.USER_CHANGED, (enabled ? "enable" : "disable") + " user '" + name + "'");
        SignetUser user = existingUser(name);
        if (!enabled && name.equals(admin)) {
            throw new SignetException(SignetException.Kind.CONFLICT, "an admin cannot disable itself; another admin does");
        }
        user.enable(enabled);
        if (!enabled) {
            sealAdministration.revokePersonalCertificate(name, CertificateAuthority.RevocationReason.AFFILIATION_CHANGED);
            accessTokens.revokeAll(name);
        }
        record(admin, "user '" + name + "' " + (enabled ? "enabled" : "disabled"));
    }

    /**
     * The TLS client certificate that logs in as the user (PEM or DER; its SHA-256 fingerprint is kept, nothing else),
     * or, {@code bySubject}, every certificate with its subject from its issuer (renewals with new keys too); none
     * ({@code null}) removes both. It must be valid now; that its issuer is one the HTTPS listener trusts is the
     * listener's check at each handshake. One certificate, or one subject of one issuer, names one user. Answers the
     * fingerprint, or the subject and issuer.
     */
    public String setClientCertificate(String name, byte[] certificate, boolean bySubject) {
        String admin = requireAdmin(AuditEvent.Action.USER_CHANGED, "set the client certificate of user '" + name + "'");
        SignetUser user = existingUser(name);
        if (certificate == null || certificate.length == 0) {
            user.pinClientCertificate(null);
            user.pinClientSubject(null, null);
            record(admin, "user '" + name + "' logs in with no client certificate");
            return null;
        }
        X509Certificate parsed;
        String fingerprint;
        try {
            Collection<? extends Certificate> given = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificate));
            if (given.size() != 1) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "give one client certificate, not " + given.size());
            }
            parsed = (X509Certificate) given.iterator().next();
            parsed.checkValidity();
            fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(parsed.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "not a valid X.509 certificate (PEM or DER): " + e.getMessage());
        }
        if (bySubject) {
            String key = CertificateSubject.key(parsed);
            if (parsed.getSubjectX500Principal().getName().isEmpty()) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the certificate has an empty subject: register it by its fingerprint");
            }
            List<String> holders = em.createQuery("SELECT u.name FROM SignetUser u WHERE u.clientSubject = :key", String.class)
                    .setParameter("key", key).getResultList();
            if (!holders.isEmpty() && !holders.equals(List.of(name))) {
                throw new SignetException(SignetException.Kind.CONFLICT, "certificates with this subject and issuer already log in as user '"
                        + holders.get(0) + "'");
            }
            String shown = CertificateSubject.shown(parsed);
            user.pinClientSubject(key, shown.length() > 2048 ? shown.substring(0, 2048) : shown);
            record(admin, "user '" + name + "' logs in with every client certificate of " + shown);
            return shown;
        }
        List<String> holders = em.createQuery("SELECT u.name FROM SignetUser u WHERE u.clientCertificate = :fingerprint", String.class)
                .setParameter("fingerprint", fingerprint).getResultList();
        if (!holders.isEmpty() && !holders.equals(List.of(name))) {
            throw new SignetException(SignetException.Kind.CONFLICT, "this certificate already logs in as user '" + holders.get(0) + "'");
        }
        user.pinClientCertificate(fingerprint);
        record(admin, "user '" + name + "' logs in with the client certificate " + parsed.getSubjectX500Principal().getName()
                + " (SHA-256 " + fingerprint + ")");
        return fingerprint;
    }

    /**
     * Removes a user with its group memberships, its own seal authorisations and its authenticator, and revokes its personal
     * certificate; its audit events stay.
     * A user a hot folder runs as stays until the hot folder is removed or runs as another user.
     */
    public void deleteUser(String name) {
        String admin = requireAdmin(AuditEvent.Action.USER_CHANGED, "delete user '" + name + "'");
        SignetUser user = existingUser(name);
        if (name.equals(admin)) {
            throw new SignetException(SignetException.Kind.CONFLICT, "an admin cannot delete itself; another admin does");
        }
        List<String> folders = em.createQuery("SELECT f.name FROM HotFolder f WHERE f.runAs = :user ORDER BY f.name", String.class)
                .setParameter("user", name).getResultList();
        if (!folders.isEmpty()) {
            throw new SignetException(SignetException.Kind.CONFLICT, "hot folders " + folders + " run as user '" + name
                    + "'; remove them or let them run as another user first (or disable the user)");
        }
        for (SignetGroup group : em.createQuery("SELECT g FROM SignetGroup g JOIN g.members m WHERE m = :user", SignetGroup.class)
                .setParameter("user", name).getResultList()) {
            group.remove(name);
        }
        em.createQuery("DELETE FROM SealAuthorisation a WHERE a.principalKind = :kind AND a.principalName = :user")
                .setParameter("kind", SealAuthorisation.PrincipalKind.USER).setParameter("user", name).executeUpdate();
        secondFactors.forget(name);
        accessTokens.revokeAll(name);
        sealAdministration.revokePersonalCertificate(name, CertificateAuthority.RevocationReason.AFFILIATION_CHANGED);
        em.remove(user);
        record(admin, "user '" + name + "' deleted");
    }

    public List<User> listUsers() {
        requireAdmin(AuditEvent.Action.USER_CHANGED, "list the users");
        Map<String, Set<String>> groups = new HashMap<>();
        for (SignetGroup group : em.createQuery("SELECT g FROM SignetGroup g", SignetGroup.class).getResultList()) {
            group.members().forEach(member -> groups.computeIfAbsent(member, m -> new TreeSet<>()).add(group.name()));
        }
        Set<String> authenticators = Set.copyOf(em.createQuery("SELECT t.user FROM TotpEnrolment t WHERE t.confirmed = 1", String.class)
                .getResultList());
        return em.createQuery("SELECT u FROM SignetUser u ORDER BY u.name", SignetUser.class).getResultList().stream()
                .map(u -> new User(u.name(), u.fullName(), u.kind(), u.enabled(), new TreeSet<>(u.roles()), groups.getOrDefault(u.name(), Set.of()),
                        authenticators.contains(u.name()), u.clientCertificate(), u.clientSubjectName(), u.email(), u.fromDirectory()))
                .toList();
    }

    /**
     * Creates the group or replaces its description, members (existing users), roles and the directory group it mirrors
     * (a distinguished name; blank: none); {@code null} leaves them as they are.
     */
    public void putGroup(String name, String description, Set<String> members, Set<String> roles, String directoryGroup) {
        String admin = requireAdmin(AuditEvent.Action.GROUP_CHANGED, "group '" + name + "'");
        Names.require("group name", name);
        if (roles != null) {
            roles.forEach(role -> Names.require("role", role));
        }
        if (members != null) {
            members.forEach(this::existingUser);
        }
        if (description != null && description.length() > 255) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a group's description has at most 255 characters");
        }
        String mirrored = directoryGroup == null || directoryGroup.isBlank() ? null : directoryGroup.strip();
        if (mirrored != null) {
            try {
                if (mirrored.length() > 1024 || new LdapName(mirrored).isEmpty()) {
                    throw new InvalidNameException();
                }
            } catch (InvalidNameException e) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the directory group '" + mirrored
                        + "' is not a distinguished name of at most 1024 characters (such as cn=signers,ou=groups,dc=example,dc=org)");
            }
        }
        SignetGroup group = em.find(SignetGroup.class, name);
        if (group == null) {
            group = new SignetGroup(name);
            em.persist(group);
        }
        if (description != null) {
            group.describe(description.isBlank() ? null : description.strip());
        }
        if (members != null) {
            group.replaceMembers(members);
        }
        if (roles != null) {
            group.replaceRoles(roles);
        }
        if (directoryGroup != null) {
            group.mirror(mirrored);
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.GROUP_CHANGED, AuditEvent.Outcome.SUCCESS, null, null,
                "group '" + name + "' with members " + new TreeSet<>(group.members()) + " and roles " + new TreeSet<>(group.roles())
                        + (group.directoryGroup() == null ? "" : ", mirroring the directory group " + group.directoryGroup())));
    }

    /** Adds a user to a group, or takes it out. */
    public void setMember(String groupName, String user, boolean member) {
        String admin = requireAdmin(AuditEvent.Action.GROUP_CHANGED, (member ? "add '" : "remove '") + user + "' to group '" + groupName + "'");
        SignetGroup group = existingGroup(groupName);
        if (member) {
            existingUser(user);
            group.add(user);
        } else if (!group.remove(user)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "user '" + user + "' is not a member of group '" + groupName + "'");
        }
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.GROUP_CHANGED, AuditEvent.Outcome.SUCCESS, null, null,
                "user '" + user + "' " + (member ? "added to" : "removed from") + " group '" + groupName + "'"));
    }

    /** Removes a group and the seal authorisations given to it; its members stay. */
    public void deleteGroup(String name) {
        String admin = requireAdmin(AuditEvent.Action.GROUP_CHANGED, "delete group '" + name + "'");
        SignetGroup group = existingGroup(name);
        em.createQuery("DELETE FROM SealAuthorisation a WHERE a.principalKind = :kind AND a.principalName = :group")
                .setParameter("kind", SealAuthorisation.PrincipalKind.GROUP).setParameter("group", name).executeUpdate();
        em.remove(group);
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.GROUP_CHANGED, AuditEvent.Outcome.SUCCESS, null, null,
                "group '" + name + "' deleted"));
    }

    /** The directory named by {@code signet.ldap.url}, asked now (an anonymous bind, at most 3 s), and what Signet took from it. */
    // No transaction: a silent directory must not hold one (and a pooled connection) for the probe's seconds.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Directory directory() {
        requireAdmin(AuditEvent.Action.GROUP_CHANGED, "look at the directory");
        DirectoryProbe.Status status = DirectoryProbe.configured(3_000);
        long people = em.createQuery("SELECT COUNT(u) FROM SignetUser u WHERE u.passwordHash = :marker", Long.class)
                .setParameter("marker", SignetUser.FROM_DIRECTORY).getSingleResult();
        long groups = em.createQuery("SELECT COUNT(g) FROM SignetGroup g WHERE g.directoryGroup IS NOT NULL", Long.class).getSingleResult();
        return new Directory(status, people, groups);
    }

    public List<Group> listGroups() {
        requireAdmin(AuditEvent.Action.GROUP_CHANGED, "list the groups");
        return em.createQuery("SELECT g FROM SignetGroup g ORDER BY g.name", SignetGroup.class).getResultList().stream()
                .map(g -> new Group(g.name(), g.description(), new TreeSet<>(g.members()), new TreeSet<>(g.roles()), g.directoryGroup()))
                .toList();
    }

    private static SignetUser.Kind kind(String kind) {
        try {
            return SignetUser.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a user is a 'person' or a 'process', not '" + kind + "'");
        }
    }

    /** 192 random bits: a process keeps it in its configuration, nobody types it. */
    private static String newProcessPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } finally {
            Arrays.fill(random, (byte) 0);
        }
    }

    private SignetUser existingUser(String name) {
        Names.require("user name", name);
        SignetUser user = em.find(SignetUser.class, name);
        if (user == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "there is no user named '" + name + "'");
        }
        return user;
    }

    private SignetGroup existingGroup(String name) {
        Names.require("group name", name);
        SignetGroup group = em.find(SignetGroup.class, name);
        if (group == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "there is no group named '" + name + "'");
        }
        return group;
    }

    private void record(String admin, String detail) {
        audit.record(new AuditEvent(Instant.now(), admin, AuditEvent.Action.USER_CHANGED, AuditEvent.Outcome.SUCCESS, null, null, detail));
    }

    private String requireAdmin(AuditEvent.Action action, String what) {
        return AdminRole.require(session, audit, action, null, what);
    }
}
