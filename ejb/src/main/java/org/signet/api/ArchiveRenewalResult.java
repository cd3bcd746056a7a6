package org.signet.api;

/** How many sealed trees got a new archive time stamp (RFC 4998 §5.2). */
public record ArchiveRenewalResult(int renewedTrees) {
}
