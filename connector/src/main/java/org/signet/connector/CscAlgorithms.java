package org.signet.connector;

import java.util.List;
import java.util.Map;

/**
 * The object identifiers the CSC API v2 names algorithms by, in one place for both sides of it: the client token
 * ({@link CscToken}) and Signet's own service. Hashes are keyed as JCA signature names begin (SHA256, SHA384, SHA512).
 */
public final class CscAlgorithms {

    /** rsaEncryption and ecPublicKey: a bare key algorithm, whose hash comes in hashAlgorithmOID. */
    public static final String RSA = "1.2.840.113549.1.1.1";
    public static final String EC = "1.2.840.10045.2.1";
    /** The hashes, strongest last. */
    public static final List<String> HASHES = List.of("SHA256", "SHA384", "SHA512");
    public static final Map<String, String> HASH_OIDS = Map.of("SHA256", "2.16.840.1.101.3.4.2.1",
            "SHA384", "2.16.840.1.101.3.4.2.2", "SHA512", "2.16.840.1.101.3.4.2.3");
    /** sha256WithRSAEncryption ... (PKCS #1 v1.5). */
    public static final Map<String, String> RSA_WITH = Map.of("SHA256", "1.2.840.113549.1.1.11",
            "SHA384", "1.2.840.113549.1.1.12", "SHA512", "1.2.840.113549.1.1.13");
    /** ecdsa-with-SHA256 ... */
    public static final Map<String, String> ECDSA_WITH = Map.of("SHA256", "1.2.840.10045.4.3.2",
            "SHA384", "1.2.840.10045.4.3.3", "SHA512", "1.2.840.10045.4.3.4");

    private CscAlgorithms() {
    }

    /** The JCA digest name of a hash key: SHA256 is SHA-256. */
    static String digestName(String hash) {
        return "SHA-" + hash.substring(3);
    }
}
