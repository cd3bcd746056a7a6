package org.signet.seal;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.signet.keys.SigningKeys;
import org.signet.model.SignetException;
import org.signet.security.Callers;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The seals the caller may use, with their certificates. */
@Stateless
@PermitAll
public class SealService {

    @Resource
    private SessionContext session;
    @EJB
    private SealDirectory seals;
    @Inject
    private SigningKeys keys;

    public List<SealInfo> sealsForCaller() {
        String caller = Callers.name(session);
        List<SealInfo> result = new ArrayList<>();
        for (Seal seal : seals.sealsFor(caller)) {
            String subject = null;
            String issuer = null;
            Instant from = null;
            Instant to = null;
            try {
                X509Certificate certificate = keys.certificateChain(seal.key()).get(0);
                subject = certificate.getSubjectX500Principal().getName();
                issuer = certificate.getIssuerX500Principal().getName();
                from = certificate.getNotBefore().toInstant();
                to = certificate.getNotAfter().toInstant();
            } catch (SignetException e) {
                // A seal whose token is down is still listed, without certificate data.
            }
            result.add(new SealInfo(seal.name(), seal.description(), seal.formats(), seal.maxLevel(), subject, issuer, from, to,
                    seal.archived(), seal.keepsDocuments(), seal.requiresOneTimeCode(), seal.clients(), seal.hours(),
                    seal.hours() == null ? null : seal.hoursZone(), seal.tokenScope(),
                    seal.certificateRequired()));
        }
        return result;
    }
}
