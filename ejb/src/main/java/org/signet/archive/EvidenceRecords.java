package org.signet.archive;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.asn1.tsp.PartialHashtree;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** RFC 4998 evidence records: one archive time stamp over a day's root, with the entry's reduced hash tree. */
public final class EvidenceRecords {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private EvidenceRecords() { }

    /** The DER evidence record of an entry: its reduced hash tree and the RFC 3161 token over the tree's root. */
    public static byte[] encode(List<byte[][]> reducedTree, byte[] timeStampToken) {
        PartialHashtree[] lists = reducedTree.stream().map(PartialHashtree::new).toArray(PartialHashtree[]::new);
        ArchiveTimeStamp stamp = new ArchiveTimeStamp(SHA256, lists, ContentInfo.getInstance(timeStampToken));
        try {
            return new EvidenceRecord(null, null, stamp).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
