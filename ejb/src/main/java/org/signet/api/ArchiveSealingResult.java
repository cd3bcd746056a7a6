package org.signet.api;

import org.signet.archive.ArchiveSealing;

import java.time.Instant;

/** One sealing of the archive: its tree, how many entries it covers, its root and when it was time-stamped; tree 0: nothing waited. */
public record ArchiveSealingResult(long tree, int entries, String rootSha256, Instant timeStampedAt) {

    public static ArchiveSealingResult of(ArchiveSealing.Sealed sealed) {
        return new ArchiveSealingResult(sealed.tree(), sealed.entries(), sealed.rootSha256(), sealed.timeStampedAt());
    }
}
