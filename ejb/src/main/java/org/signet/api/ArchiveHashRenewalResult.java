package org.signet.api;

import org.signet.archive.ArchiveSealing;

import java.time.Instant;
import java.util.List;

/**
 * A hash-tree renewal (RFC 4998 §5.3): the hash the evidence was renewed into, how many new trees and entries, and
 * the documents it could not renew because the archive store does not keep them (counted; the first thousand named).
 */
public record ArchiveHashRenewalResult(String algorithm, int newTrees, int renewedEntries, long entriesNotKept,
                                       List<NotKept> notKept) {

    /**
     * An archived document whose evidence waits for its owner to bring it again; {@code format} says what it is (a
     * signed output's format, SIGNATURE_VALUE for a signature value on its own, VERIFIED for a file entered by a
     * verification).
     */
    public record NotKept(String sha256, String format, String documentName, String batch, Instant enteredAt) { }

    public static ArchiveHashRenewalResult of(ArchiveSealing.HashesRenewed renewed) {
        return new ArchiveHashRenewalResult(renewed.algorithm().getJavaName(), renewed.renewals(), renewed.entries(), renewed.notKept(),
                renewed.someNotKept().stream().map(e -> new NotKept(e.documentSha256(), e.format(), e.documentName(), e.batch(),
                        e.enteredAt()))
                        .toList());
    }
}
