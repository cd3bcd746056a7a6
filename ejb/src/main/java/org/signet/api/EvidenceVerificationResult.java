package org.signet.api;

import org.signet.archive.EvidenceVerification;

import java.time.Instant;
import java.util.List;

/**
 * An evidence record checked over a document: valid (EU DSS: PASSED) or why not, since when it proves the document,
 * with which hash algorithm and time-stamping authority, and when its time stamp must be renewed.
 */
public record EvidenceVerificationResult(boolean valid, String indication, String subIndication, Instant provenAt,
                                         String digestAlgorithm, String timeStampAuthority, Instant renewBefore, List<String> errors) {

    public static EvidenceVerificationResult of(EvidenceVerification.EvidenceVerdict verdict) {
        return new EvidenceVerificationResult(verdict.valid(), verdict.indication(), verdict.subIndication(), verdict.provenAt(),
                verdict.digestAlgorithm(), verdict.timeStampAuthority(), verdict.renewBefore(), List.copyOf(verdict.errors()));
    }
}
