package org.signet.seal;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.model.SignetException;
import org.signet.security.CallerProof;
import org.signet.security.ClientAddress;
import org.signet.model.ClientNetworks;
import org.signet.security.SigningHours;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Finds seals and decides who may use them: reads only, in the caller's transaction if it has one, else in none. */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SealDirectory {

    private static final String KIND = "org.signet.seal.SealAuthorisation.PrincipalKind.";
    /** The caller's own authorisations, those of the groups it belongs to, and those of its roles, own or from a group. */
    private static final String FOR_CALLER = "((a.principalKind = " + KIND + "USER AND a.principalName = :caller) "
            + "OR (a.principalKind = " + KIND + "GROUP AND a.principalName IN "
            + "(SELECT g.name FROM SignetGroup g JOIN g.members m WHERE m = :caller)) "
            + "OR (a.principalKind = " + KIND + "ROLE AND (a.principalName IN "
            + "(SELECT r FROM SignetUser ru JOIN ru.roles r WHERE ru.name = :caller) OR a.principalName IN "
            + "(SELECT gr FROM SignetGroup h JOIN h.members hm JOIN h.roles gr WHERE hm = :caller))))";
    private static final String AUTHORISED = "SELECT a.sealName FROM SealAuthorisation a WHERE " + FOR_CALLER;
    private static final String AUTHORISED_FOR_SEAL = "SELECT COUNT(a) FROM SealAuthorisation a WHERE a.sealName = :seal AND " + FOR_CALLER;
    /** Whether the caller is enabled, and how many of its authorisations name the seal: one read for every signature. */
    private static final String USE = "SELECT u.enabled, (" + AUTHORISED_FOR_SEAL + ") FROM SignetUser u WHERE u.name = :caller";

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
        List<Object[]> use = em.createQuery(USE, Object[].class).setParameter("caller", caller).setParameter("seal", sealName)
                .getResultList();
        if (!use.isEmpty() && ((Number) use.get(0)[0]).intValue() != 1) {
            throw new SignetException(SignetException.Kind.NOT_AUTHORISED, "user '" + caller + "' is disabled");
        }
        // a caller Signet keeps no row for (an access token's client) may still be authorised through a role
        long authorisations = use.isEmpty()
                ? em.createQuery(AUTHORISED_FOR_SEAL, Long.class).setParameter("caller", caller).setParameter("seal", sealName).getSingleResult()
                : ((Number) use.get(0)[1]).longValue();
        if (authorisations == 0) {
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
