package org.signet.security;

import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningHoursTest {

    private static boolean allows(SigningHours hours, String at) {
        return hours.allows(ZonedDateTime.parse(at).toInstant());
    }

    @Test
    void daysAndTimesInTheirZone() {
        SigningHours office = SigningHours.parse("Mon-Fri 07:00-19:00, Sat 08:00-12:00", "Europe/Berlin");
        assertTrue(allows(office, "2026-12-04T07:00+01:00[Europe/Berlin]"), "Friday at opening");
        assertFalse(allows(office, "2026-12-04T19:00+01:00[Europe/Berlin]"), "a range ends before its end minute");
        assertFalse(allows(office, "2026-12-04T18:30Z"), "18:30 UTC is 19:30 in Berlin");
        assertTrue(allows(office, "2026-12-04T17:30Z"), "17:30 UTC is 18:30 in Berlin");
        assertTrue(allows(office, "2026-12-05T11:59+01:00[Europe/Berlin]"));
        assertFalse(allows(office, "2026-12-06T10:00+01:00[Europe/Berlin]"), "Sunday");
    }

    @Test
    void rangesOverTheWeekEndAndWholeDays() {
        SigningHours weekend = SigningHours.parse("Sat-Mon 00:00-24:00", "UTC");
        assertTrue(allows(weekend, "2026-12-05T23:59Z"));
        assertTrue(allows(weekend, "2026-12-07T12:00Z"), "Monday, wrapping over Sunday");
        assertFalse(allows(weekend, "2026-12-08T12:00Z"), "Tuesday");
        assertEquals("Sat 10:15", weekend.localTime(ZonedDateTime.parse("2026-12-05T10:15:42Z").toInstant()));
    }

    @Test
    void whatCannotBeReadIsRefusedNamingIt() {
        for (String bad : new String[] {"weekdays 9-5", "Mon-Fri 19:00-07:00", "Mon 25:00-26:00", "", "Fri 07:00-19:00 and more"}) {
            assertThrows(SignetException.class, () -> SigningHours.parse(bad, "UTC"), bad);
        }
        assertTrue(assertThrows(SignetException.class, () -> SigningHours.parse("Mon 07:00-08:00", "Mars/Olympus")).getMessage()
                .contains("'Mars/Olympus' is not a time zone"));
    }
}
