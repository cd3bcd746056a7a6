package org.signet.elytron;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.evidence.BearerTokenEvidence;
import org.wildfly.security.evidence.PasswordGuessEvidence;
import org.wildfly.security.evidence.X509PeerCertificateChainEvidence;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignetRealmTest {

    private final Map<String, UserStore.User> users = new HashMap<>();
    /** Unexpired tokens by SHA-256 (hex), as the store would find them. */
    private final Map<String, String> tokens = new HashMap<>();
    /** Registered client certificates by SHA-256 fingerprint (hex). */
    private final Map<String, String> certificates = new HashMap<>();
    /** Users whose certificates are those of a subject from an issuer, by SignetRealm.subjectKey. */
    private final Map<String, String> subjects = new HashMap<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedPasswords verified = new VerifiedPasswords(300_000, 100, now::get);
    private final FailedLogins failures = new FailedLogins(5, 60_000, FailedLogins.LONGEST_LOCK, 100, now::get);
    private final List<String> checkedHashes = new ArrayList<>();
    private final UserStore store = new UserStore() {
        @Override
        public User find(String name) {
            return users.get(name);
        }

        @Override
        public Set<String> roles(String name) {
            return Set.of("signer", "admin");
        }

        @Override
        public String tokenHolder(String tokenSha256, Instant at) {
            return tokens.get(tokenSha256);
        }

        @Override
        public String certificateHolder(String certificateSha256) {
            return certificates.get(certificateSha256);
        }

        @Override
        public String subjectHolder(String subjectKey) {
            return subjects.get(subjectKey);
        }
    };
    private final SignetRealm realm = new SignetRealm(store, verified, failures, (hash, password) -> {
        checkedHashes.add(hash);
        return OpenBSDBCrypt.checkPassword(hash, password);
    }, null, null);

    private static String bcrypt(String password) {
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), new byte[16], 4);
    }

    /** Signet's own cost (PasswordHash), for the timing comparison. */
    private static String signetHash(String password) {
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), new byte[16], 10);
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

    /**
     * An unknown or disabled name is refused after a bcrypt check at Signet's cost, like a known one, so that the time
     * of a refusal does not tell who exists (without it, an unknown name is refused without any hashing).
     */
    @Test
    void anUnknownOrDisabledNameCostsABcryptCheckLikeAKnownOne() throws Exception {
        users.put("alice", new UserStore.User("alice", bcrypt("alice-password"), true));
        users.put("bob", new UserStore.User("bob", bcrypt("bob-password"), false));
        assertFalse(login("alice", "wrong"));
        assertFalse(login("carol", "anything"));
        assertFalse(login("bob", "bob-password"));
        assertEquals(3, checkedHashes.size(), "each refusal costs one bcrypt check: " + checkedHashes);
        assertEquals(users.get("alice").passwordHash(), checkedHashes.get(0));
        for (String absent : checkedHashes.subList(1, 3)) {
            assertTrue(absent.startsWith("$2a$10$"), "an unknown name is checked at Signet's cost (10), not " + absent);
        }
    }

    /** Five failures lock a name, known or not, for a minute (even the right password), then twice as long after each. */
    @Test
    void repeatedFailuresLockANameKnownOrNot() throws Exception {
        users.put("alice", new UserStore.User("alice", bcrypt("alice-password"), true));
        for (int i = 0; i < 5; i++) {
            assertFalse(login("alice", "guess-" + i));
            assertFalse(login("nobody", "guess-" + i));
        }
        assertFalse(login("alice", "alice-password"), "a locked name passed with its password");
        assertTrue(failures.locked("nobody"), "an unknown name must lock like a known one");
        now.addAndGet(60_001);
        assertFalse(login("alice", "guess-6"));
        now.addAndGet(60_001);
        assertTrue(failures.locked("alice"), "the second lock lasts twice as long");
        now.addAndGet(60_000);
        assertTrue(login("alice", "alice-password"));
        assertFalse(failures.locked("alice"));
        assertFalse(login("alice", "one-wrong"));
        assertTrue(login("alice", "alice-password"), "a success starts the count again");
    }

    /** An address's failures count within a window: a slip now and then never adds up to a lock. */
    @Test
    void failuresOutsideTheWindowAreForgotten() {
        FailedLogins addresses = new FailedLogins(3, 60_000, 60_000, 100, now::get);
        for (int i = 0; i < 10; i++) {
            addresses.failed("192.0.2.1");
            now.addAndGet(30_001);
        }
        assertFalse(addresses.locked("192.0.2.1"), "failures a window apart locked the address");
        addresses.failed("192.0.2.1");
        addresses.failed("192.0.2.1");
        addresses.failed("192.0.2.1");
        assertTrue(addresses.locked("192.0.2.1"));
        now.addAndGet(60_001);
        assertFalse(addresses.locked("192.0.2.1"));
    }

    @Test
    void aBearerTokenNamesItsHolderWhileTheHolderIsEnabled() throws Exception {
        users.put("alice", new UserStore.User("alice", bcrypt("alice-password"), true));
        users.put("bob", new UserStore.User("bob", bcrypt("bob-password"), false));
        tokens.put(sha256("alice-token"), "alice");
        tokens.put(sha256("bob-token"), "bob");

        RealmIdentity alice = realm.getRealmIdentity(new BearerTokenEvidence("alice-token"));
        assertEquals(new NamePrincipal("alice"), alice.getRealmIdentityPrincipal());
        assertTrue(alice.verifyEvidence(new BearerTokenEvidence("alice-token")));
        assertEquals(Set.of("signer", "admin"), Set.copyOf(alice.getAuthorizationIdentity().getAttributes().get(SignetRealm.ROLES)));

        assertFalse(realm.getRealmIdentity(new BearerTokenEvidence("bob-token")).verifyEvidence(new BearerTokenEvidence("bob-token")),
                "a disabled user's token still works");
        assertFalse(realm.getRealmIdentity(new BearerTokenEvidence("guessed")).exists(), "an unknown token names someone");
        assertFalse(realm.getRealmIdentity(new NamePrincipal("alice")).verifyEvidence(new BearerTokenEvidence("alice-token")),
                "a token is taken as evidence for a name the caller chose");
        assertTrue(checkedHashes.isEmpty(), "a token cost a bcrypt check");
    }

    @Test
    void aRegisteredClientCertificateNamesItsHolderWhileTheHolderIsEnabled() throws Exception {
        users.put("invoicing", new UserStore.User("invoicing", bcrypt("p"), true));
        users.put("gone", new UserStore.User("gone", bcrypt("p"), false));
        users.put("other", new UserStore.User("other", bcrypt("p"), true));
        X509Certificate invoicing = selfSigned("CN=invoicing");
        X509Certificate gone = selfSigned("CN=gone");
        certificates.put(SignetRealm.fingerprint(invoicing), "invoicing");
        certificates.put(SignetRealm.fingerprint(gone), "gone");
        CertificateEvidenceDecoder decoder = new CertificateEvidenceDecoder(store);

        X509PeerCertificateChainEvidence presented = new X509PeerCertificateChainEvidence(invoicing);
        assertEquals(new NamePrincipal("invoicing"), decoder.getPrincipal(presented), "the registration names the user, not the subject");
        RealmIdentity identity = realm.getRealmIdentity(decoder.getPrincipal(presented));
        assertTrue(identity.verifyEvidence(presented));
        assertEquals(List.of("certificate"), List.copyOf(identity.getAuthorizationIdentity().getAttributes().get(SignetRealm.AUTHENTICATION)));

        X509PeerCertificateChainEvidence disabled = new X509PeerCertificateChainEvidence(gone);
        assertFalse(realm.getRealmIdentity(decoder.getPrincipal(disabled)).verifyEvidence(disabled), "a disabled user's certificate still works");
        X509PeerCertificateChainEvidence sameSubject = new X509PeerCertificateChainEvidence(selfSigned("CN=invoicing"));
        Principal unregistered = decoder.getPrincipal(sameSubject);
        assertTrue(unregistered.getName().startsWith("x509:"), unregistered.getName());
        assertFalse(realm.getRealmIdentity(unregistered).exists(), "another certificate with the same subject names the user");
        assertFalse(realm.getRealmIdentity(new NamePrincipal("invoicing")).verifyEvidence(sameSubject),
                "an unregistered certificate is taken as evidence for a name");
        assertFalse(realm.getRealmIdentity(new NamePrincipal("other")).verifyEvidence(presented),
                "a certificate is taken as evidence for another user than its own");
        assertEquals(List.of("password"), List.copyOf(realm.getRealmIdentity(new NamePrincipal("other")).getAuthorizationIdentity()
                .getAttributes().get(SignetRealm.AUTHENTICATION)));
        assertNull(decoder.getPrincipal(new PasswordGuessEvidence("p".toCharArray())), "a password names no principal of its own");
    }

    @Test
    void aSubjectRegisteredWithItsIssuerLogsInWithEveryKeyItIsCertifiedForAndNoOtherIssuers() throws Exception {
        users.put("batch", new UserStore.User("batch", bcrypt("p"), true));
        X509Certificate first = certificate("CN=batch,O=Example", "CN=Clients CA,O=Example");
        subjects.put(SignetRealm.subjectKey(first), "batch");
        CertificateEvidenceDecoder decoder = new CertificateEvidenceDecoder(store);
        // renewed: a new key and serial, the same names (written with other case and spacing)
        X509PeerCertificateChainEvidence renewed = new X509PeerCertificateChainEvidence(certificate("cn=Batch, o=example", "CN=clients ca, O=Example"));
        assertEquals(new NamePrincipal("batch"), decoder.getPrincipal(renewed));
        assertTrue(realm.getRealmIdentity(decoder.getPrincipal(renewed)).verifyEvidence(renewed));

        X509PeerCertificateChainEvidence otherIssuer = new X509PeerCertificateChainEvidence(certificate("CN=batch,O=Example", "CN=Another CA"));
        assertTrue(decoder.getPrincipal(otherIssuer).getName().startsWith("x509:"));
        assertFalse(realm.getRealmIdentity(new NamePrincipal("batch")).verifyEvidence(otherIssuer));
        X509PeerCertificateChainEvidence otherSubject = new X509PeerCertificateChainEvidence(certificate("CN=batch,OU=Elsewhere,O=Example",
                "CN=Clients CA,O=Example"));
        assertFalse(realm.getRealmIdentity(new NamePrincipal("batch")).verifyEvidence(otherSubject));
    }

    private static X509Certificate selfSigned(String subject) throws Exception {
        return certificate(subject, subject);
    }

    /** A certificate with these names, signed by a key of its own (the realm leaves the chain to the TLS handshake). */
    private static X509Certificate certificate(String subject, String issuer) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(System.nanoTime()), Date.from(now), Date.from(now.plusSeconds(3600)), new X500Name(subject), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The vectors ejb's IdentityVectorsTest checks the application's CertificateSubject and Names against. */
    @Test
    void theSubjectKeyAndTheNameRuleMatchTheSharedVectors() throws Exception {
        Properties vectors = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/identity-vectors/identity-vectors.properties")) {
            vectors.load(in);
        }
        X509Certificate certificate;
        try (InputStream in = getClass().getResourceAsStream("/identity-vectors/" + vectors.getProperty("certificate"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertEquals(vectors.getProperty("subject-key"), SignetRealm.subjectKey(certificate));
        for (String name : vectors.getProperty("names.accepted").split("\\|")) {
            assertTrue(SignetRealm.USER_NAME.matcher(name).matches(), name);
        }
        for (String name : vectors.getProperty("names.refused").split("\\|")) {
            assertFalse(SignetRealm.USER_NAME.matcher(name).matches(), name);
        }
    }
}
