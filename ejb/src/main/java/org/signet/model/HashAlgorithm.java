package org.signet.model;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;

import java.util.Locale;

/** The digests Signet signs with. SHA-1 is not offered: it no longer protects a signature. */
public enum HashAlgorithm {
    SHA256(DigestAlgorithm.SHA256), SHA384(DigestAlgorithm.SHA384), SHA512(DigestAlgorithm.SHA512);

    private final DigestAlgorithm dss;

    HashAlgorithm(DigestAlgorithm dss) {
        this.dss = dss;
    }

    public DigestAlgorithm dss() {
        return dss;
    }

    /** SHA-256, sha384, SHA512 ...; blank means SHA-256. */
    public static HashAlgorithm parse(String value) {
        if (value == null || value.isBlank()) {
            return SHA256;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the hash algorithm '" + value
                    + "' is not one of SHA-256, SHA-384, SHA-512");
        }
    }
}
