package org.signet.remote;

import org.signet.connector.CscAlgorithms;
import org.signet.model.HashAlgorithm;
import org.signet.model.SignetException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature algorithms a credential offers, by object identifier as CSC names them, and the hash algorithm a
 * signHash call means: the one its signAlgo names (sha256WithRSAEncryption, ecdsa-with-SHA384, ...), or for a bare key
 * algorithm (rsaEncryption, ecPublicKey) the hashAlgorithmOID beside it. RSASSA-PSS is not offered.
 */
public final class SignatureAlgorithms {

    private static final Map<String, HashAlgorithm> HASHES = byOid(CscAlgorithms.HASH_OIDS);
    private static final Map<String, HashAlgorithm> RSA_WITH = byOid(CscAlgorithms.RSA_WITH);
    private static final Map<String, HashAlgorithm> ECDSA_WITH = byOid(CscAlgorithms.ECDSA_WITH);

    private SignatureAlgorithms() {
    }

    /** What a key of this JCA algorithm (RSA, EC) signs with, as OIDs: with each hash, then the bare key algorithm. */
    public static List<String> offered(String keyAlgorithm) {
        Map<String, String> with = switch (keyAlgorithm) {
            case "RSA" -> CscAlgorithms.RSA_WITH;
            case "EC" -> CscAlgorithms.ECDSA_WITH;
            default -> Map.of();
        };
        if (with.isEmpty()) {
            return List.of();
        }
        List<String> offered = new ArrayList<>(CscAlgorithms.HASHES.stream().map(with::get).toList());
        offered.add("RSA".equals(keyAlgorithm) ? CscAlgorithms.RSA : CscAlgorithms.EC);
        return List.copyOf(offered);
    }

    /** An OID table of the CSC algorithms, turned round: OID to Signet's hash algorithm. */
    private static Map<String, HashAlgorithm> byOid(Map<String, String> byHash) {
        Map<String, HashAlgorithm> byOid = new HashMap<>();
        byHash.forEach((hash, oid) -> byOid.put(oid, HashAlgorithm.parse(hash)));
        return Map.copyOf(byOid);
    }

    /** The hash algorithm of a signHash call on a key of this JCA algorithm, or a refusal naming what does not fit. */
    public static HashAlgorithm hashOf(String signAlgo, String hashAlgorithmOid, String keyAlgorithm) {
        if (signAlgo == null || signAlgo.isBlank()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "signAlgo is missing");
        }
        Map<String, HashAlgorithm> combined = "RSA".equals(keyAlgorithm) ? RSA_WITH : "EC".equals(keyAlgorithm) ? ECDSA_WITH : Map.of();
        String bare = "RSA".equals(keyAlgorithm) ? CscAlgorithms.RSA : CscAlgorithms.EC;
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
