package org.signet.keys;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.signet.connector.KeyReference;
import org.signet.model.SignetException;

import java.time.Instant;
import java.util.List;

/**
 * Counts signatures per key and enforces each key's limits. A signature is reserved before the key signs (so a
 * limit of 100 never allows 101, however many requests race) and given back if the key then fails. Each call
 * commits on its own, so a count survives whatever happens to the signing request afterwards.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class KeyUsageLedger {

    @PersistenceContext(unitName = "signet")
    private EntityManager em;
    @Resource
    private SessionContext context;

    /** What a reservation granted: this many signatures, to be made before {@code until} (null: no end). */
    public record Grant(int signatures, Instant until) { }

    /**
     * Reserves up to {@code wanted} signatures at once (a batch takes a block, so that it does not commit once per
     * document), fewer when the key's limit leaves fewer, at least one.
     *
     * @throws SignetException KEY_LIMIT_REACHED naming the limit when the key may not sign now
     */
    public Grant reserve(KeyReference key, Instant now, int wanted) {
        KeyUsage usage = counter(key);
        String why;
        if (usage.usableFrom() != null && now.isBefore(usage.usableFrom())) {
            why = "may sign only from " + usage.usableFrom();
        } else if (usage.usableUntil() != null && !now.isBefore(usage.usableUntil())) {
            why = "could sign only until " + usage.usableUntil();
        } else if (usage.maxSignatures() != null && usage.signatures() >= usage.maxSignatures()) {
            why = "has made its " + usage.maxSignatures() + " signatures, its limit";
        } else {
            long left = usage.maxSignatures() == null ? Long.MAX_VALUE : usage.maxSignatures() - usage.signatures();
            int n = (int) Math.min(Math.max(1, wanted), left); // fewer when the limit leaves fewer than wanted
            usage.count(n);
            return new Grant(n, usage.usableUntil());
        }
        throw new SignetException(SignetException.Kind.KEY_LIMIT_REACHED, "key " + key + " " + why);
    }

    /**
     * The key's counter, locked until this transaction ends: racing reservations take turns, so a limit of 100 never
     * allows 101. (A locked read and an entity update, not a conditional UPDATE: EclipseLink writes arithmetic with
     * parameters as SQL with literals on Derby, which Derby then compiles anew for every call.)
     */
    private KeyUsage counter(KeyReference key) {
        KeyUsage usage = em.find(KeyUsage.class, key.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (usage == null) {
            // Keys registered before usage was counted start at 0. The counter is made in a transaction of its own:
            // when requests race to make it, the losers' inserts fail there, not in this reservation.
            try {
                context.getBusinessObject(KeyUsageLedger.class).ensure(key);
            } catch (EJBException | PersistenceException e) {
                // another request made it first
            }
            usage = em.find(KeyUsage.class, key.toString(), LockModeType.PESSIMISTIC_WRITE);
            if (usage == null) {
                throw new SignetException(SignetException.Kind.KEY_UNAVAILABLE, "key " + key + " has no usage counter and none could be made");
            }
        }
        return usage;
    }

    /** Makes sure the key has a counter (at 0), so that the first racing requests need not create it. */
    public void ensure(KeyReference key) {
        if (em.find(KeyUsage.class, key.toString()) == null) {
            em.persist(new KeyUsage(key));
            em.flush();
        }
    }

    /** Gives back reserved signatures that were never made. */
    public void release(KeyReference key, int signatures) {
        KeyUsage usage = em.find(KeyUsage.class, key.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (usage != null) {
            usage.count(-Math.min(signatures, usage.signatures()));
        }
    }

    public void setLimits(KeyReference key, Long maxSignatures, Instant usableFrom, Instant usableUntil) {
        if (maxSignatures != null && maxSignatures < 0) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "maxSignatures must be 0 or more, not " + maxSignatures);
        }
        if (usableFrom != null && usableUntil != null && !usableFrom.isBefore(usableUntil)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "usableFrom must be before usableUntil");
        }
        KeyUsage usage = em.find(KeyUsage.class, key.toString());
        if (usage == null) {
            usage = new KeyUsage(key);
            em.persist(usage);
        }
        usage.limit(maxSignatures, usableFrom, usableUntil);
    }

    public KeyUsage usage(KeyReference key) {
        KeyUsage usage = em.find(KeyUsage.class, key.toString());
        if (usage != null) {
            em.refresh(usage);
        }
        return usage;
    }

    public List<KeyUsage> all() {
        return em.createQuery("SELECT u FROM KeyUsage u ORDER BY u.keyId", KeyUsage.class).getResultList();
    }
}
