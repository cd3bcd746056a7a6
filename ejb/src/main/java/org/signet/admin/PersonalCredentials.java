package org.signet.admin;

import jakarta.annotation.Resource;
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
import org.signet.keys.KeyUsageLedger;
import org.signet.keys.SigningKeys;
import org.signet.keys.SigningToken;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignetException;
import org.signet.pki.CertificateAuthority;
import org.signet.seal.Seal;
import org.signet.seal.SealAuthorisation;
import org.signet.security.Callers;
import org.signet.security.SignetUser;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A person's own credential at a remote signature service (CSC API v2) as the person's signing key: the person logs in
 * at the service's OAuth 2.0 issuer (authorization code with PKCE, RFC 7636), and the credential becomes the key of the
 * person's seal ({@code person.<user>}), which workflows sign with. The person's authorisation is held in memory only,
 * like an individual card's PIN: after a restart, or once the person's session at the issuer ends, the person links
 * again. A credential of sole control level 2 signs with the one-time code the service asks the person for.
 */
@Stateless
@PermitAll
public class PersonalCredentials {

    /** Where the issuer sends the person back; registered as the redirect URI of Signet's client there. */
    public static final String CALLBACK_PATH = "/signet/remote/callback";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource
    private SessionContext session;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @EJB
    private AuditLog audit;
    @Inject
    private SigningKeys keys;
    @EJB
    private KeyUsageLedger usage;
    @Inject
    private CertificateAuthority authority;
    @Inject
    private SignetConfiguration configuration;

    /** Where to send the person, and what the face keeps in the person's session until the person comes back. */
    public record Login(URI location, String service, String state, String codeVerifier) { }

    /** A person's seal over a linked credential. */
    public record LinkedCredential(String seal, String service, String credential, String subject, Instant validTo) { }

    /** The services whose credentials persons may link (the server configuration's {@code signet.csc.person-clients}). */
    public List<String> services() {
        return configuration.personClients().keySet().stream().map(URI::toString).toList();
    }

