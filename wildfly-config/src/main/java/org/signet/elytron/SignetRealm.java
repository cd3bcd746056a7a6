package org.signet.elytron;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.wildfly.extension.elytron.Configurable;
import org.wildfly.security.auth.SupportLevel;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityRealm;
import org.wildfly.security.authz.AuthorizationIdentity;
import org.wildfly.security.authz.MapAttributes;
import org.wildfly.security.credential.Credential;
import org.wildfly.security.evidence.BearerTokenEvidence;
import org.wildfly.security.evidence.Evidence;
import org.wildfly.security.evidence.PasswordGuessEvidence;
import org.wildfly.security.evidence.X509PeerCertificateChainEvidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Signet's Elytron realm: users, bcrypt hashes and roles from Signet's own tables (the same ones the admin
 * API writes), with successful password checks remembered briefly (see {@link VerifiedPasswords}); and the bearer
 * tokens Signet issued (SIGNET_ACCESS_TOKEN, found by their SHA-256, valid while unexpired and their holder enabled);
 * an OpenID provider's access tokens ({@link OpenIdTokens}); and TLS client certificates, found by the SHA-256 fingerprint
 * registered for a user (SIGNET_USER.CLIENT_CERTIFICATE).
 * <p>
 * Configured in wildfly-config/src/main/cli/10-signet.cli as a custom-realm with
 * {@code data-source} (JNDI name) and {@code verified-seconds} (0 switches the memory off; default 300).
 */
public final class SignetRealm implements SecurityRealm, Configurable {

    public static final String ROLES = "Roles";
    /** How the identity was proven: {@code password}, {@code token} (issued by Signet), {@code oauth2} or {@code certificate}. */
    public static final String AUTHENTICATION = "Authentication";
    /** The scopes an OAuth2 token granted. */
    public static final String SCOPES = "Scopes";

    /**
     * Checked instead of a hash when the user does not exist or is disabled, at the cost Signet hashes with, so that an
     * unknown name takes as long to refuse as a known one.
     */
    private static final String ABSENT = OpenBSDBCrypt.generate("2a", "no such user".toCharArray(), new byte[16], 10);

    /** The alias of the directory's bind password in the server's credential store. */
    static final String DIRECTORY_BIND_ALIAS = "signet-ldap-bind";
    /** Signet's user names (org.signet.model.Names, in the application): a directory name beyond them is not entered. */
    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** A bcrypt check of a password against a hash. */
    interface PasswordCheck {
        boolean matches(String hash, char[] password);
    }

    private UserStore users;
    private VerifiedPasswords verified;
    private FailedLogins failures;
    private PasswordCheck check = OpenBSDBCrypt::checkPassword;
    /** The OpenID provider whose access tokens name Signet users; none unless configured. */
    private OpenIdTokens openId;
    /** The organisation's directory, which checks the passwords of the people it knows and Signet does not; none unless configured. */
    private Directory directory;

    public SignetRealm() { }

    SignetRealm(UserStore users, VerifiedPasswords verified, FailedLogins failures, PasswordCheck check, OpenIdTokens openId,
                Directory directory) {
        this.users = users;
        this.verified = verified;
        this.failures = failures;
        this.check = check;
        this.openId = openId;
        this.directory = directory;
    }

