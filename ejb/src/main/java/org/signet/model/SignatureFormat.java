package org.signet.model;

import java.util.List;
import java.util.Locale;

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
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the format '" + value + "' is not one of " + List.of(values()));
        }
    }
}
