package org.signet.elytron;

import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.realm.ldap.AttributeMapping;
import org.wildfly.security.auth.realm.ldap.DirContextFactory;
import org.wildfly.security.auth.realm.ldap.LdapSecurityRealmBuilder;
import org.wildfly.security.auth.realm.ldap.SimpleDirContextFactoryBuilder;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityRealm;
import org.wildfly.security.authz.Attributes;
import org.wildfly.security.evidence.PasswordGuessEvidence;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * The organisation's LDAP directory (OpenLDAP, Active Directory): people whose name Signet does not keep a password for
 * log in with their directory password, checked by Elytron's LDAP realm with a bind as the person's entry (direct
 * verification: the directory, not Signet, decides, and refuses a disabled or deleted account). The entry found also
 * gives the person's e-mail address, full name ({@code cn}; AD: displayName) and the groups it is a member of
 * ({@code memberOf}), as distinguished names.
 * <p>
 * The entry is searched under {@code ldap-user-base} by {@code ldap-user-attribute} (uid, or sAMAccountName for Active
 * Directory), bound as {@code ldap-bind-dn} with the password kept in the server's credential store (anonymously
 * without a bind DN). Plain {@code ldap://} only to a loopback address: passwords must not cross a network in clear.
 */
final class Directory {

    /** A person the directory knows and whose password it accepted: mail address and full name (or null), groups. */
    record Entry(String mail, String fullName, List<LdapName> groups) { }

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());
    private static final String MAIL = "mail";
    private static final String FULL_NAME = "fullName";
    private static final String GROUPS = "groups";
    private static final long QUIET_MILLIS = 60_000;
    static final int GROUP_NESTING = 5;

    private final String url;
    private final String userBase;
    private final String userAttribute;
    private final String mailAttribute;
    private final String nameAttribute;
    private final String groupAttribute;
    /** Where groups naming their members lie (groupOfNames), or null: only the person's own group attribute counts. */
    private final String groupBase;
    private final String bindDn;
    private final Supplier<char[]> bindPassword;
    private final LongSupplier clock;
    /** Guarded by this: the realm, and the bind password it was built with. */
    private SecurityRealm realm;
    private char[] realmPassword;
    private volatile long lastComplaint = Long.MIN_VALUE / 2;

    Directory(String url, String userBase, String userAttribute, String mailAttribute, String nameAttribute, String groupAttribute,
              String groupBase, String bindDn, Supplier<char[]> bindPassword, LongSupplier clock) {
        this.url = url;
        this.userBase = userBase;
        this.userAttribute = userAttribute;
        this.mailAttribute = mailAttribute;
        this.nameAttribute = nameAttribute;
        this.groupAttribute = groupAttribute;
        this.groupBase = groupBase;
        this.bindDn = bindDn;
        this.bindPassword = bindPassword;
        this.clock = clock;
    }

    /** From the realm's configuration: none when {@code ldap-url} is empty; checked here, so that a mistake stops the start. */
    static Directory configured(Map<String, String> configuration, Supplier<char[]> bindPassword) {
        String url = blankless(configuration.get("ldap-url"));
        String userBase = blankless(configuration.get("ldap-user-base"));
        String bindDn = blankless(configuration.get("ldap-bind-dn"));
        String groupBase = blankless(configuration.get("ldap-group-base"));
        if (url == null) {
            if (userBase != null || bindDn != null || groupBase != null) {
                throw new IllegalArgumentException("SignetRealm: ldap-user-base, ldap-bind-dn and ldap-group-base need ldap-url (signet.ldap.url)");
            }
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SignetRealm: ldap-url '" + url + "' is not a URL");
        }
        if (uri.getHost() == null || !"ldaps".equals(uri.getScheme()) && !("ldap".equals(uri.getScheme()) && OpenIdTokens.loopback(uri.getHost()))) {
            throw new IllegalArgumentException("SignetRealm: ldap-url must be an ldaps:// URL (plain ldap:// only to a loopback address), not '"
                    + url + "'");
        }
        if (userBase == null) {
            throw new IllegalArgumentException("SignetRealm: a directory at " + url + " needs ldap-user-base (signet.ldap.user-base), where people's entries lie");
        }
        distinguished("ldap-user-base", userBase);
        if (bindDn != null) {
            distinguished("ldap-bind-dn", bindDn);
        }
        if (groupBase != null) {
            distinguished("ldap-group-base", groupBase);
        }
        return new Directory(url, userBase, attribute(configuration, "ldap-user-attribute", "uid"),
                attribute(configuration, "ldap-mail-attribute", MAIL), attribute(configuration, "ldap-name-attribute", "cn"),
                attribute(configuration, "ldap-group-attribute", "memberOf"), groupBase,
                bindDn, bindPassword, System::currentTimeMillis);
    }

    private static void distinguished(String key, String value) {
        try {
            new LdapName(value);
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("SignetRealm: " + key + " '" + value + "' is not a distinguished name");
        }
    }

    private static String attribute(Map<String, String> configuration, String key, String fallback) {
        String value = blankless(configuration.get(key));
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("SignetRealm: " + key + " must be an LDAP attribute name, not '" + value + "'");
        }
        return value;
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The person's entry if the directory knows the name and accepts the password; null otherwise, also when the
     * directory cannot be reached (logged, at most once a minute, without the password).
     */
    Entry login(String name, char[] password) {
        if (password.length == 0) {
            return null; // an LDAP bind without a password is an anonymous bind, which "succeeds"
        }
        RealmIdentity identity = null;
        try {
            identity = realm().getRealmIdentity(new NamePrincipal(name));
            if (!identity.exists() || !identity.verifyEvidence(new PasswordGuessEvidence(password.clone()))) {
                return null;
            }
            Attributes attributes = identity.getAuthorizationIdentity().getAttributes();
            String mail = first(attributes, MAIL);
            String fullName = first(attributes, FULL_NAME);
            List<LdapName> groups = new ArrayList<>();
            if (attributes.containsKey(GROUPS)) {
                for (String group : attributes.get(GROUPS)) {
                    try {
                        groups.add(new LdapName(group));
                    } catch (InvalidNameException e) {
                        // not a group Signet could mirror
                    }
                }
            }
            return new Entry(mail, fullName, groups);
        } catch (RealmUnavailableException | RuntimeException e) {
            long now = clock.getAsLong();
            if (now - lastComplaint > QUIET_MILLIS) {
                lastComplaint = now;
                LOG.warning("Signet cannot ask the directory at " + url + " about '" + name + "' (refused as a wrong password): " + e);
            }
            return null;
        } finally {
            if (identity != null) {
                identity.dispose();
            }
        }
    }

    private static String first(Attributes attributes, String name) {
        return attributes.containsKey(name) && !attributes.get(name).isEmpty() && !attributes.get(name).get(0).isBlank()
                ? attributes.get(name).get(0).strip() : null;
    }

    /**
     * The LDAP realm bound with the credential store's bind password as it is now: a password the admin changed in
     * the store (after changing it in the directory) is used from the next login on, without a restart.
     */
    private SecurityRealm realm() {
        char[] password = bindDn == null ? null : bindPassword.get();
        synchronized (this) {
            if (realm == null || !Arrays.equals(password, realmPassword)) {
                realm = build(password);
                if (realmPassword != null) {
                    Arrays.fill(realmPassword, '\0');
                }
                realmPassword = password;
            } else if (password != null) {
                Arrays.fill(password, '\0');
            }
            return realm;
        }
    }

    private SecurityRealm build(char[] password) {
        SimpleDirContextFactoryBuilder contexts = SimpleDirContextFactoryBuilder.builder().setProviderUrl(url)
                .setConnectTimeout(5_000).setReadTimeout(15_000);
        if (bindDn != null) {
            contexts.setSecurityPrincipal(bindDn).setSecurityCredential(new String(password));
        }
        DirContextFactory factory = contexts.build();
        List<AttributeMapping> mappings = new ArrayList<>(List.of(AttributeMapping.fromIdentity().from(mailAttribute).to(MAIL).build(),
                AttributeMapping.fromIdentity().from(nameAttribute).to(FULL_NAME).build(),
                AttributeMapping.fromIdentity().from(groupAttribute).to(GROUPS).build()));
        if (groupBase != null) {
            // the groups that name the person as a member, and the groups that name those, up to GROUP_NESTING deep
            mappings.add(AttributeMapping.fromFilter("(member={1})").searchDn(groupBase).searchRecursively(true)
                    .roleRecursion(GROUP_NESTING).to(GROUPS).build());
        }
        return LdapSecurityRealmBuilder.builder()
                .setDirContextSupplier(() -> factory.obtainDirContext(DirContextFactory.ReferralMode.IGNORE))
                .identityMapping().setSearchDn(userBase).searchRecursive().setRdnIdentifier(userAttribute)
                .map(mappings.toArray(AttributeMapping[]::new))
                .build()
                .addDirectEvidenceVerification(false)
                .build();
    }
}