    /**
     * Starts linking: the authorization request for the caller at the service's issuer, with a fresh state and PKCE
     * verifier (S256). {@code service} may be omitted when only one is configured.
     */
    public Login begin(String service) {
        person();
        Map.Entry<URI, String> client = client(service);
        URI endpoint = keys.authorizationEndpoint(client.getKey().toString(), client.getValue());
        String state = random();
        String verifier = random();
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        // CSC 8.4.2: scope "service" asks for the service authorisation that lists and uses the person's credentials
        String query = "response_type=code&client_id=" + encode(client.getValue()) + "&redirect_uri=" + encode(callback().toString())
                + "&scope=service&state=" + state + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        String base = endpoint.toString();
        return new Login(URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + query), client.getKey().toString(), state, verifier);
    }

    /**
     * Ends linking with the code the issuer sent back: the person's token at the service is opened with it, and the
     * first credential of the service that Signet can sign with becomes the key of the person's seal. A personal
     * certificate Signet issued before is revoked as superseded.
     */
    public LinkedCredential link(String service, char[] code, String codeVerifier) {
        try {
            SignetUser person = person();
            String user = person.name();
            Map.Entry<URI, String> client = client(service);
            if (code == null || code.length == 0 || codeVerifier == null) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "the service's login sent back no authorization code");
            }
            String sealName = SealAdministration.PERSONAL + user;
            if (sealName.length() > 64) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "a personal seal needs a user name of at most "
                        + (64 - SealAdministration.PERSONAL.length()) + " characters");
            }
            Seal seal = em.find(Seal.class, sealName);
            if (seal != null && !user.equals(seal.owner())) {
                throw new SignetException(SignetException.Kind.CONFLICT, "seal '" + sealName + "' exists and is no personal seal");
            }
            String tokenName = "person-" + user.substring(0, Math.min(user.length(), 45)) + "-remote";
            SigningToken token = em.find(SigningToken.class, tokenName);
            if (token == null) {
                token = SigningToken.remote(tokenName, client.getKey().toString(), TokenDefinition.ServiceLogin.OAUTH2_CODE, client.getValue(), null);
                em.persist(token);
            } else {
                token.relink(client.getKey().toString(), client.getValue());
            }
            keys.openPersonal(token, code, codeVerifier, callback());
            List<String> refused = new ArrayList<>();
            KeyReference key = null;
            X509Certificate certificate = null;
            for (String credential : keys.aliases(tokenName)) {
                try {
                    KeyReference candidate = new KeyReference(tokenName, credential);
                    certificate = keys.certificateChain(candidate).get(0);
                    key = candidate;
                    break;
                } catch (SignetException e) {
                    refused.add(e.getMessage());
                }
            }
            if (key == null) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "your account at " + client.getKey() + " has no credential "
                        + "Signet can sign with" + (refused.isEmpty() ? "" : ": " + String.join("; ", refused)));
            }
            usage.ensure(key);
            if (seal == null) {
                seal = new Seal(sealName, "personal credential of " + user + " at " + client.getKey(), key,
                        EnumSet.allOf(SignatureFormat.class), SignatureLevel.LTA);
                seal.own(user);
                em.persist(seal);
                em.persist(new SealAuthorisation(sealName, SealAuthorisation.PrincipalKind.USER, user));
            } else if (!seal.key().equals(key)) {
                supersede(seal, user);
                seal.rekey(key);
            }
            // the service asks its own second factor (SCAL 2) with each signature; Signet's is not asked on top
            seal.requireOneTimeCode(false);
            audit.record(new AuditEvent(Instant.now(), user, AuditEvent.Action.SEAL_CHANGED, AuditEvent.Outcome.SUCCESS, sealName, null,
                    "personal seal of '" + user + "' linked to credential " + key.alias() + " at " + client.getKey() + ": "
                    + certificate.getSubjectX500Principal().getName()));
            return new LinkedCredential(sealName, client.getKey().toString(), key.alias(), certificate.getSubjectX500Principal().getName(),
                    certificate.getNotAfter().toInstant());
        } finally {
            if (code != null) {
                Arrays.fill(code, '\0');
            }
        }
    }

    /** Whether the caller's personal seal signs with a remote credential (whose service may ask a one-time code). */
    public boolean hasLinked() {
        return linkedToken() != null;
    }

    /** The caller's linked credential, or null when the caller's seal has none. */
    public LinkedCredential linked() {
        SigningToken token = linkedToken();
        if (token == null) {
            return null;
        }
        Seal seal = em.find(Seal.class, SealAdministration.PERSONAL + Callers.name(session));
        try {
            X509Certificate certificate = keys.certificateChain(seal.key()).get(0);
            return new LinkedCredential(seal.name(), token.location(), seal.key().alias(), certificate.getSubjectX500Principal().getName(),
                    certificate.getNotAfter().toInstant());
        } catch (SignetException e) {
            return new LinkedCredential(seal.name(), token.location(), seal.key().alias(), null, null); // the person links again
        }
    }

    private SigningToken linkedToken() {
        String user = Callers.name(session);
        Seal seal = user == null ? null : em.find(Seal.class, SealAdministration.PERSONAL + user);
        SigningToken token = seal == null || !user.equals(seal.owner()) ? null : em.find(SigningToken.class, seal.key().token());
        return token != null && token.personsCredential() ? token : null;
    }

    /** A personal certificate Signet's CA issued for the seal's former software key signs nothing more. */
    private void supersede(Seal seal, String user) {
        SigningToken former = em.find(SigningToken.class, seal.key().token());
        if (former == null || former.kind() == TokenDefinition.Kind.CSC || !authority.exists()) {
            return;
        }
        try {
            X509Certificate certificate = keys.certificateChain(seal.key()).get(0);
            if (!authority.isRevoked(certificate)) {
                authority.revoke(certificate, CertificateAuthority.RevocationReason.SUPERSEDED);
                audit.record(new AuditEvent(Instant.now(), user, AuditEvent.Action.SEAL_REVOKED, AuditEvent.Outcome.SUCCESS, seal.name(), null,
                        "certificate " + certificate.getSerialNumber().toString(16) + " revoked: " + CertificateAuthority.RevocationReason.SUPERSEDED
                        + " by the person's remote credential"));
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "the personal certificate of '" + user
                    + "' cannot be revoked before its seal takes the remote credential: " + e.getMessage(), e);
        }
    }

    private SignetUser person() {
        String user = Callers.name(session);
        SignetUser person = user == null ? null : em.find(SignetUser.class, user);
        if (person == null || person.kind() != SignetUser.Kind.PERSON || !person.enabled()) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "only a signed-in person links a credential of their own");
        }
        return person;
    }

    private Map.Entry<URI, String> client(String service) {
        Map<URI, String> clients = configuration.personClients();
        if (service == null || service.isBlank()) {
            if (clients.size() == 1) {
                return clients.entrySet().iterator().next();
            }
            throw new SignetException(SignetException.Kind.INVALID_INPUT, clients.isEmpty()
                    ? "this server links no remote credentials; its operator names the services in " + SignetConfiguration.PERSON_CLIENTS
                    : "name the service whose credential you link: one of " + clients.keySet());
        }
        String wanted = service.strip().endsWith("/") ? service.strip() : service.strip() + "/";
        for (Map.Entry<URI, String> client : clients.entrySet()) {
            if (client.getKey().toString().equals(wanted)) {
                return client;
            }
        }
        throw new SignetException(SignetException.Kind.INVALID_INPUT, "'" + service + "' is not a service whose credentials persons link here;"
                + " its operator names them in " + SignetConfiguration.PERSON_CLIENTS);
    }

    private URI callback() {
        return URI.create(configuration.publicUrl() + CALLBACK_PATH);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
