package org.signet.elytron;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.evidence.PasswordGuessEvidence;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.naming.ldap.LdapName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real LDAP server (UnboundID's in-memory directory on a loopback port), through Elytron's LDAP realm. */
class DirectoryTest {

    private static InMemoryDirectoryServer server;

    @BeforeAll
    static void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        config.setSchema(null); // memberOf is kept as the LDIF gives it, as Active Directory and slapd's overlay would
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        server = new InMemoryDirectoryServer(config);
        server.importFromLDIF(true, DirectoryTest.class.getResource("/directory.ldif").getPath());
        server.startListening();
    }

    @AfterAll
    static void stop() {
        server.shutDown(true);
    }

    private static Directory directory(String bindDn, String bindPassword) {
        return new Directory("ldap://127.0.0.1:" + server.getListenPort(), "ou=people,dc=example,dc=org", "uid", "mail", "cn", "memberOf",
                null, bindDn, bindPassword::toCharArray, System::currentTimeMillis);
    }

    @Test
    void theDirectoryChecksThePasswordAndGivesTheMailAndTheGroups() throws Exception {
        Directory directory = directory("cn=signet,ou=services,dc=example,dc=org", "bind-secret-1");
        Directory.Entry alice = directory.login("alice", "alice-secret-1".toCharArray());
        assertEquals("alice@example.org", alice.mail());
        assertEquals("Alice Example", alice.fullName());
        assertEquals(List.of(new LdapName("cn=signers,ou=groups,dc=example,dc=org"), new LdapName("cn=auditors,ou=groups,dc=example,dc=org")),
                alice.groups()); // distinguished names compare without regard to case or spacing
        Directory.Entry bob = directory.login("bob", "bob-secret-1".toCharArray());
        assertNull(bob.mail());
        assertTrue(bob.groups().isEmpty());

        assertNull(directory.login("alice", "bob-secret-1".toCharArray()));
        assertNull(directory.login("alice", new char[0]), "an empty password would be an anonymous bind");
        assertNull(directory.login("carol", "alice-secret-1".toCharArray()));
        assertNull(directory.login("*", "alice-secret-1".toCharArray()));
    }

    @Test
    void aWrongBindPasswordOrAnUnreachableDirectoryRefusesEveryone() {
        assertNull(directory("cn=signet,ou=services,dc=example,dc=org", "wrong").login("alice", "alice-secret-1".toCharArray()));
        Directory gone = new Directory("ldap://127.0.0.1:1", "ou=people,dc=example,dc=org", "uid", "mail", "cn", "memberOf", null, null,
                () -> new char[0], System::currentTimeMillis);
        assertNull(gone.login("alice", "alice-secret-1".toCharArray()));
    }

    @Test
    void theRealmEntersDirectoryPeopleButNeverLetsTheDirectoryTakeOverASignetPassword() throws Exception {
        Map<String, UserStore.User> users = new HashMap<>();
        List<String> entered = new ArrayList<>();
        users.put("bob", new UserStore.User("bob", OpenBSDBCrypt.generate("2a", "local-password".toCharArray(), new byte[16], 4), true));
        users.put("carol", new UserStore.User("carol", UserStore.FROM_DIRECTORY, false));
        UserStore store = new UserStore() {
            @Override
            public User find(String name) {
                return users.get(name);
            }

            @Override
            public Set<String> roles(String name) {
                return Set.of();
            }

            @Override
            public String tokenHolder(String tokenSha256, Instant now) {
                return null;
            }

            @Override
            public void enterDirectoryPerson(String name, String mail, String fullName, List<LdapName> groups) {
                entered.add(name + " " + mail + " " + fullName + " " + groups.size());
                users.putIfAbsent(name, new User(name, FROM_DIRECTORY, true));
            }
        };
        AtomicLong now = new AtomicLong();
        List<String> checkedHashes = new ArrayList<>();
        SignetRealm realm = new SignetRealm(store, new VerifiedPasswords(300_000, 10, now::get),
                new FailedLogins(5, 60_000, FailedLogins.LONGEST_LOCK, 100, now::get), (hash, password) -> {
                    checkedHashes.add(hash);
                    return OpenBSDBCrypt.checkPassword(hash, password);
                }, null,
                directory("cn=signet,ou=services,dc=example,dc=org", "bind-secret-1"));

        RealmIdentity alice = realm.getRealmIdentity(new NamePrincipal("alice"));
        assertFalse(alice.exists());
        assertTrue(alice.verifyEvidence(new PasswordGuessEvidence("alice-secret-1".toCharArray())));
        assertTrue(alice.exists());
        assertEquals(List.of("alice alice@example.org Alice Example 2"), entered);
        assertTrue(checkedHashes.isEmpty(), "the directory, not a bcrypt hash, checked alice's password");
        assertFalse(realm.getRealmIdentity(new NamePrincipal("alice")).verifyEvidence(new PasswordGuessEvidence("wrong".toCharArray())));
        assertFalse(realm.getRealmIdentity(new NamePrincipal("nobody")).verifyEvidence(new PasswordGuessEvidence("wrong".toCharArray())));
        assertEquals(2, checkedHashes.size(), "a refusal by the directory costs what a refusal by Signet's hash costs");

        // bob has a password in Signet: the directory's is not asked for
        assertFalse(realm.getRealmIdentity(new NamePrincipal("bob")).verifyEvidence(new PasswordGuessEvidence("bob-secret-1".toCharArray())));
        assertTrue(realm.getRealmIdentity(new NamePrincipal("bob")).verifyEvidence(new PasswordGuessEvidence("local-password".toCharArray())));
        // disabled in Signet, whatever the directory says (carol is not in it either)
        assertFalse(realm.getRealmIdentity(new NamePrincipal("carol")).verifyEvidence(new PasswordGuessEvidence("x".toCharArray())));
        assertEquals(1, entered.size());
    }

    @Test
    void withAGroupBaseTheGroupsNamingThePersonCountAndTheGroupsNamingThose() throws Exception {
        Directory directory = new Directory("ldap://127.0.0.1:" + server.getListenPort(), "ou=people,dc=example,dc=org", "uid", "mail",
                "cn", "memberOf", "ou=groups,dc=example,dc=org", "cn=signet,ou=services,dc=example,dc=org",
                "bind-secret-1"::toCharArray, System::currentTimeMillis);
        List<LdapName> bobs = directory.login("bob", "bob-secret-1".toCharArray()).groups();
        assertEquals(Set.of(new LdapName("cn=clerks,ou=groups,dc=example,dc=org"), new LdapName("cn=office,ou=groups,dc=example,dc=org"),
                new LdapName("cn=building,ou=groups,dc=example,dc=org")), Set.copyOf(bobs), "a member of clerks, which is in office, in building");
        List<LdapName> alices = directory.login("alice", "alice-secret-1".toCharArray()).groups();
        assertEquals(Set.of(new LdapName("cn=signers,ou=groups,dc=example,dc=org"), new LdapName("cn=auditors,ou=groups,dc=example,dc=org")),
                Set.copyOf(alices), "memberOf still counts; a group naming someone else does not");
    }

    @Test
    void aBindPasswordChangedInTheCredentialStoreIsUsedFromTheNextLoginOn() throws Exception {
        String bindDn = "cn=signet,ou=services,dc=example,dc=org";
        AtomicReference<String> stored = new AtomicReference<>("bind-secret-1");
        Directory directory = new Directory("ldap://127.0.0.1:" + server.getListenPort(), "ou=people,dc=example,dc=org", "uid", "mail",
                "cn", "memberOf", null, bindDn, () -> stored.get().toCharArray(), System::currentTimeMillis);
        assertEquals("alice@example.org", directory.login("alice", "alice-secret-1".toCharArray()).mail());
        try {
            server.modify(bindDn, new Modification(ModificationType.REPLACE, "userPassword", "bind-secret-2"));
            assertNull(directory.login("alice", "alice-secret-1".toCharArray()), "the directory refuses the old bind password");
            stored.set("bind-secret-2"); // what /subsystem=elytron/credential-store=signet:set-secret does
            assertEquals("alice@example.org", directory.login("alice", "alice-secret-1".toCharArray()).mail());
        } finally {
            server.modify(bindDn, new Modification(ModificationType.REPLACE, "userPassword", "bind-secret-1"));
        }
    }

    @Test
    void anAnonymousSearchFindsPeopleToo() {
        assertEquals("alice@example.org", directory(null, "").login("alice", "alice-secret-1".toCharArray()).mail());
    }

    @Test
    void theConfigurationIsCheckedAtStart() {
        assertNull(Directory.configured(Map.of("ldap-url", " "), () -> new char[0]));
        assertThrows(IllegalArgumentException.class, () -> Directory.configured(Map.of("ldap-user-base", "ou=people"), () -> new char[0]));
        assertThrows(IllegalArgumentException.class, () -> Directory.configured(Map.of("ldap-group-base", "ou=groups"), () -> new char[0]));
        assertThrows(IllegalArgumentException.class, () -> Directory.configured(Map.of("ldap-url", "ldaps://directory.example.org",
                "ldap-user-base", "ou=people,dc=example,dc=org", "ldap-group-base", "groups"), () -> new char[0]));
        assertThrows(IllegalArgumentException.class, () -> Directory.configured(
                Map.of("ldap-url", "ldap://directory.example.org", "ldap-user-base", "ou=people,dc=example,dc=org"), () -> new char[0]),
                "passwords in clear beyond this machine");
        assertThrows(IllegalArgumentException.class, () -> Directory.configured(Map.of("ldap-url", "ldaps://directory.example.org"), () -> new char[0]));
        assertThrows(IllegalArgumentException.class, () -> Directory.configured(
                Map.of("ldap-url", "ldaps://directory.example.org", "ldap-user-base", "not a dn"), () -> new char[0]));
        assertThrows(IllegalArgumentException.class, () -> Directory.configured(
                Map.of("ldap-url", "ldaps://directory.example.org", "ldap-user-base", "ou=people,dc=example,dc=org",
                        "ldap-user-attribute", "uid)(x=*"), () -> new char[0]));
        assertTrue(Directory.configured(Map.of("ldap-url", "ldaps://directory.example.org:636", "ldap-user-base", "ou=people,dc=example,dc=org",
                "ldap-bind-dn", "cn=signet,ou=services,dc=example,dc=org"), () -> new char[0]) != null);
    }
}
