package org.signet.api;

import org.signet.seal.SealInfo;

import java.time.Instant;
import java.util.List;

/** A seal a caller may use: what it makes, whose certificate it carries, and whether what it signs enters the archive. */
public record SealDescription(String name, String description, List<String> formats, String maxLevel, String certificateSubject,
                              String certificateIssuer, Instant validFrom, Instant validTo, boolean archived,
                              boolean keepsDocuments) {

    public static SealDescription of(SealInfo seal) {
        return new SealDescription(seal.name(), seal.description(), seal.formats().stream().sorted().map(Enum::name).toList(),
                seal.maxLevel().name(), seal.certificateSubject(), seal.certificateIssuer(), seal.validFrom(), seal.validTo(), seal.archived(),
                seal.keepsDocuments());
    }
}
