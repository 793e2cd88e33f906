package com.taskdesk.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The columns hold UTC wall-clock times; the front end gets them as JavaScript's toISOString() wrote them. */
public final class Timestamps {

    /** The pattern of toISOString() for a UTC time; also for {@code @JsonFormat} on an Instant with timezone UTC. */
    public static final String ISO_UTC_PATTERN = "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'";

    private static final DateTimeFormatter ISO_UTC = DateTimeFormatter.ofPattern(ISO_UTC_PATTERN);

    private Timestamps() {}

    /** The column as ISO-8601 UTC with milliseconds, or null. */
    public static String isoUtc(ResultSet rows, String column) throws SQLException {
        LocalDateTime value = rows.getObject(column, LocalDateTime.class);
        return value == null ? null : ISO_UTC.format(value);
    }
}
