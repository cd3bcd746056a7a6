package org.signet.remote;

import org.signet.model.HashAlgorithm;
import org.signet.model.SignetException;

import java.util.List;
import java.util.Map;

/**
 * The signature algorithms a credential offers, by object identifier as CSC names them, and the hash algorithm a
 * signHash call means: the one its signAlgo names (sha256WithRSAEncryption, ecdsa-with-SHA384, ...), or for a bare key
 * algorithm (rsaEncryption, ecPublicKey) the hashAlgorithmOID beside it. RSASSA-PSS is not offered.
 */
public final class SignatureAlgorithms {

    static final String RSA = "1.2.840.113549.1.1.1";
    static final String EC = "1.2.840.10045.2.1";

    private static final Map<String, HashAlgorithm> HASHES = Map.of("2.16.840.1.101.3.4.2.1", HashAlgorithm.SHA256,
            "2.16.840.1.101.3.4.2.2", HashAlgorithm.SHA384, "2.16.840.1.101.3.4.2.3", HashAlgorithm.SHA512);
    private static final Map<String, HashAlgorithm> RSA_WITH = Map.of("1.2.840.113549.1.1.11", HashAlgorithm.SHA256,
            "1.2.840.113549.1.1.12", HashAlgorithm.SHA384, "1.2.840.113549.1.1.13", HashAlgorithm.SHA512);
    private static final Map<String, HashAlgorithm> ECDSA_WITH = Map.of("1.2.840.10045.4.3.2", HashAlgorithm.SHA256,
            "1.2.840.10045.4.3.3", HashAlgorithm.SHA384, "1.2.840.10045.4.3.4", HashAlgorithm.SHA512);

    private SignatureAlgorithms() {
    }

    /** What a key of this JCA algorithm (RSA, EC) signs with, as OIDs. */
    public static List<String> offered(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> List.of("1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", RSA);
            case "EC" -> List.of("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4", EC);
            default -> List.of();
        };
    }

    /** The hash algorithm of a signHash call on a key of this JCA algorithm, or a refusal naming what does not fit. */
    public static HashAlgorithm hashOf(String signAlgo, String hashAlgorithmOid, String keyAlgorithm) {
        if (signAlgo == null || signAlgo.isBlank()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "signAlgo is missing");
        }
        Map<String, HashAlgorithm> combined = "RSA".equals(keyAlgorithm) ? RSA_WITH : "EC".equals(keyAlgorithm) ? ECDSA_WITH : Map.of();
        String bare = "RSA".equals(keyAlgorithm) ? RSA : EC;
        HashAlgorithm named = combined.get(signAlgo);
        if (named == null && !bare.equals(signAlgo)) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "signAlgo " + signAlgo + " is not one the credential's "
                    + keyAlgorithm + " key signs with: " + offered(keyAlgorithm));
        }
        HashAlgorithm given = hashAlgorithmOid == null || hashAlgorithmOid.isBlank() ? null : HASHES.get(hashAlgorithmOid);
        if (hashAlgorithmOid != null && !hashAlgorithmOid.isBlank() && given == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "hashAlgorithmOID " + hashAlgorithmOid
                    + " is not SHA-256, SHA-384 or SHA-512");
        }
        if (named != null && given != null && named != given) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "signAlgo " + signAlgo + " hashes with " + named.standardName()
                    + ", hashAlgorithmOID names " + given.standardName());
        }
        if (named == null && given == null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "signAlgo " + signAlgo + " names no hash algorithm: "
                    + "hashAlgorithmOID is needed beside it");
        }
        return named != null ? named : given;
    }
}
