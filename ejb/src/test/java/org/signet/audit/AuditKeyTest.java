package org.signet.audit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AuditKeyTest {

    private static final LocalDateTime AT = LocalDateTime.of(2026, 12, 4, 16, 5, 1, 123_456_789);

    @BeforeAll
    static void key() {
        AuditKey.use(new byte[32]);
    }

    /** Every value counts, a value moved into its neighbour does not keep the seal, and none differs from empty. */
    @Test
    void everyValueAndItsPlaceIsSealed() {
        String sealed = AuditKey.seal(AT, "demo", "SIGN", "SUCCESS", "demo", "ab", "detail");
        assertEquals(sealed, AuditKey.seal(AT.withNano(123_456_000), "demo", "SIGN", "SUCCESS", "demo", "ab", "detail"),
                "the database keeps microseconds: the seal is over those");
        Set<String> seals = new HashSet<>(List.of(sealed,
                AuditKey.seal(AT.plusNanos(1000), "demo", "SIGN", "SUCCESS", "demo", "ab", "detail"),
                AuditKey.seal(AT, "demo2", "SIGN", "SUCCESS", "demo", "ab", "detail"),
                AuditKey.seal(AT, "demo", "VERIFY", "SUCCESS", "demo", "ab", "detail"),
                AuditKey.seal(AT, "demo", "SIGN", "REFUSED", "demo", "ab", "detail"),
                AuditKey.seal(AT, "demo", "SIGN", "SUCCESS", null, "ab", "detail"),
                AuditKey.seal(AT, "demo", "SIGN", "SUCCESS", "", "ab", "detail"),
                AuditKey.seal(AT, "demo", "SIGN", "SUCCESS", "dem", "oab", "detail"),
                AuditKey.seal(AT, "demo", "SIGN", "SUCCESS", "demo", "ab", "detail.")));
        assertEquals(9, seals.size(), "two different events share a seal");
        AuditKey.use(new byte[] {1, 2, 3});
        try {
            assertNotEquals(sealed, AuditKey.seal(AT, "demo", "SIGN", "SUCCESS", "demo", "ab", "detail"), "the seal ignores its key");
        } finally {
            AuditKey.use(new byte[32]);
        }
    }

    @Test
    void aLinkDependsOnEverythingBeforeIt() {
        byte[] first = AuditLink.hash(AuditLink.START, 1, 10, "00".repeat(32));
        assertNotEquals(HexFormat.of().formatHex(first),
                HexFormat.of().formatHex(AuditLink.hash(AuditLink.START, 1, 11, "00".repeat(32))));
        assertNotEquals(HexFormat.of().formatHex(AuditLink.hash(first, 2, 12, null)),
                HexFormat.of().formatHex(AuditLink.hash(AuditLink.START, 2, 12, null)));
    }
}
