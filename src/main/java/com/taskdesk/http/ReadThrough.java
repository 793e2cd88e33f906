package com.taskdesk.http;

import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One answer kept in this instance's memory for a fixed time, under revision 2's cached-metrics
 * rules: the answer says when it was read ({@code Last-Modified}, {@code X-Data-Age}) and for how
 * long more it may be kept, by the caller's browser only ({@code Cache-Control: private,
 * max-age=<seconds left>}). A zero time keeps nothing (and adds none of these headers). A clock that
 * went back before the value was read also makes it stale.
 */
public final class ReadThrough<T> {

    record Reading<T>(T value, Instant readAt, Instant expiresAt) {

        /** Whole seconds left, rounded up: a value read just now is good for the full time to live. */
        long secondsLeft(Clock clock) {
            long millis = Duration.between(clock.instant(), expiresAt).toMillis();
            return Math.max(0, (millis + 999) / 1000);
        }
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Duration timeToLive;
    private final AtomicReference<Reading<T>> current = new AtomicReference<>();

    public ReadThrough(Clock clock, Duration timeToLive) {
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    /** 200 with the kept value's body, or with a fresh one read now (and kept), and the headers above. */
    public Response answer(Supplier<T> read, Function<T, Object> body) {
        Reading<T> reading = get(read);
        Response.ResponseBuilder response = Response.ok(body.apply(reading.value()));
        if (enabled()) {
            response.header("Cache-Control", "private, max-age=" + reading.secondsLeft(clock))
                    .header("Last-Modified", HTTP_DATE.format(reading.readAt()))
                    .header(
                            "X-Data-Age",
                            Duration.between(reading.readAt(), clock.instant()).toSeconds());
        }
        return response.build();
    }

    private boolean enabled() {
        return !timeToLive.isZero() && !timeToLive.isNegative();
    }

    private Reading<T> get(Supplier<T> read) {
        Reading<T> cached = current.get();
        Instant now = clock.instant();
        if (cached != null && !now.isBefore(cached.readAt()) && now.isBefore(cached.expiresAt())) {
            return cached;
        }
        T value = read.get();
        Instant readAt = clock.instant();
        Reading<T> fresh = new Reading<>(value, readAt, readAt.plus(timeToLive));
        if (enabled()) {
            current.set(fresh);
        }
        return fresh;
    }
}
