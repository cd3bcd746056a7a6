package org.signet.security;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, six digits, 30-second steps, as every
 * authenticator app computes them. Secrets travel in Base32 (RFC 4648), as otpauth URIs carry them.
 */
public final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    /** Steps before and after now that are accepted: a clock a little off, a code typed at the end of its step. */
    static final int WINDOW = 1;

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() { }

    /** A new 160-bit secret, in Base32. */
    public static String newSecret() {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        return base32(secret);
    }

    /** The step a code of {@code digits} digits matches at {@code epochSeconds} (within the window), or -1. */
    public static long matchingStep(String base32Secret, String code, long epochSeconds) {
        if (code == null || !code.strip().matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        byte[] key = fromBase32(base32Secret);
        long now = Math.floorDiv(epochSeconds, STEP_SECONDS);
        for (long step = now - WINDOW; step <= now + WINDOW; step++) {
            if (code(key, step, DIGITS).equals(code.strip())) {
                return step;
            }
        }
        return -1;
    }

    /** RFC 4226's HOTP value of the counter, as {@code digits} decimal digits. */
    static String code(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % (int) Math.pow(10, digits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing: " + e.getMessage(), e);
        }
    }

    /** The otpauth URI authenticator apps read (from a QR code or typed): issuer Signet, the user as the account. */
    public static String uri(String user, String base32Secret) {
        String label = "Signet:" + user;
        return "otpauth://totp/" + URLEncoder.encode(label, StandardCharsets.UTF_8).replace("+", "%20")
                + "?secret=" + base32Secret + "&issuer=Signet&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] fromBase32(String text) {
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32: '" + c + "'");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
