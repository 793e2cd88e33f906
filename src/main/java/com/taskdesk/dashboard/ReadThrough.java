package com.taskdesk.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One value kept in this instance's memory for a fixed time; a zero time keeps nothing.
 * A clock that went back before the value was read also makes it stale.
 */
final class ReadThrough<T> {

    record Reading<T>(T value, Instant readAt, Instant expiresAt) {

        /** Whole seconds left, rounded up: a value read just now is good for the full time to live. */
        long secondsLeft(Clock clock) {
            long millis = Duration.between(clock.instant(), expiresAt).toMillis();
            return Math.max(0, (millis + 999) / 1000);
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
