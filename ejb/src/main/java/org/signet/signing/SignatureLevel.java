package org.signet.signing;

/** ETSI baseline levels, in increasing order of long-term value. */
public enum SignatureLevel {
    B, T, LT, LTA;

    public boolean atMost(SignatureLevel other) {
        return compareTo(other) <= 0;
    }
}