    @Override
    public void initialize(Map<String, String> configuration) {
        JdbcUserStore store = JdbcUserStore.configured(configuration, "SignetRealm");
        long seconds;
        try {
            seconds = Long.parseLong(configuration.getOrDefault("verified-seconds", "300"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SignetRealm: verified-seconds must be a number of seconds, not '"
                    + configuration.get("verified-seconds") + "'");
        }
        int allowed = number(configuration, "lockout-failures", 5);
        int lockSeconds = number(configuration, "lockout-seconds", 60);
        openId = OpenIdTokens.configured(configuration);
        directory = Directory.configured(configuration, new StoredSecret(DIRECTORY_BIND_ALIAS));
        users = store;
        verified = new VerifiedPasswords(seconds * 1000, 10_000, System::currentTimeMillis);
        failures = new FailedLogins(allowed, lockSeconds * 1000L, FailedLogins.LONGEST_LOCK, 100_000, System::currentTimeMillis);
    }

    private static int number(Map<String, String> configuration, String key, int fallback) {
        String value = configuration.get(key);
        try {
            int number = value == null ? fallback : Integer.parseInt(value.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("SignetRealm: " + key + " must be a whole number of 0 or more, not '" + value + "'");
    }

    @Override
    public RealmIdentity getRealmIdentity(Principal principal) {
        return principal instanceof NamePrincipal ? new Identity(principal.getName(), Proof.PASSWORD, Set.of()) : RealmIdentity.NON_EXISTENT;
    }

    /**
     * A bearer token names its holder: the user Signet issued it to, while it is valid; or, for a JWT from the
     * configured OpenID provider, the Signet user its claim names (roles and seals then come from Signet's tables).
     */
    @Override
    public RealmIdentity getRealmIdentity(Evidence evidence) throws RealmUnavailableException {
        if (evidence instanceof BearerTokenEvidence bearer) {
            String token = bearer.getToken();
            if (token == null) {
                return RealmIdentity.NON_EXISTENT;
            }
            if (openId != null && OpenIdTokens.looksLikeJwt(token)) {
                OpenIdTokens.Holder holder = openId.holder(token);
                return holder == null ? RealmIdentity.NON_EXISTENT : new Identity(holder.user(), Proof.OAUTH2, holder.scopes());
            }
            if (token.length() > 200) {
                return RealmIdentity.NON_EXISTENT;
            }
            try {
                String holder = users.tokenHolder(sha256Hex(token.getBytes(StandardCharsets.US_ASCII)), Instant.now());
                return holder == null ? RealmIdentity.NON_EXISTENT : new Identity(holder, Proof.TOKEN, Set.of());
            } catch (UserStore.StoreUnavailableException e) {
                throw new RealmUnavailableException(e.getMessage(), e);
            }
        }
        return SecurityRealm.super.getRealmIdentity(evidence);
    }

    /** A certificate's SHA-256 fingerprint (hex, lower case), as registered for its user; null if it cannot be encoded. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return null;
        }
    }

    /**
     * The subject and issuer of a certificate as one key: SHA-256 (hex) of the issuer's and the subject's canonical names,
     * one line each (the application's org.signet.security.CertificateSubject computes the same; both modules' tests check
     * the vectors in src/test/resources/identity-vectors).
     */
    static String subjectKey(X509Certificate certificate) {
        return sha256Hex((certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL) + "\n"
                + certificate.getSubjectX500Principal().getName(X500Principal.CANONICAL)).getBytes(StandardCharsets.UTF_8));
    }

    /** The user a client certificate logs in as: the one registered with its fingerprint, else with its subject and issuer. */
    static String certificateHolder(UserStore users, X509Certificate certificate) throws UserStore.StoreUnavailableException {
        String fingerprint = fingerprint(certificate);
        String holder = fingerprint == null ? null : users.certificateHolder(fingerprint);
        return holder != null || certificate.getSubjectX500Principal().getName().isEmpty() ? holder : users.subjectHolder(subjectKey(certificate));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    public SupportLevel getCredentialAcquireSupport(Class<? extends Credential> type, String algorithm,
                                                    AlgorithmParameterSpec parameters) {
        return SupportLevel.UNSUPPORTED;
    }

    @Override
    public SupportLevel getEvidenceVerifySupport(Class<? extends Evidence> type, String algorithm) {
        return PasswordGuessEvidence.class.isAssignableFrom(type) || BearerTokenEvidence.class.isAssignableFrom(type)
                || X509PeerCertificateChainEvidence.class.isAssignableFrom(type) ? SupportLevel.POSSIBLY_SUPPORTED : SupportLevel.UNSUPPORTED;
    }

    /**
     * What proved an identity; a token (Signet's or an OpenID provider's) was checked before the identity was found, a
     * client certificate (whose holder {@link CertificateEvidenceDecoder} named) when it is verified.
     */
    private enum Proof {
        PASSWORD, TOKEN, OAUTH2, CERTIFICATE;

        boolean byToken() {
            return this == TOKEN || this == OAUTH2;
        }
    }

    private final class Identity implements RealmIdentity {

        private final String name;
        private Proof proof;
        private final Set<String> scopes;
        private UserStore.User user;
        private boolean loaded;

        Identity(String name, Proof proof, Set<String> scopes) {
            this.name = name;
            this.proof = proof;
            this.scopes = scopes;
        }

        private UserStore.User user() throws RealmUnavailableException {
            if (!loaded) {
                try {
                    user = users.find(name);
                } catch (UserStore.StoreUnavailableException e) {
                    throw new RealmUnavailableException(e.getMessage(), e);
                }
                loaded = true;
            }
            return user;
        }

        @Override
        public Principal getRealmIdentityPrincipal() {
            return new NamePrincipal(name);
        }

        @Override
        public SupportLevel getCredentialAcquireSupport(Class<? extends Credential> type, String algorithm,
                                                        AlgorithmParameterSpec parameters) {
            return SupportLevel.UNSUPPORTED;
        }

        @Override
        public <C extends Credential> C getCredential(Class<C> type) {
            return null;
        }

        @Override
        public SupportLevel getEvidenceVerifySupport(Class<? extends Evidence> type, String algorithm)
                throws RealmUnavailableException {
            // supported for unknown names too: their refusal then costs a bcrypt check as well
            return PasswordGuessEvidence.class.isAssignableFrom(type) || proof.byToken() && BearerTokenEvidence.class.isAssignableFrom(type)
                    || !proof.byToken() && X509PeerCertificateChainEvidence.class.isAssignableFrom(type)
                    ? SupportLevel.SUPPORTED : SupportLevel.UNSUPPORTED;
        }

        @Override
        public boolean verifyEvidence(Evidence evidence) throws RealmUnavailableException {
            if (evidence instanceof BearerTokenEvidence) {
                return proof.byToken() && exists(); // a disabled user's tokens end with the user
            }
            if (evidence instanceof X509PeerCertificateChainEvidence chain) {
                // the TLS handshake checked the chain against the listener's trusted authorities; the registration pins it
                if (proof.byToken() || chain.getPeerCertificateChain().length == 0 || !exists()) {
                    return false;
                }
                try {
                    if (!name.equals(certificateHolder(users, chain.getFirstCertificate()))) {
                        return false;
                    }
                } catch (UserStore.StoreUnavailableException e) {
                    throw new RealmUnavailableException(e.getMessage(), e);
                }
                proof = Proof.CERTIFICATE;
                return true;
            }
            if (!(evidence instanceof PasswordGuessEvidence guess)) {
                return false;
            }
            if (failures.locked(name)) {
                return false; // not even the right password, until the lock ends
            }
            char[] password = guess.getGuess();
            UserStore.User stored = user();
            if (directory != null && (stored == null || stored.fromDirectory())) {
                return directoryLogin(stored, password);
            }
            boolean known = exists();
            String hash = known ? user().passwordHash() : ABSENT;
            if (known && verified.remembers(name, hash, password)) {
                failures.succeeded(name);
                return true;
            }
            boolean matches;
            try {
                matches = check.matches(hash, password) && known;
            } catch (IllegalArgumentException e) {
                matches = false; // not a bcrypt hash: nobody can log in with it
            }
            if (matches) {
                verified.remember(name, hash, password);
                failures.succeeded(name);
            } else {
                failures.failed(name);
            }
            return matches;
        }

        /**
         * A person the directory knows: the directory checks the password (each time: an account disabled there ends at
         * once), and Signet enters the person and its mirrored groups as the directory has them now. Signet's own
         * disabling still holds.
         */
        private boolean directoryLogin(UserStore.User stored, char[] password) throws RealmUnavailableException {
            Directory.Entry entry = stored != null && !stored.enabled() || !USER_NAME.matcher(name).matches()
                    ? null : directory.login(name, password);
            if (entry == null) {
                absentCheck(password); // a refusal costs a bcrypt check, as for Signet's own names: no enumeration by timing
                failures.failed(name);
                return false;
            }
            try {
                users.enterDirectoryPerson(name, entry.mail(), entry.fullName(), entry.groups());
            } catch (UserStore.StoreUnavailableException e) {
                throw new RealmUnavailableException(e.getMessage(), e);
            }
            loaded = false;
            if (!exists() || !user().fromDirectory()) {
                return false; // a name Signet keeps a password for was entered at the same moment
            }
            failures.succeeded(name);
            return true;
        }

        private void absentCheck(char[] password) {
            try {
                check.matches(ABSENT, password);
            } catch (IllegalArgumentException e) {
                // cannot happen for ABSENT; the cost is what counts
            }
        }

        @Override
        public boolean exists() throws RealmUnavailableException {
            UserStore.User u = user();
            return u != null && u.enabled();
        }

        @Override
        public AuthorizationIdentity getAuthorizationIdentity() throws RealmUnavailableException {
            if (!exists()) {
                return AuthorizationIdentity.EMPTY;
            }
            try {
                Set<String> roles = users.roles(name);
                MapAttributes attributes = new MapAttributes();
                attributes.addAll(ROLES, roles);
                attributes.addLast(AUTHENTICATION, proof.name().toLowerCase(Locale.ROOT));
                attributes.addAll(SCOPES, scopes);
                return AuthorizationIdentity.basicIdentity(attributes);
            } catch (UserStore.StoreUnavailableException e) {
                throw new RealmUnavailableException(e.getMessage(), e);
            }
        }
    }
}
