package org.signet.batch;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArchiveScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theLastSealingTimeIsTodaysOnceItPassedElseYesterdays() {
        LocalTime one = LocalTime.of(1, 0);
        assertEquals(ZonedDateTime.of(2026, 12, 4, 1, 0, 0, 0, BERLIN).toInstant(),
                ArchiveSchedule.lastSealingTime(one, ZonedDateTime.of(2026, 12, 4, 13, 30, 0, 0, BERLIN)));
        assertEquals(ZonedDateTime.of(2026, 12, 4, 1, 0, 0, 0, BERLIN).toInstant(),
                ArchiveSchedule.lastSealingTime(one, ZonedDateTime.of(2026, 12, 4, 1, 0, 0, 0, BERLIN)));
        assertEquals(ZonedDateTime.of(2026, 12, 3, 1, 0, 0, 0, BERLIN).toInstant(),
                ArchiveSchedule.lastSealingTime(one, ZonedDateTime.of(2026, 12, 4, 0, 59, 59, 0, BERLIN)));
    }

    @Test
    void aSealingTimeInTheHourTheClocksSkipIsTakenAfterTheSkip() {
        // 2026-03-29 02:30 does not exist in Berlin: the sealing is due at 03:30 summer time
        assertEquals(ZonedDateTime.of(2026, 3, 29, 3, 30, 0, 0, BERLIN).toInstant(),
                ArchiveSchedule.lastSealingTime(LocalTime.of(2, 30), ZonedDateTime.of(2026, 3, 29, 12, 0, 0, 0, BERLIN)));
    }
}
