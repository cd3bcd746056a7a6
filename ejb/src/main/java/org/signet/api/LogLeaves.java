package org.signet.api;

import org.signet.archive.TransparencyLog;

import java.time.Instant;
import java.util.List;

/** Leaves of the archive's log: each a sealed tree, whose root (hex, 32 bytes) is the leaf's input. */
public record LogLeaves(List<LogLeaf> leaves) {

    public record LogLeaf(long index, long tree, String rootSha256, Instant timeStampedAt) { }

    public static LogLeaves of(List<TransparencyLog.Leaf> leaves) {
        return new LogLeaves(leaves.stream().map(l -> new LogLeaf(l.index(), l.tree(), l.rootSha256(), l.timeStampedAt())).toList());
    }
}
