package org.signet.api;

import org.signet.archive.EvidenceVerification;

import java.time.Instant;
import java.util.List;

/**
 * An evidence record checked over a document: valid (EU DSS: PASSED) or why not, since when it proves the document,
 * with which hash algorithm and time-stamping authority, when its time stamp must be renewed, and each of its time
 * stamps, oldest first.
 */
public record EvidenceVerificationResult(boolean valid, String indication, String subIndication, Instant provenAt,
                                         String digestAlgorithm, String timeStampAuthority, Instant renewBefore, List<String> errors,
                                         List<TimeStampResult> timeStamps) {

    /**
     * When, by whom, over which hash; intact (signature and message imprint); until when its authority's certificate
     * holds; the record's chain it belongs to (1 the first, each hash-tree renewal begins another; absent for XML).
     */
    public record TimeStampResult(Instant time, String authority, String digestAlgorithm, boolean intact, Instant authorityValidTo,
                                  Integer chain) { }

    public static EvidenceVerificationResult of(EvidenceVerification.EvidenceVerdict verdict) {
        return new EvidenceVerificationResult(verdict.valid(), verdict.indication(), verdict.subIndication(), verdict.provenAt(),
                verdict.digestAlgorithm(), verdict.timeStampAuthority(), verdict.renewBefore(), List.copyOf(verdict.errors()),
                verdict.timeStamps().stream().map(t -> new TimeStampResult(t.time(), t.authority(), t.digestAlgorithm(), t.intact(),
                        t.authorityValidTo(), t.chain())).toList());
    }
}
