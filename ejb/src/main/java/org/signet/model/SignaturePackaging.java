package org.signet.model;


import java.util.Locale;

/** Where the signature sits relative to what it signs. */
public enum SignaturePackaging {
    /** Inside the signed XML document (XAdES). */
    ENVELOPED,
    /** Around the signed content: CAdES "attached" (.p7m), XAdES with the content in a ds:Object. */
    ENVELOPING,
    /** Beside the signed file, which stays untouched (.p7s, XAdES detached). */
    DETACHED;

    /** What the faces send; "attached" is the usual CAdES word for enveloping. Blank means the format's default. */
    public static SignaturePackaging parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.equals("ATTACHED")) {
            return ENVELOPING;
        }
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT,
                    "the packaging '" + value + "' is not one of enveloped, enveloping (attached), detached");
        }
    }

    public eu.europa.esig.dss.enumerations.SignaturePackaging dss() {
        return eu.europa.esig.dss.enumerations.SignaturePackaging.valueOf(name());
    }
}
