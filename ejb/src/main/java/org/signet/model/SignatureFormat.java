package org.signet.model;

/** The AdES family of a signature. */
public enum SignatureFormat {
    /** PDF signature embedded in the document (ETSI EN 319 142). */
    PADES,
    /** CMS signature, detached (.p7s) or attached (.p7m) (ETSI EN 319 122). */
    CADES,
    /** XML signature: enveloped in an XML document, enveloping any content, or detached (ETSI EN 319 132). */
    XADES;

    /** PADES, cades, XAdES ...: what the faces send. */
    public static SignatureFormat parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new org.signet.model.SignetException(org.signet.model.SignetException.Kind.INVALID_INPUT,
                    "the format '" + value + "' is not one of " + java.util.List.of(values()));
        }
    }
}
