package org.signet.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotpTest {

    /** RFC 6238, appendix B, SHA-1: the key is "12345678901234567890", eight digits. */
    @Test
    void theRfcTestVectorsHold() {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertEquals("94287082", Totp.code(key, 59 / 30, 8));
        assertEquals("07081804", Totp.code(key, 1111111109L / 30, 8));
        assertEquals("14050471", Totp.code(key, 1111111111L / 30, 8));
        assertEquals("89005924", Totp.code(key, 1234567890L / 30, 8));
        assertEquals("69279037", Totp.code(key, 2000000000L / 30, 8));
        assertEquals("65353130", Totp.code(key, 20000000000L / 30, 8));
    }

    /** RFC 4648's Base32 test vectors, both ways. */
    @Test
    void base32RoundTrips() {
        assertEquals("MZXW6YTBOI", Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Totp.fromBase32("MZXW6YTBOI======"));
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertEquals(secret, Totp.base32(Totp.fromBase32(secret)));
    }

    @Test
    void aCodeMatchesItsStepAndItsNeighboursOnly() {
        String secret = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        String code = Totp.code(Totp.fromBase32(secret), 1000, 6);
        assertEquals(1000, Totp.matchingStep(secret, code, 1000 * 30 + 5));
        assertEquals(1000, Totp.matchingStep(secret, code, 1001 * 30 + 29));
        assertEquals(1000, Totp.matchingStep(secret, code, 999 * 30));
        assertEquals(-1, Totp.matchingStep(secret, code, 1002 * 30));
        assertEquals(-1, Totp.matchingStep(secret, "12345", 1000 * 30));
        assertEquals(-1, Totp.matchingStep(secret, null, 1000 * 30));
        assertTrue(Totp.uri("alice smith", secret).startsWith("otpauth://totp/Signet%3Aalice%20smith?secret=" + secret + "&issuer=Signet"));
    }
}
