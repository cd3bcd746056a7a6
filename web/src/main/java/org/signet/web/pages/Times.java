package org.signet.web.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Points in time as the pages show them: to the minute, in UTC, which the server and its audit trail keep. */
@Named
@ApplicationScoped
public class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String of(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }
}
