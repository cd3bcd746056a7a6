package org.signet.api;

import org.signet.archive.ArchiveService;

/** An archived document brought back to the archive store: its SHA-256 and how many archive entries it is. */
public record KeptDocument(String sha256, int entries) {

    public static KeptDocument of(ArchiveService.Kept kept) {
        return new KeptDocument(kept.sha256(), kept.entries());
    }
}
