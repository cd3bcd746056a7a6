package org.signet.model;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;

import java.util.Locale;

/** The digests Signet signs with. SHA-1 is not offered: it no longer protects a signature. */
public enum HashAlgorithm {
    SHA256(DigestAlgorithm.SHA256, 32), SHA384(DigestAlgorithm.SHA384, 48), SHA512(DigestAlgorithm.SHA512, 64);

    private final DigestAlgorithm dss;
    private final int digestBytes;

    HashAlgorithm(DigestAlgorithm dss, int digestBytes) {
        this.dss = dss;
        this.digestBytes = digestBytes;
    }

    public DigestAlgorithm dss() {
        return dss;
    }

    /** The length of a digest it makes. */
    public int digestBytes() {
        return digestBytes;
    }

    /** The digest, refused unless it is as long as one this algorithm makes ("a SHA-256 hash has 32 bytes, not 3"). */
    public byte[] requireLength(byte[] digest, String noun) {
        if (digest.length != digestBytes) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "a " + standardName() + " " + noun + " has "
                    + digestBytes + " bytes, not " + digest.length);
        }
        return digest;
    }

    /** Its name as JCA and RFC 8551's micalg spell it, in upper case: SHA-256, SHA-384, SHA-512. */
    public String standardName() {
        return dss.getJavaName();
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
