package com.taskdesk.holds;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** One Holds task with what the Holds rules compute for it at one instant: its JSON, and what filters and sorts read. */
record HoldsTask(FullTask full, LocalDateTime orderDate, boolean unassigned) {

    private static final long HOUR_MILLIS = 3_600_000;
    private static final long DAY_MILLIS = 24 * HOUR_MILLIS;
    private static final int AGING_DAYS = 4;
    private static final int APPROACHING_DAYS = 3;
    private static final long ATTENTION_HOURS = 48;

    /** A task row as the statement reads it. */
    record Row(SlimTask slim, LocalDateTime orderDate, LocalDateTime completedAt) {}

    static HoldsTask of(Row row, Movers movers, Instant now) {
        SlimTask slim = row.slim();
        QueueHistory history = QueueHistory.of(
                slim.holdsQueueHistory() == null
                        ? null
                        : slim.holdsQueueHistory().tree());
        long days = row.orderDate() == null ? 0 : Math.floorDiv(millisSince(now, utc(row.orderDate())), DAY_MILLIS);
        long hoursInQueue = history.enteredCurrentQueue()
                .map(entered -> Math.floorDiv(millisSince(now, entered), HOUR_MILLIS))
                .orElse(0L);
        WorkMetadata work = WorkMetadata.of(
                new WorkMetadata.Worked(
                        slim.holdsStatus(),
                        slim.completedBy(),
                        row.completedAt() == null ? null : utc(row.completedAt()),
                        slim.completedByUser() == null
                                ? null
                                : slim.completedByUser().name(),
                        history),
                movers,
                now);
        FullTask full = new FullTask(
                slim,
                new FullTask.Aging(days, days >= AGING_DAYS, days == APPROACHING_DAYS, slim.holdsOrderDate()),
                hoursInQueue,
                hoursInQueue >= ATTENTION_HOURS,
                work);
        return new HoldsTask(full, row.orderDate(), slim.assignedTo() == null);
    }

    String holdsStatus() {
        return full.task().holdsStatus();
    }

    boolean approaching() {
        return full.aging().isApproaching();
    }

    boolean hasBeenWorked() {
        return full.workMetadata().hasBeenWorked();
    }

    boolean recentlyWorked() {
        return full.workMetadata().recentlyWorked();
    }

    boolean isRework() {
        return full.workMetadata().isRework();
    }

    Instant lastWorkedAt() {
        return full.workMetadata().lastWorkedAt();
    }

    /** The order date in epoch milliseconds, none counted as 0 (the app's sort key). */
    long orderDateOrZero() {
        return orderDate == null ? 0 : utc(orderDate).toEpochMilli();
    }

    static Instant utc(LocalDateTime stored) {
        return stored.toInstant(ZoneOffset.UTC);
    }

    private static long millisSince(Instant now, Instant then) {
        return now.toEpochMilli() - then.toEpochMilli();
    }
}
