package org.signet.model;

import java.util.List;
import java.util.Locale;

/** The AdES family of a signature, or a bare signature value. */
public enum SignatureFormat {
    /** PDF signature embedded in the document (ETSI EN 319 142). */
    PADES,
    /** CMS signature, detached (.p7s) or attached (.p7m) (ETSI EN 319 122). */
    CADES,
    /** XML signature: enveloped in an XML document, enveloping any content, or detached (ETSI EN 319 132). */
    XADES,
    /**
     * A bare signature value over a digest the caller made (RSA PKCS #1 v1.5, or ECDSA), what a remote signature service
     * answers (CSC {@code signatures/signHash}). It signs whatever the digest stands for, so a seal makes one only
     * when its formats name HASH; it has no AdES level beyond B.
     */
    HASH;

    /** A signature format of documents, such as a hot folder signs: not HASH, which signs a caller's digest. */
    public static SignatureFormat parseForDocuments(String value) {
        SignatureFormat format = parse(value);
        if (format == HASH) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "HASH signs a caller's digest, not documents: one of "
                    + List.of(PADES, CADES, XADES));
        }
        return format;
    }

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
