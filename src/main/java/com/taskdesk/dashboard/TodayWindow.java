package com.taskdesk.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * "Today" as the contract defines it: [00:00, next 00:00) in the configured zone, as the
 * UTC wall-clock times the {@code timestamp(3) without time zone} columns hold. A day
 * is 23 or 25 hours long when the clocks change; a zone whose midnight does not exist
 * that day starts at the first instant after it.
 */
public record TodayWindow(LocalDateTime startUtc, LocalDateTime endUtc) {

    public static TodayWindow of(Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new TodayWindow(startOfDayUtc(today, zone), startOfDayUtc(today.plusDays(1), zone));
    }

    private static LocalDateTime startOfDayUtc(LocalDate day, ZoneId zone) {
        return LocalDateTime.ofInstant(day.atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
    }
}
