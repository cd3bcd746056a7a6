package org.signet.seal;

import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a caller learns about a seal it may use, with the conditions its requests must meet: a one-time code with each
 * ({@code requiresOneTimeCode}), the computers it signs for (none: any) and its hours in a zone (none: any time).
 */
public record SealInfo(String name, String description, Set<SignatureFormat> formats, SignatureLevel maxLevel,
                       String certificateSubject, String certificateIssuer, Instant validFrom, Instant validTo, boolean archived,
                       boolean keepsDocuments, boolean requiresOneTimeCode, List<String> clients, String hours, String hoursZone,
                       String tokenScope, boolean certificateRequired) {
}
