package org.signet.seal;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.model.SignetException;
import org.signet.security.CallerProof;
import org.signet.security.ClientAddress;
import org.signet.security.ClientNetworks;
import org.signet.security.SigningHours;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Finds seals and decides who may use them. */
@Stateless
@PermitAll
public class SealDirectory {

    private static final String KIND = "org.signet.seal.SealAuthorisation.PrincipalKind.";
    /** The caller's own authorisations, those of the groups it belongs to, and those of its roles, own or from a group. */
    private static final String AUTHORISED = "SELECT a.sealName FROM SealAuthorisation a WHERE "
            + "(a.principalKind = " + KIND + "USER AND a.principalName = :caller) "
            + "OR (a.principalKind = " + KIND + "GROUP AND a.principalName IN "
            + "(SELECT g.name FROM SignetGroup g JOIN g.members m WHERE m = :caller)) "
            + "OR (a.principalKind = " + KIND + "ROLE AND (a.principalName IN "
            + "(SELECT r FROM SignetUser u JOIN u.roles r WHERE u.name = :caller) OR a.principalName IN "
            + "(SELECT gr FROM SignetGroup h JOIN h.members hm JOIN h.roles gr WHERE hm = :caller)))";

    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    /** The seal, if the caller may sign with it; otherwise a refusal that names the seal. */
    public Seal authorisedSeal(String caller, String sealName) {
        if (sealName == null || sealName.isBlank()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "no seal was named");
        }
        Seal seal = em.find(Seal.class, sealName);
        if (seal == null) {
            throw new SignetException(SignetException.Kind.UNKNOWN_SEAL, "there is no seal named '" + sealName + "'");
        }
        if (disabled(caller)) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "user '" + caller + "' is disabled");
        }
        if (!authorisedSealNames(caller).contains(sealName)) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED,
                    "user '" + caller + "' is not authorised to use seal '" + sealName + "'");
        }
        return seal;
    }

    /**
     * {@link #authorisedSeal}, for a request that also meets the seal's conditions on where it comes from and when;
     * a call with no client (Signet's own work) is not bound by them.
     */
    public Seal authorisedForRequest(String caller, String sealName) {
        Seal seal = authorisedSeal(caller, sealName);
        String from = ClientAddress.current();
        if (from == null) {
            return seal;
        }
        CallerProof proof = seal.certificateRequired() || seal.tokenScope() != null ? CallerProof.current() : null;
        if (seal.certificateRequired() && !proof.byCertificate()) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "seal '" + seal.name() + "' signs only for requests"
                    + " that log in with a client certificate; this one came with " + proof.describe());
        }
        if (seal.tokenScope() != null && !proof.grants(seal.tokenScope())) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "seal '" + seal.name() + "' signs only for requests"
                    + " with an OAuth2 access token granting scope '" + seal.tokenScope() + "'; this one came with " + proof.describe());
        }
        if (!seal.clients().isEmpty() && !ClientNetworks.parse(seal.clients()).contains(from)) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "seal '" + seal.name() + "' signs only for"
                    + " requests from " + String.join(", ", seal.clients()) + "; this one came from " + from);
        }
        if (seal.hours() != null) {
            SigningHours hours = SigningHours.parse(seal.hours(), seal.hoursZone());
            Instant now = Instant.now();
            if (!hours.allows(now)) {
                throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "seal '" + seal.name() + "' signs only "
                        + hours.hours() + " (" + hours.zone() + "); it is " + hours.localTime(now) + " there");
            }
        }
        return seal;
    }

    public List<Seal> sealsFor(String caller) {
        Set<String> names = disabled(caller) ? Set.of() : authorisedSealNames(caller);
        return em.createQuery("SELECT s FROM Seal s ORDER BY s.name", Seal.class).getResultList().stream()
                .filter(seal -> names.contains(seal.name()))
                .toList();
    }

    public boolean exists(String sealName) {
        return em.find(Seal.class, sealName) != null;
    }

    /**
     * Checked on every use, not only at login: a hot folder runs as its user without logging in, and a disabled user
     * signs nothing from the next request on.
     */
    private boolean disabled(String caller) {
        // one column, not the user with its roles: this runs for every signature
        return em.createQuery("SELECT u.enabled FROM SignetUser u WHERE u.name = :caller", Integer.class)
                .setParameter("caller", caller).getResultStream().anyMatch(enabled -> enabled != 1);
    }

    private Set<String> authorisedSealNames(String caller) {
        return Set.copyOf(em.createQuery(AUTHORISED, String.class).setParameter("caller", caller).getResultList());
    }
}
