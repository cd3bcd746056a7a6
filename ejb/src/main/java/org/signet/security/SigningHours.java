package org.signet.security;

import org.signet.model.SignetException;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a seal signs for requests: days and times in a zone, such as {@code Mon-Fri 07:00-19:00, Sat 08:00-12:00} in
 * {@code Europe/Berlin}. A range ends before its end minute; {@code 24:00} is the end of the day.
 */
public final class SigningHours {

    private static final Pattern RANGE = Pattern.compile(
            "(?i)\\s*(mon|tue|wed|thu|fri|sat|sun)(?:\\s*-\\s*(mon|tue|wed|thu|fri|sat|sun))?\\s+(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})\\s*");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private record Range(Set<DayOfWeek> days, int fromMinute, int toMinute) { }

    private final ZoneId zone;
    private final String text;
    private final List<Range> ranges;

    private SigningHours(ZoneId zone, String text, List<Range> ranges) {
        this.zone = zone;
        this.text = text;
        this.ranges = ranges;
    }

    /** Parses and checks the hours; refuses, naming the part, what it cannot read. */
    public static SigningHours parse(String hours, String zoneId) {
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId == null || zoneId.isBlank() ? "UTC" : zoneId.strip());
        } catch (DateTimeException e) {
            throw invalid("'" + zoneId + "' is not a time zone such as Europe/Berlin");
        }
        if (hours == null || hours.isBlank()) {
            throw invalid("no hours given; write them like Mon-Fri 07:00-19:00");
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : hours.split(",")) {
            Matcher range = RANGE.matcher(part);
            if (!range.matches()) {
                throw invalid("'" + part.strip() + "' is not days and times such as Mon-Fri 07:00-19:00");
            }
            int first = DAYS.indexOf(range.group(1).toLowerCase(Locale.ROOT));
            int last = range.group(2) == null ? first : DAYS.indexOf(range.group(2).toLowerCase(Locale.ROOT));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (int day = first; ; day = (day + 1) % 7) {
                days.add(DayOfWeek.of(day + 1));
                if (day == last) {
                    break;
                }
            }
            int from = minute(range.group(3), part);
            int to = minute(range.group(4), part);
            if (to <= from) {
                throw invalid("'" + part.strip() + "' ends before it begins");
            }
            ranges.add(new Range(days, from, to));
        }
        return new SigningHours(zone, hours.strip(), List.copyOf(ranges));
    }

    private static int minute(String time, String part) {
        if (time.equals("24:00")) {
            return 24 * 60;
        }
        try {
            LocalTime parsed = LocalTime.parse(time);
            return parsed.getHour() * 60 + parsed.getMinute();
        } catch (DateTimeException e) {
            throw invalid("'" + part.strip() + "' holds '" + time + "', which is not a time such as 07:00");
        }
    }

    public boolean allows(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        return ranges.stream().anyMatch(range -> range.days().contains(local.getDayOfWeek())
                && minute >= range.fromMinute() && minute < range.toMinute());
    }

    /** The moment as the hours read it, for a refusal: "Sat 10:15". */
    public String localTime(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + local.toLocalTime().withSecond(0).withNano(0);
    }

    public String hours() {
        return text;
    }

    public String zone() {
        return zone.getId();
    }

    private static SignetException invalid(String problem) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, "a seal's signing hours: " + problem);
    }
}
