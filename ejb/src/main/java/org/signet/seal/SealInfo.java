package org.signet.seal;

import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;

import java.time.Instant;
import java.util.Set;

/** What a caller learns about a seal it may use. */
public record SealInfo(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel,
                       String certificateSubject, String certificateIssuer, Instant validFrom, Instant validTo, boolean archived,
                       boolean keepsDocuments) {
}
