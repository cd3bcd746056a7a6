package org.signet.trail;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.signet.audit.AuditCheckpoint;
import org.signet.audit.AuditKey;
import org.signet.audit.AuditLink;
import org.signet.model.SignetException;
import org.signet.pki.TrustAnchors;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Checks the audit trail against its seals, its chain and its checkpoints: finds an event changed, deleted or added
 * outside Signet, a link removed or rewritten, and a chain that no longer leads to a time-stamped head. Reads the
 * database in one pass each; nothing is kept in memory but the checkpoints.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditTrailCheck {

    private static final HexFormat HEX = HexFormat.of();
    /** Problems named one by one; beyond these only counted. */
    static final int NAMED = 100;

    @EJB
    private AuditChain chain;
    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;
    @Inject
    private TrustAnchors trustAnchors;

    /**
     * What the check found. {@code intact}: no problem at all; {@code unsealedBefore}: events from before Signet sealed
     * them (they head the chain, and only they may lack a seal).
     */
    public record Result(boolean intact, long events, long links, long unsealedBefore, int checkpoints, Instant lastCheckpoint,
                         long lastCheckpointLink, long problemCount, List<String> problems) { }

    private static final class Findings {
        final List<String> named = new ArrayList<>();
        long count;

        void add(String problem) {
            count++;
            if (named.size() < NAMED) {
                named.add(problem);
            }
        }
    }

    private record Stored(long seq, String headHash, Instant madeAt, byte[] timeStamp) { }

    public Result check() {
        chain.checkpoint(); // what waits is chained first, so that only what Signet did not write stays outside the chain
        Findings findings = new Findings();
        try (Connection connection = dataSource.getConnection()) {
            Map<Long, Stored> checkpoints = checkpoints(connection);
            long[] walked = walkChain(connection, checkpoints, findings);
            long outside = eventsOutsideTheChain(connection, findings);
            for (Stored checkpoint : checkpoints.values()) {
                if (checkpoint.seq() > walked[0]) {
                    findings.add("the chain ends at link " + walked[0] + ", before its checkpoint of " + checkpoint.madeAt()
                            + " at link " + checkpoint.seq() + ": links were deleted");
                }
                checkTimeStamp(checkpoint, findings);
            }
            Stored last = checkpoints.isEmpty() ? null : ((TreeMap<Long, Stored>) checkpoints).lastEntry().getValue();
            return new Result(findings.count == 0, walked[2] + outside, walked[0], walked[1], checkpoints.size(),
                    last == null ? null : last.madeAt(), last == null ? 0 : last.seq(), findings.count, List.copyOf(findings.named));
        } catch (SQLException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the audit trail cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<Long, Stored> checkpoints(Connection connection) throws SQLException {
        Map<Long, Stored> checkpoints = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT SEQ, HEAD_HASH, MADE_AT, TIME_STAMP FROM SIGNET_AUDIT_CHECKPOINT ORDER BY SEQ");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                checkpoints.put(rows.getLong(1), new Stored(rows.getLong(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                        rows.getBytes(4)));
            }
        }
        return checkpoints;
    }

    /** The chain from its first link: {last link, events before the seal, events linked}. */
    private static long[] walkChain(Connection connection, Map<Long, Stored> checkpoints, Findings findings) throws SQLException {
        long expected = 1;
        long unsealedBefore = 0;
        long linked = 0;
        boolean sealSeen = false;
        byte[] previous = AuditLink.START;
        try (PreparedStatement query = connection.prepareStatement("SELECT l.SEQ, l.EVENT_ID, l.LINK_HASH, e.ID, e.OCCURRED_AT, e.ACTOR,"
                + " e.ACTION_NAME, e.OUTCOME, e.SEAL_NAME, e.DOCUMENT_SHA256, e.DETAIL, e.ROW_MAC FROM SIGNET_AUDIT_CHAIN l"
                + " LEFT JOIN SIGNET_AUDIT_EVENT e ON e.ID = l.EVENT_ID ORDER BY l.SEQ")) {
            query.setFetchSize(1000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    long eventId = rows.getLong(2);
                    String stored = rows.getString(3);
                    boolean afterGap = seq != expected;
                    if (afterGap) {
                        findings.add("links " + expected + " to " + (seq - 1) + " of the chain are missing: they were deleted");
                    }
                    expected = seq + 1;
                    String rowMac = rows.getString(12);
                    if (rows.getObject(4) == null) {
                        findings.add("event " + eventId + " (link " + seq + ") was deleted");
                    } else {
                        linked++;
                        if (rowMac == null) {
                            if (sealSeen) {
                                findings.add("event " + eventId + " (link " + seq + ") has no seal: it was written outside Signet");
                            } else {
                                unsealedBefore++;
                            }
                        } else {
                            sealSeen = true;
                            if (!rowMac.equals(seal(rows, 5))) {
                                findings.add("event " + eventId + " (link " + seq + ") was changed or written outside Signet: its seal does not match");
                            }
                        }
                    }
                    if (rows.getObject(4) == null || afterGap) {
                        // the event or the link before is gone: only this stored link can carry the chain on
                        previous = HEX.parseHex(stored);
                    } else {
                        // the chain as the events make it, so that one changed link is named once and a consistently
                        // rewritten tail shows against the checkpoints
                        byte[] computed = AuditLink.hash(previous, seq, eventId, rowMac);
                        if (!HEX.formatHex(computed).equals(stored)) {
                            findings.add("link " + seq + " does not follow from the link before: the chain was rewritten there");
                        }
                        previous = computed;
                    }
                    Stored checkpoint = checkpoints.get(seq);
                    if (checkpoint != null && !HEX.formatHex(previous).equals(checkpoint.headHash())) {
                        findings.add("the chain up to link " + seq + " is not the one time-stamped at " + checkpoint.madeAt());
                    }
                }
            }
        }
        return new long[] {expected - 1, unsealedBefore, linked};
    }

    /** Events the chain does not hold, which after a chaining only an outside writer leaves: how many. */
    private static long eventsOutsideTheChain(Connection connection, Findings findings) throws SQLException {
        long outside = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT e.ID, e.OCCURRED_AT, e.ACTOR, e.ACTION_NAME, e.OUTCOME,"
                + " e.SEAL_NAME, e.DOCUMENT_SHA256, e.DETAIL, e.ROW_MAC FROM SIGNET_AUDIT_EVENT e"
                + " WHERE NOT EXISTS (SELECT 1 FROM SIGNET_AUDIT_CHAIN l WHERE l.EVENT_ID = e.ID) ORDER BY e.ID");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                outside++;
                String rowMac = rows.getString(9);
                findings.add("event " + rows.getLong(1) + " is outside the chain" + (rowMac == null || !rowMac.equals(seal(rows, 2))
                        ? " and its seal does not match: it was written outside Signet" : ": it was added with a date before the chain's"));
            }
        }
        return outside;
    }

    /** The seal of the event whose values start at column {@code first} (time, actor, action, outcome, seal, hash, detail). */
    private static String seal(ResultSet row, int first) throws SQLException {
        return AuditKey.seal(row.getTimestamp(first).toLocalDateTime(), row.getString(first + 1), row.getString(first + 2),
                row.getString(first + 3), row.getString(first + 4), row.getString(first + 5), row.getString(first + 6));
    }

    private void checkTimeStamp(Stored checkpoint, Findings findings) {
        TimeStampToken token = token(checkpoint.timeStamp());
        if (token == null) {
            findings.add("the checkpoint at link " + checkpoint.seq() + " holds no readable time stamp");
            return;
        }
        if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), AuditCheckpoint.statement(checkpoint.seq(), checkpoint.headHash()))) {
            findings.add("the checkpoint at link " + checkpoint.seq() + " was changed: its time stamp covers another head");
            return;
        }
        if (!verifies(token, trustAnchors.anchors())) {
            findings.add("the time stamp of the checkpoint at link " + checkpoint.seq() + " is not signed by a trusted authority");
        }
    }

    static TimeStampToken token(byte[] encoded) {
        try {
            return encoded == null ? null : new TimeStampToken(new CMSSignedData(encoded));
        } catch (CMSException | TSPException | IOException | RuntimeException e) {
            return null;
        }
    }

    /** The token's signature is sound, and its signer is a trust anchor or was certified by one. */
    static boolean verifies(TimeStampToken token, List<X509Certificate> anchors) {
        X509CertificateHolder signer = signer(token);
        if (signer == null) {
            return false;
        }
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(signer);
            for (X509Certificate anchor : anchors) {
                if (anchor.equals(certificate)) {
                    return true;
                }
                if (anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                    try {
                        certificate.verify(anchor.getPublicKey());
                        return true;
                    } catch (GeneralSecurityException e) {
                        // another anchor of the same name may have signed it
                    }
                }
            }
            return false;
        } catch (TSPException | OperatorCreationException | GeneralSecurityException e) {
            return false;
        }
    }

    private static X509CertificateHolder signer(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        var matches = token.getCertificates().getMatches(token.getSID());
        return matches.isEmpty() ? null : (X509CertificateHolder) matches.iterator().next();
    }

    static String authority(TimeStampToken token) {
        X509CertificateHolder signer = signer(token);
        return signer == null ? null : signer.getSubject().toString();
    }
}
