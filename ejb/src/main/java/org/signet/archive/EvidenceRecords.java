package org.signet.archive;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.ArchiveTimeStampChain;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.asn1.tsp.PartialHashtree;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.bouncycastle.tsp.ers.ERSException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.List;

/**
 * RFC 4998 evidence records: one archive time stamp over a day's root with the entry's reduced hash tree, then the
 * tree's time-stamp renewals; after each hash-tree renewal (§5.3) a further chain of the same kind in its algorithm.
 */
public final class EvidenceRecords {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    /**
     * One archive time-stamp chain of an entry's record: the hash algorithm of the chain, the reduced hash tree under
     * its first time stamp, that time stamp (an RFC 3161 token) and the chain's time-stamp renewals (archive time
     * stamps, DER), oldest first.
     */
    public record Chain(DigestAlgorithm algorithm, List<byte[][]> reducedTree, byte[] timeStampToken, List<byte[]> renewals) {
        public Chain {
            reducedTree = List.copyOf(reducedTree);
            renewals = List.copyOf(renewals);
        }
    }

    private static final DigestCalculatorProvider DIGESTS = digests();

    private EvidenceRecords() { }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER evidence record of an entry: its reduced hash tree and the RFC 3161 token over the tree's root. */
    public static byte[] encode(List<byte[][]> reducedTree, byte[] timeStampToken) {
        return encode(reducedTree, timeStampToken, List.of());
    }

    /** The same, with the tree's time-stamp renewals (archive time stamps, DER) after the first, in order. */
    public static byte[] encode(List<byte[][]> reducedTree, byte[] timeStampToken, List<byte[]> renewals) {
        return encoded(record(reducedTree, timeStampToken, renewals));
    }

    static EvidenceRecord record(List<byte[][]> reducedTree, byte[] timeStampToken, List<byte[]> renewals) {
        return record(List.of(new Chain(DigestAlgorithm.SHA256, reducedTree, timeStampToken, renewals)));
    }

    /** The DER evidence record of an entry whose tree was renewed with new hash algorithms: one chain each, oldest first. */
    public static byte[] encode(List<Chain> chains) {
        return encoded(record(chains));
    }

    static EvidenceRecord record(List<Chain> chains) {
        EvidenceRecord record = null;
        for (Chain chain : chains) {
            PartialHashtree[] lists = chain.reducedTree().stream().map(PartialHashtree::new).toArray(PartialHashtree[]::new);
            AlgorithmIdentifier algorithm = chain.algorithm() == DigestAlgorithm.SHA256 ? SHA256
                    : new AlgorithmIdentifier(new ASN1ObjectIdentifier(chain.algorithm().getOid()));
            ArchiveTimeStamp first = new ArchiveTimeStamp(algorithm, lists, ContentInfo.getInstance(chain.timeStampToken()));
            record = record == null ? new EvidenceRecord(null, null, first) : record.addArchiveTimeStamp(first, true);
            for (byte[] renewal : chain.renewals()) {
                record = record.addArchiveTimeStamp(ArchiveTimeStamp.getInstance(renewal), false);
            }
        }
        return record;
    }

    /**
     * The leaf of an entry in a hash-tree renewal's tree: RFC 4998 §5.3's h(i) = H(h(d(i)) + ha(i)), the two hashes
     * concatenated in that order (not sorted, unlike a tree's nodes), as Bouncy Castle and EU DSS compute it. The
     * entry's reduced hash tree in the renewed chain is then the usual one over these leaves.
     */
    public static byte[] renewedLeaf(MessageDigest newAlgorithm, byte[] documentHash, byte[] sequenceHash) {
        newAlgorithm.update(documentHash);
        return newAlgorithm.digest(sequenceHash);
    }

    /**
     * RFC 4998 §5.3's ha(i) for a hash-tree renewal: the hash, in the new algorithm, of the entry's whole
     * ArchiveTimeStampSequence (DER) as it stands.
     */
    public static byte[] sequenceHash(List<Chain> chains, MessageDigest newAlgorithm) {
        try {
            return newAlgorithm.digest(record(chains).getArchiveTimeStampSequence().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The archive time stamp that renews a tree's chain (RFC 4998 §5.2), as Bouncy Castle makes it: the request to
     * send to a time-stamping authority from an entry's record (any entry: the chain's time stamps are the tree's),
     * then the renewal from the authority's token.
     */
    public static TimeStampRequest renewalRequest(EvidenceRecord record) {
        try {
            return new ERSEvidenceRecord(record, DIGESTS).generateTimeStampRenewalRequest(new TimeStampRequestGenerator());
        } catch (TSPException | ERSException e) {
            throw new IllegalStateException("the renewal of an evidence record could not be prepared: " + e.getMessage(), e);
        }
    }

    public static byte[] renewal(EvidenceRecord record, byte[] timeStampToken) {
        try {
            TimeStampResponse response = new TimeStampResponse(new TimeStampResp(new PKIStatusInfo(PKIStatus.granted),
                    ContentInfo.getInstance(timeStampToken)));
            ArchiveTimeStampChain[] chains = new ERSEvidenceRecord(record, DIGESTS).renewTimeStamp(response).toASN1Structure()
                    .getArchiveTimeStampSequence().getArchiveTimeStampChains();
            ArchiveTimeStamp[] chain = chains[chains.length - 1].getArchiveTimestamps();
            return chain[chain.length - 1].getEncoded(ASN1Encoding.DER);
        } catch (TSPException | ERSException | IOException e) {
            throw new IllegalStateException("the renewal of an evidence record could not be made: " + e.getMessage(), e);
        }
    }

    private static byte[] encoded(EvidenceRecord record) {
        try {
            return record.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
