package org.signet.api;

import org.signet.archive.ArchiveService;

/** Where the archive stands: entries waiting for the next sealing, entries sealed, and the last sealed tree. */
public record ArchiveDescription(long unsealedEntries, long sealedEntries, long trees, ArchiveSealingResult lastTree) {

    public static ArchiveDescription of(ArchiveService.ArchiveState state) {
        return new ArchiveDescription(state.unsealedEntries(), state.sealedEntries(), state.trees(),
                state.lastTree() == null ? null : ArchiveSealingResult.of(state.lastTree()));
    }
}
