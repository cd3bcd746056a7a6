package org.signet.archive;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
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
import java.util.List;

/**
 * RFC 4998 evidence records: one archive time stamp over a day's root with the entry's reduced hash tree, then the
 * tree's time-stamp renewals.
 */
public final class EvidenceRecords {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

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
        PartialHashtree[] lists = reducedTree.stream().map(PartialHashtree::new).toArray(PartialHashtree[]::new);
        EvidenceRecord record = new EvidenceRecord(null, null,
                new ArchiveTimeStamp(SHA256, lists, ContentInfo.getInstance(timeStampToken)));
        for (byte[] renewal : renewals) {
            record = record.addArchiveTimeStamp(ArchiveTimeStamp.getInstance(renewal), false);
        }
        return record;
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
            ArchiveTimeStamp[] chain = new ERSEvidenceRecord(record, DIGESTS).renewTimeStamp(response).toASN1Structure()
                    .getArchiveTimeStampSequence().getArchiveTimeStampChains()[0].getArchiveTimestamps();
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
