package org.signet.model;


import java.util.Locale;

/**
 * ETSI baseline levels, in increasing order of long-term value: B (signature), T (+ time-stamp),
 * LT (+ certificates and revocation data), LTA (+ archive time-stamp, renewable for decades).
 */
public enum SignatureLevel {
    B, T, LT, LTA;

    public boolean atMost(SignatureLevel other) {
        return compareTo(other) <= 0;
    }

    /** What the faces send: B, T, LT or LTA in any case, blank for B. */
    public static SignatureLevel parse(String value) {
        if (value == null || value.isBlank()) {
            return B;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the level '" + value + "' is not one of B, T, LT, LTA");
        }
    }

    public eu.europa.esig.dss.enumerations.SignatureLevel dss(SignatureFormat format) {
        String family = switch (format) {
            case PADES -> "PAdES";
            case CADES -> "CAdES";
            case XADES -> "XAdES";
            case HASH -> throw new SignetException(SignetException.Kind.INVALID_INPUT, "a bare signature value has no AdES level");
        };
        return eu.europa.esig.dss.enumerations.SignatureLevel.valueOf(family + "_BASELINE_" + name());
    }
}
