package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;
import org.signet.timestamp.TimeStampAuthorities;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Seals the archive: one hash tree over every entry entered since the last sealing, one RFC 3161 time stamp over
 * its root, and the tree recorded with each entry's leaf in one commit. A sealing killed at any moment leaves the
 * entries unsealed (a tree file without its record is rewritten by the next sealing), so each entry ends in exactly
 * one sealed tree. A time-stamping authority that cannot be reached fails the sealing and the entries wait.
 */
@Singleton
@PermitAll
@Lock(LockType.WRITE)
@AccessTimeout(value = 30, unit = TimeUnit.MINUTES) // a second sealing waits for the first, which may take a while
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ArchiveSealing {

    private static final Logger LOG = Logger.getLogger(ArchiveSealing.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    /** What a sealing did; {@code tree} 0 when there was nothing to seal. */
    public record Sealed(long tree, int entries, String rootSha256, Instant timeStampedAt) { }

    @EJB
    private ArchiveTrees trees;
    @EJB
    private TransparencyLog log;
    @EJB
    private AuditLog audit;
    @Inject
    private SignetConfiguration configuration;
    @Resource(lookup = "java:jboss/datasources/SignetDS")
    private DataSource dataSource;

    public Sealed seal(String actor) {
        Unsealed unsealed = unsealed();
        if (unsealed.count() == 0) {
            return new Sealed(0, 0, null, null);
        }
        long id = trees.nextId();
        Path file = treeFile(configuration, id);
        byte[] root;
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file); // an earlier sealing's that died before its commit: nothing refers to it
            root = HashTree.write(unsealed.leaves(), file);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the archive's hash tree could not be written: " + e, e);
        }
        TimeStampToken token = timeStamp(root);
        Instant stampedAt = token.getTimeStampInfo().getGenTime().toInstant();
        byte[] encoded = encoded(token);
        ArchiveTree tree = new ArchiveTree(id, Instant.now(), unsealed.count(), HEX.formatHex(root), stampedAt, encoded);
        trees.commit(tree, unsealed.ids());
        publishLogHead(id);
        audit.record(new AuditEvent(Instant.now(), actor, AuditEvent.Action.ARCHIVE_SEALED, AuditEvent.Outcome.SUCCESS, null, null,
                "tree " + id + ": " + unsealed.count() + " entries, root " + tree.rootSha256() + ", time-stamped " + stampedAt));
        LOG.info(() -> "archive tree " + id + " sealed: " + unsealed.count() + " entries, time-stamped " + stampedAt);
        return new Sealed(id, unsealed.count(), tree.rootSha256(), stampedAt);
    }

    /**
     * A time-stamped head of the log after the tree {@code size} (ids run from 1 without gaps: a sealing commits its id
     * or nothing). A head that cannot be time-stamped is left out: the next sealing's head covers this tree too.
     */
    private void publishLogHead(long size) {
        try {
            List<byte[]> leaves = log.leafHashes();
            byte[] root = MerkleLog.root(leaves, (int) size);
            long now = System.currentTimeMillis();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(LogHead.treeHeadData(now, size, root));
            log.store(new LogHead(size, root, now, encoded(timeStamp(digest))));
        } catch (RuntimeException | NoSuchAlgorithmException e) {
            LOG.warning(() -> "the log's head after tree " + size + " could not be time-stamped; the next sealing's head covers it: "
                    + e.getMessage());
        }
    }

    /**
     * Renews the time stamps of every sealed tree whose last time stamp's certificate expires within {@code within}
     * (null: {@code signet.archive.renew-days-before}): one new archive time stamp per tree (RFC 4998 §5.2), appended to
     * each of its entries' records. Returns how many trees were renewed.
     */
    public int renew(String actor, Duration within) {
        Instant horizon = Instant.now().plus(within == null ? configuration.archiveRenewal() : within);
        int renewed = 0;
        for (ArchiveTree tree : trees.all()) {
            List<ArchiveRenewal> earlier = trees.renewalsOf(tree.id());
            List<byte[]> renewals = earlier.stream().map(ArchiveRenewal::archiveTimeStamp).toList();
            EvidenceRecord record;
            try {
                byte[] lastToken = renewals.isEmpty() ? tree.timeStamp()
                        : ArchiveTimeStamp.getInstance(renewals.get(renewals.size() - 1)).getTimeStamp().getEncoded(ASN1Encoding.DER);
                if (!expiresBefore(lastToken, horizon)) {
                    continue;
                }
                record = EvidenceRecords.record(HashTree.reducedTree(treeFile(configuration, tree.id()), tree.leaves(), 0),
                        tree.timeStamp(), renewals);
            } catch (IOException e) {
                throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the hash tree of archive tree " + tree.id()
                        + " cannot be read: " + e.getMessage(), e);
            }
            TimeStampToken token = timeStamp(EvidenceRecords.renewalRequest(record).getMessageImprintDigest());
            // The XML form's chain goes on from its own last time stamp, while it has one for every renewal.
            byte[] lastXml = earlier.isEmpty() ? tree.timeStamp() : earlier.get(earlier.size() - 1).xmlTimeStamp();
            byte[] xmlToken = lastXml == null ? null : encoded(timeStamp(XmlEvidenceRecords.renewalDigest(lastXml)));
            trees.renewed(new ArchiveRenewal(tree.id(), Instant.now(), token.getTimeStampInfo().getGenTime().toInstant(),
                    EvidenceRecords.renewal(record, encoded(token)), xmlToken));
            renewed++;
        }
        if (renewed > 0) {
            int count = renewed;
            audit.record(new AuditEvent(Instant.now(), actor, AuditEvent.Action.ARCHIVE_RENEWED, AuditEvent.Outcome.SUCCESS, null,
                    null, count + " tree(s) whose time stamps' certificates expire before " + horizon + " time-stamped anew"));
        }
        return renewed;
    }

    private static boolean expiresBefore(byte[] token, Instant horizon) {
        try {
            TimeStampToken parsed = new TimeStampToken(ContentInfo.getInstance(token));
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> signers = parsed.getCertificates().getMatches(parsed.getSID());
            for (X509CertificateHolder certificate : signers) {
                return certificate.getNotAfter().toInstant().isBefore(horizon);
            }
            return true; // a token without its certificate: renewed, since nobody can say how long it holds
        } catch (TSPException | IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "an archive time stamp cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] encoded(TimeStampToken token) {
        try {
            return token.getEncoded();
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the archive's time stamp cannot be encoded", e);
        }
    }

    static Path treeFile(SignetConfiguration configuration, long tree) {
        return configuration.dataDirectory().resolve("archive").resolve("trees").resolve(tree + ".sha256tree");
    }

    /** The entries not in a sealed tree, in the order they were entered: their ids and their hashes as leaves. */
    private record Unsealed(long[] ids, byte[] leaves, int count) { }

    private Unsealed unsealed() {
        long[] ids = new long[1024];
        byte[] leaves = new byte[1024 * HashTree.HASH_BYTES];
        int count = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(ArchiveEntry.SELECT_WAITING)) {
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (count == ids.length) {
                        ids = Arrays.copyOf(ids, count * 2);
                        leaves = Arrays.copyOf(leaves, count * 2 * HashTree.HASH_BYTES);
                    }
                    ids[count] = rows.getLong(1);
                    System.arraycopy(HEX.parseHex(rows.getString(2)), 0, leaves, count * HashTree.HASH_BYTES, HashTree.HASH_BYTES);
                    count++;
                }
            }
        } catch (SQLException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the archive's journal cannot be read: " + e.getMessage(), e);
        }
        return new Unsealed(Arrays.copyOf(ids, count), Arrays.copyOf(leaves, count * HashTree.HASH_BYTES), count);
    }

    /** One time stamp over the root, from the configured authorities in order (else Signet's own), checked. */
    private TimeStampToken timeStamp(byte[] root) {
        return TimeStampAuthorities.stamp(configuration, root, "the archive (its entries wait)");
    }
}
