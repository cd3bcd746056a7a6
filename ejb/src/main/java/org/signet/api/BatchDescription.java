package org.signet.api;

import org.signet.hotfolder.HotFolders;

import java.time.Instant;

/**
 * A hot-folder batch. A listing leaves out what only a poll of one batch computes: {@code pending},
 * {@code documentsPerSecond} and {@code etaSeconds} are then null.
 */
public record BatchDescription(String id, String hotFolder, String name, String state, int signed, int failed, Integer pending,
                               Instant started, Instant finished, Double documentsPerSecond, Long etaSeconds, String problem) {

    public static BatchDescription of(HotFolders.BatchStatus s) {
        return new BatchDescription(s.id(), s.hotFolder(), s.name(), s.state(), s.signed(), s.failed(), null, s.started(),
                s.finished(), null, null, s.problem());
    }

    public static BatchDescription of(HotFolders.BatchProgress p) {
        return new BatchDescription(p.id(), p.hotFolder(), p.name(), p.state(), p.signed(), p.failed(), p.pending(), p.started(),
                p.finished(), p.documentsPerSecond(), p.etaSeconds(), p.problem());
    }
}
