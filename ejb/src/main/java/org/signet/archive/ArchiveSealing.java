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
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampToken;
import org.signet.audit.AuditEvent;
import org.signet.audit.AuditLog;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;
import org.signet.timestamp.TimeStampAuthorities;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        byte[] root = writeTree(HashTree.sha256(), unsealed.leaves(), treeFile(configuration, id));
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
     * Renews the time stamps of every chain of every sealed tree whose last time stamp's certificate expires within
     * {@code within} (null: {@code signet.archive.renew-days-before}) or whose signature hashes with an algorithm
     * configured as weak: one new archive time stamp per chain (RFC 4998 §5.2), appended to the records of the entries
     * that chain ends. A chain in a weak hash is left to hash-tree renewal. Returns how many chains were renewed.
     */
    public int renew(String actor, Duration within) {
        Instant horizon = Instant.now().plus(within == null ? configuration.archiveRenewal() : within);
        Set<DigestAlgorithm> weak = configuration.weakArchiveHashes();
        int renewed = 0;
        List<String> failed = new ArrayList<>();
        for (ArchiveTree tree : trees.all()) {
            TreeEvidence evidence = trees.evidenceOf(tree.id());
            // one chain that cannot be renewed (an authority that signs with a weak hash) does not hold up the others
            try {
                if (!weak.contains(DigestAlgorithm.SHA256) && renewChain(evidence, null, 0, 0, horizon)) {
                    renewed++;
                }
            } catch (SignetException e) {
                failed.add(e.getMessage());
            }
            for (HashTreeRenewal chain : evidence.hashRenewals()) {
                if (!weak.contains(TreeEvidence.algorithm(chain))) {
                    ArchiveEntry first = trees.firstEntryOf(chain.id());
                    try {
                        if (renewChain(trees.evidenceOf(tree.id(), first.id()), chain, first.id(), first.leaf(), horizon)) {
                            renewed++;
                        }
                    } catch (SignetException e) {
                        failed.add(e.getMessage());
                    }
                }
            }
        }
        if (!failed.isEmpty()) {
            audit.record(new AuditEvent(Instant.now(), actor, AuditEvent.Action.ARCHIVE_RENEWED, AuditEvent.Outcome.FAILED, null, null,
                    failed.size() + " chain(s) not renewed (" + renewed + " were): " + failed.get(0)));
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, failed.size() + " chain(s) of the archive could not be"
                    + " renewed (" + renewed + " were): " + failed.get(0));
        }
        if (renewed > 0) {
            int count = renewed;
            audit.record(new AuditEvent(Instant.now(), actor, AuditEvent.Action.ARCHIVE_RENEWED, AuditEvent.Outcome.SUCCESS, null,
                    null, count + " chain(s) whose last time stamps' certificates expire before " + horizon
                    + " or that were signed with a weak hash time-stamped anew"));
        }
        return renewed;
    }

    /**
     * Renews one chain (the first when {@code chain} is null) if its last time stamp is due, as the record of the
     * given entry (any entry of the chain: its time stamps are the same for all) shows it.
     */
    private boolean renewChain(TreeEvidence evidence, HashTreeRenewal chain, long entry, int leaf, Instant horizon) {
        long tree = evidence.tree().id();
        List<EvidenceRecords.Chain> chains;
        try {
            chains = evidence.chains(configuration, entry, leaf, chain == null ? TreeEvidence.FIRST_CHAIN : chain.id());
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the hash trees of archive tree " + tree
                    + " cannot be read: " + e.getMessage(), e);
        }
        EvidenceRecords.Chain last = chains.get(chains.size() - 1);
        TimeStampToken lastToken = parsed(last.renewals().isEmpty() ? ContentInfo.getInstance(last.timeStampToken())
                : ArchiveTimeStamp.getInstance(last.renewals().get(last.renewals().size() - 1)).getTimeStamp());
        if (!expiresBefore(lastToken, horizon) && weakSignatureHash(lastToken) == null) {
            return false;
        }
        EvidenceRecord record = EvidenceRecords.record(chains);
        TimeStampRequest request = EvidenceRecords.renewalRequest(record);
        TimeStampToken token = timeStamp(DigestAlgorithm.forOID(request.getMessageImprintAlgOID().getId()), request.getMessageImprintDigest());
        DigestAlgorithm weak = weakSignatureHash(token);
        if (weak != null) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the time-stamping authority signs with " + weak.getJavaName()
                    + ", which " + SignetConfiguration.WEAK_ARCHIVE_HASHES + " counts as weak: archive tree " + tree + " keeps its"
                    + " time stamps until an authority that signs with a stronger hash is configured");
        }
        byte[] xmlToken = null;
        if (chain == null) {
            // The XML form's chain goes on from its own last time stamp, while it has one for every renewal.
            List<ArchiveRenewal> earlier = evidence.firstChainRenewals();
            byte[] lastXml = earlier.isEmpty() ? evidence.tree().timeStamp() : earlier.get(earlier.size() - 1).xmlTimeStamp();
            xmlToken = lastXml == null ? null : encoded(timeStamp(XmlEvidenceRecords.renewalDigest(lastXml)));
        }
        trees.renewed(new ArchiveRenewal(tree, chain == null ? null : chain.id(), Instant.now(),
                token.getTimeStampInfo().getGenTime().toInstant(), EvidenceRecords.renewal(record, encoded(token)), xmlToken));
        return true;
    }

    /**
     * Writes a tree's file and returns its root. A file already there is an earlier sealing's or renewal's that died
     * before its commit: nothing refers to it, and it is written anew.
     */
    private static byte[] writeTree(MessageDigest digest, byte[] leaves, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            return HashTree.write(digest, leaves, file);
        } catch (IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the archive's hash tree could not be written: " + e, e);
        }
    }

    /** The daily job's hash-tree renewal: of the entries whose evidence ends in a hash configured as weak; null when none is. */
    public HashesRenewed renewWeakHashes(String actor) {
        Set<DigestAlgorithm> weak = configuration.weakArchiveHashes();
        return weak.isEmpty() ? null : renewHashes(actor, configuration.archiveHash(), weak);
    }

    /** What a hash-tree renewal did, and the entries it could not renew since the archive store does not keep their documents. */
    public record HashesRenewed(DigestAlgorithm algorithm, int renewals, int entries, long notKept, List<ArchiveEntry> someNotKept) {
        public static final int LISTED = 1000;
    }

    /**
     * Renews the hash trees (RFC 4998 §5.3) of the entries whose evidence ends in a chain of another hash (of one of
     * {@code from}, when given): each entry's kept document is hashed anew with {@code algorithm} together with its
     * evidence so far, and each sealed tree's renewed entries get one new tree and one time stamp in that hash. Entries
     * whose documents the store does not keep are counted and the first {@value HashesRenewed#LISTED} listed, so that
     * their owners can bring the documents again.
     */
    public HashesRenewed renewHashes(String actor, DigestAlgorithm algorithm, Set<DigestAlgorithm> from) {
        DocumentStore store = new DocumentStore(configuration.archiveStore());
        long lastRenewal = trees.lastRenewalId();
        int renewals = 0;
        int entries = 0;
        long notKept = 0;
        List<ArchiveEntry> someNotKept = new ArrayList<>();
        for (ArchiveTree tree : trees.all()) {
            TreeEvidence evidence = trees.evidenceOfAll(tree.id());
            MessageDigest digest = HashTree.digest(algorithm);
            int size = digest.getDigestLength();
            ByteArrayOutputStream leaves = new ByteArrayOutputStream();
            List<Long> renewed = new ArrayList<>();
            for (ArchiveEntry entry : trees.entriesOf(tree.id())) {
                DigestAlgorithm last = evidence.lastAlgorithm(entry.id());
                if (from == null ? last == algorithm : !from.contains(last)) {
                    continue;
                }
                Optional<byte[]> documentHash = store.hashAnew(entry.documentSha256(), digest);
                if (documentHash.isEmpty()) {
                    if (someNotKept.size() < HashesRenewed.LISTED) {
                        someNotKept.add(entry);
                    }
                    notKept++;
                    continue;
                }
                try {
                    byte[] sequenceHash = EvidenceRecords.sequenceHash(evidence.chains(configuration, entry.id(), entry.leaf(),
                            TreeEvidence.ALL_CHAINS), digest);
                    leaves.writeBytes(EvidenceRecords.renewedLeaf(digest, documentHash.get(), sequenceHash));
                } catch (IOException e) {
                    throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the hash trees of archive tree " + tree.id()
                            + " cannot be read: " + e.getMessage(), e);
                }
                renewed.add(entry.id());
            }
            if (renewed.isEmpty()) {
                continue;
            }
            long id = trees.nextHashRenewalId();
            byte[] root = writeTree(digest, leaves.toByteArray(), hashRenewalFile(configuration, id));
            TimeStampToken token = timeStamp(algorithm, root);
            trees.commit(new HashTreeRenewal(id, tree.id(), algorithm.name(), renewed.size(), HEX.formatHex(root), Instant.now(),
                    token.getTimeStampInfo().getGenTime().toInstant(), encoded(token), lastRenewal),
                    renewed.stream().mapToLong(Long::longValue).toArray());
            renewals++;
            entries += renewed.size();
            LOG.info("archive tree " + tree.id() + ": " + renewed.size() + " entries renewed into " + algorithm.getJavaName()
                    + " (hash-tree renewal " + id + ", " + size * 8 + "-bit leaves)");
        }
        if (renewals > 0 || notKept > 0) {
            audit.record(new AuditEvent(Instant.now(), actor, AuditEvent.Action.ARCHIVE_RENEWED, AuditEvent.Outcome.SUCCESS, null, null,
                    "hash trees renewed into " + algorithm.getJavaName() + ": " + entries + " entries in " + renewals + " new trees; "
                    + notKept + " entries wait for their documents, which the archive store does not keep"));
        }
        return new HashesRenewed(algorithm, renewals, entries, notKept, List.copyOf(someNotKept));
    }

    /** The hash the token's authority signed with, when it is configured as weak; else null. */
    private DigestAlgorithm weakSignatureHash(TimeStampToken token) {
        DigestAlgorithm signed = DigestAlgorithm.forOID(token.toCMSSignedData().getSignerInfos().getSigners().iterator().next().getDigestAlgOID());
        return configuration.weakArchiveHashes().contains(signed) ? signed : null;
    }

    private static TimeStampToken parsed(ContentInfo token) {
        try {
            return new TimeStampToken(token);
        } catch (TSPException | IOException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "an archive time stamp cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean expiresBefore(TimeStampToken token, Instant horizon) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> signers = token.getCertificates().getMatches(token.getSID());
        for (X509CertificateHolder certificate : signers) {
            return certificate.getNotAfter().toInstant().isBefore(horizon);
        }
        return true; // a token without its certificate: renewed, since nobody can say how long it holds
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

    static Path hashRenewalFile(SignetConfiguration configuration, long renewal) {
        return configuration.dataDirectory().resolve("archive").resolve("trees").resolve("renewal-" + renewal + ".tree");
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
        return timeStamp(DigestAlgorithm.SHA256, root);
    }

    private TimeStampToken timeStamp(DigestAlgorithm algorithm, byte[] hash) {
        return TimeStampAuthorities.stamp(configuration, algorithm, hash, "the archive (its entries wait)");
    }
}
