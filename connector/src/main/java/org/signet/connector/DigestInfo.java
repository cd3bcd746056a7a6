package org.signet.connector;

import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** DER DigestInfo (PKCS#1 v1.5) for RSA signatures over a digest computed elsewhere. */
final class DigestInfo {

    // The fixed DER prefixes of RFC 8017 section 9.2, note 1.
    private static final Map<String, byte[]> PREFIX = Map.of(
            "SHA-256", hex("3031300d060960864801650304020105000420"),
            "SHA-384", hex("3041300d060960864801650304020205000430"),
            "SHA-512", hex("3051300d060960864801650304020305000440"));

    private DigestInfo() { }

    static byte[] encode(String digestAlgorithm, byte[] digest) throws NoSuchAlgorithmException {
        byte[] prefix = PREFIX.get(digestAlgorithm);
        if (prefix == null) {
            throw new NoSuchAlgorithmException("no DigestInfo for " + digestAlgorithm);
        }
        if (digest.length != prefix[prefix.length - 1]) {
            throw new NoSuchAlgorithmException(digestAlgorithm + " digest must be " + prefix[prefix.length - 1]
                    + " bytes, got " + digest.length);
        }
        byte[] out = new byte[prefix.length + digest.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(digest, 0, out, prefix.length, digest.length);
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
