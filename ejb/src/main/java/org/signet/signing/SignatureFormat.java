package org.signet.signing;

/** The AdES family of a signature. */
public enum SignatureFormat {
    /** PDF signature embedded in the document (ETSI EN 319 142). */
    PADES,
    /** CMS signature, detached (.p7s) or attached (.p7m) (ETSI EN 319 122). */
    CADES,
    /** XML signature: enveloped in an XML document, enveloping any content, or detached (ETSI EN 319 132). */
    XADES
}
