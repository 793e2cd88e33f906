package com.taskdesk.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** One value kept in this instance's memory for a fixed time; a zero time keeps nothing. */
final class ReadThrough<T> {

    record Reading<T>(T value, Instant readAt, Instant expiresAt) {

        long secondsLeft(Clock clock) {
            return Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
        }
    }

    private final Clock clock;
    private final Duration timeToLive;
    private final AtomicReference<Reading<T>> current = new AtomicReference<>();

    ReadThrough(Clock clock, Duration timeToLive) {
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    boolean enabled() {
        return !timeToLive.isZero() && !timeToLive.isNegative();
    }

    Reading<T> get(Supplier<T> read) {
        Reading<T> cached = current.get();
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expiresAt())) {
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
