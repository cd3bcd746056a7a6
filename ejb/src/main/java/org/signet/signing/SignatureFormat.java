package org.signet.signing;

/** The AdES family of a signature. */
public enum SignatureFormat {
    /** PDF signature embedded in the document (ETSI EN 319 142). */
    PADES,
    /** CMS signature, detached from the signed file (ETSI EN 319 122). */
    CADES
}
