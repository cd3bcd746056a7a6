package org.signet.relay;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay's settings: off without a port, on loopback by default, and a wrong value named when the server starts. */
class MailRelaySettingsTest {

    private static MailRelaySettings read(Map<String, String> properties) {
        return MailRelaySettings.read(properties::get, 4_000_000);
    }

    @Test
    void withoutAPortThereIsNoRelay() {
        assertNull(read(Map.of(MailRelaySettings.SEAL, "invoices")));
    }

    @Test
    void aPortAndASealMakeALoopbackRelayThatTakesPasswordsFromLoopbackOnly() {
        MailRelaySettings settings = read(Map.of(MailRelaySettings.PORT, "2525", MailRelaySettings.SEAL, " invoices "));
        assertEquals(2525, settings.port());
        assertTrue(settings.address().isLoopbackAddress());
        assertEquals("invoices", settings.seal());
        assertNull(settings.level());
        assertEquals(false, settings.plainAnywhere());
        assertEquals(16, settings.maxSessions());
        assertEquals(4_000_000, settings.maxMessageBytes());
        assertTrue(read(Map.of(MailRelaySettings.PORT, "2525", MailRelaySettings.SEAL, "s", MailRelaySettings.PLAIN, "allow")).plainAnywhere());
        assertEquals("LT", read(Map.of(MailRelaySettings.PORT, "2525", MailRelaySettings.SEAL, "s", MailRelaySettings.LEVEL, "lt")).level());
    }

    @Test
    void aWrongSettingIsRefusedNamingItsProperty() {
        assertRefused(Map.of(MailRelaySettings.PORT, "2525"), MailRelaySettings.SEAL);
        assertRefused(Map.of(MailRelaySettings.PORT, "70000", MailRelaySettings.SEAL, "s"), MailRelaySettings.PORT);
        assertRefused(Map.of(MailRelaySettings.PORT, "smtp", MailRelaySettings.SEAL, "s"), MailRelaySettings.PORT);
        assertRefused(Map.of(MailRelaySettings.PORT, "2525", MailRelaySettings.SEAL, "s", MailRelaySettings.LEVEL, "C"), MailRelaySettings.LEVEL);
        assertRefused(Map.of(MailRelaySettings.PORT, "2525", MailRelaySettings.SEAL, "s", MailRelaySettings.SESSIONS, "0"),
                MailRelaySettings.SESSIONS);
        assertRefused(Map.of(MailRelaySettings.PORT, "2525", MailRelaySettings.SEAL, "s", MailRelaySettings.PLAIN, "yes"),
                MailRelaySettings.PLAIN);
        assertRefused(Map.of(MailRelaySettings.PORT, "2525", MailRelaySettings.SEAL, "s", MailRelaySettings.ADDRESS, "[::1"),
                MailRelaySettings.ADDRESS);
    }

    private static void assertRefused(Map<String, String> properties, String property) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> read(properties));
        assertTrue(refusal.getMessage().startsWith(property + " "), refusal.getMessage());
    }
}
