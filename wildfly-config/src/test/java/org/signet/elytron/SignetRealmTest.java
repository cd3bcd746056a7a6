package org.signet.elytron;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.evidence.PasswordGuessEvidence;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignetRealmTest {

    private final Map<String, UserStore.User> users = new HashMap<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedPasswords verified = new VerifiedPasswords(300_000, 100, now::get);
    private final SignetRealm realm = new SignetRealm(new UserStore() {
        @Override
        public User find(String name) {
            return users.get(name);
        }

        @Override
        public Set<String> roles(String name) {
            return Set.of("signer", "admin");
        }
    }, verified);

    private static String bcrypt(String password) {
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), new byte[16], 4);
    }

    private boolean login(String name, String password) throws Exception {
        RealmIdentity identity = realm.getRealmIdentity(new NamePrincipal(name));
        return identity.verifyEvidence(new PasswordGuessEvidence(password.toCharArray()));
    }

    @Test
    void rightPasswordPassesWrongOneFailsAndUnknownOrDisabledUsersFail() throws Exception {
        users.put("alice", new UserStore.User("alice", bcrypt("alice-password"), true));
        users.put("bob", new UserStore.User("bob", bcrypt("bob-password"), false));
        assertTrue(login("alice", "alice-password"));
        assertFalse(login("alice", "alice-passwore"));
        assertFalse(login("bob", "bob-password"), "a disabled user must not log in");
        assertFalse(login("carol", "anything"));
        assertEquals(Set.of("signer", "admin"), Set.copyOf(realm.getRealmIdentity(new NamePrincipal("alice"))
                .getAuthorizationIdentity().getAttributes().get(SignetRealm.ROLES)));
    }

    @Test
    void aRememberedSuccessSkipsBcryptButOnlyForTheSameStoredHash() throws Exception {
        String hash = bcrypt("some-other-password");
        users.put("alice", new UserStore.User("alice", hash, true));
        // Planted memory: bcrypt would refuse this password, so passing proves the memory was used.
        verified.remember("alice", hash, "remembered-password".toCharArray());
        assertTrue(login("alice", "remembered-password"));

        users.put("alice", new UserStore.User("alice", bcrypt("new-password"), true));
        assertFalse(login("alice", "remembered-password"), "a changed hash must not match a remembered password");
        assertTrue(login("alice", "new-password"));
    }

    @Test
    void memoryExpiresAndNeverHoldsFailures() throws Exception {
        users.put("alice", new UserStore.User("alice", bcrypt("alice-password"), true));
        assertFalse(login("alice", "guess"));
        assertFalse(verified.remembers("alice", users.get("alice").passwordHash(), "guess".toCharArray()));

        assertTrue(login("alice", "alice-password"));
        assertTrue(verified.remembers("alice", users.get("alice").passwordHash(), "alice-password".toCharArray()));
        now.addAndGet(300_001);
        assertFalse(verified.remembers("alice", users.get("alice").passwordHash(), "alice-password".toCharArray()));
    }

    @Test
    void zeroLifetimeRemembersNothing() {
        VerifiedPasswords off = new VerifiedPasswords(0, 100, now::get);
        off.remember("alice", "hash", "pw".toCharArray());
        assertFalse(off.remembers("alice", "hash", "pw".toCharArray()));
    }
}
