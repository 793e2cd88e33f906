package com.taskdesk.db;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One calendar day as the contract defines "today": [00:00, next 00:00) in the configured zone, as
 * the UTC wall-clock times the {@code timestamp(3) without time zone} columns hold. A day is 23 or
 * 25 hours long when the clocks change; a zone whose midnight does not exist that day starts at the
 * first instant after it.
 */
public record DayWindow(LocalDateTime startUtc, LocalDateTime endUtc) {

    /** Today: the calendar date of the clock's instant in the zone. */
    public static DayWindow today(Clock clock, ZoneId zone) {
        return of(LocalDate.now(clock.withZone(zone)), zone);
    }

    public static DayWindow of(LocalDate day, ZoneId zone) {
        return new DayWindow(startOfDayUtc(day, zone), startOfDayUtc(day.plusDays(1), zone));
    }

    private static LocalDateTime startOfDayUtc(LocalDate day, ZoneId zone) {
        return LocalDateTime.ofInstant(day.atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
    }
}
