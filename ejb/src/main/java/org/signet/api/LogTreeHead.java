package org.signet.api;

import org.signet.archive.LogHead;

import java.time.Instant;
import java.util.Base64;

/**
 * A head of the archive's log: its size, its root (hex), when it was made (milliseconds since the epoch, as in RFC 9162's
 * TreeHeadDataV2) and the RFC 3161 token (base64, DER) over the SHA-256 of that TreeHeadDataV2.
 */
public record LogTreeHead(long treeSize, String rootSha256, long timestamp, Instant madeAt, String timeStampToken) {

    public static LogTreeHead of(LogHead head) {
        return new LogTreeHead(head.treeSize(), head.rootSha256(), head.timestamp(), Instant.ofEpochMilli(head.timestamp()),
                Base64.getEncoder().encodeToString(head.timeStamp()));
    }
}
