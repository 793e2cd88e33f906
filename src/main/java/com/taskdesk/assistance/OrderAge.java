package com.taskdesk.assistance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * How old a WOD/IVCS order looks to the manager: whole days since "purchaseDate", rounded up, the
 * distance either way (a future date counts as past), so an hour is "1 day old", never "Today". The
 * agent's list rounds down: the two disagree on purpose (revision 3, decision 3).
 */
final class OrderAge {

    private static final long DAY_MILLIS = 86_400_000;

    private OrderAge() {}

    /** Null for any other task type, or without a purchase date. */
    static String of(String taskType, LocalDateTime purchaseDate, Instant now) {
        if (!"WOD_IVCS".equals(taskType) || purchaseDate == null) {
            return null;
        }
        long millis = Math.abs(
                now.toEpochMilli() - purchaseDate.toInstant(ZoneOffset.UTC).toEpochMilli());
        long days = (millis + DAY_MILLIS - 1) / DAY_MILLIS; // ceil, on a distance never below 0
        return days == 1 ? "1 day old" : days + " days old";
    }
}
