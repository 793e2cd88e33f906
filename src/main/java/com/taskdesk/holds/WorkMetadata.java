package com.taskdesk.holds;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.taskdesk.db.Timestamps;
import java.time.Instant;
import java.util.List;

/**
 * Who worked a Holds task last, and how often (the app's holds-work-metadata.ts): from its
 * completion when "completedBy" and "completedAt" are both set, then from its queue history's work
 * entries for what that leaves unset.
 */
public record WorkMetadata(
        boolean hasBeenWorked,
        @JsonProperty("isRework") boolean isRework,
        boolean recentlyWorked,

        @JsonFormat(pattern = Timestamps.ISO_UTC_PATTERN, timezone = "UTC")
        Instant lastWorkedAt,

        String lastWorkedBy,
        String lastWorkedByName,
        int workAttempts,
        Long hoursSinceLastWork) {

    private static final long HOUR_MILLIS = 3_600_000;
    private static final long DAY_MILLIS = 24 * HOUR_MILLIS;

    /** What a task's work metadata is made of; {@code completerName} is the "completedBy" user's name. */
    record Worked(
            String holdsStatus, String completedBy, Instant completedAt, String completerName, QueueHistory history) {}

    static WorkMetadata of(Worked task, Movers movers, Instant now) {
        boolean hasBeenWorked = false;
        Instant lastWorkedAt = null;
        String lastWorkedBy = null;
        String lastWorkedByName = null;
        int workAttempts = 0;
        if (task.completedBy() != null && task.completedAt() != null) {
            hasBeenWorked = true;
            lastWorkedAt = task.completedAt();
            lastWorkedBy = task.completedBy();
            lastWorkedByName = task.completerName();
            workAttempts = 1;
        }
        List<JsonNode> work = task.history().workEntries();
        if (!work.isEmpty()) {
            hasBeenWorked = true;
            workAttempts = Math.max(workAttempts, work.size());
            JsonNode last = work.get(work.size() - 1);
            if (lastWorkedAt == null) {
                lastWorkedAt = QueueHistory.enteredAt(last).orElse(null);
            }
            String mover = QueueHistory.movedBy(last);
            if (lastWorkedBy == null && mover != null) {
                String name = Movers.name(mover);
                if (!name.isEmpty() && !name.equals("Agent")) {
                    Movers.User user = movers.find(name);
                    lastWorkedBy = user == null ? null : user.id();
                    lastWorkedByName = user == null ? name : user.name();
                }
            }
        }
        boolean isRework = task.history().isRework(task.holdsStatus(), !work.isEmpty());
        Long hoursSince = lastWorkedAt == null
                ? null
                : Math.floorDiv(now.toEpochMilli() - lastWorkedAt.toEpochMilli(), HOUR_MILLIS);
        boolean recentlyWorked = lastWorkedAt != null && !lastWorkedAt.isBefore(now.minusMillis(DAY_MILLIS));
        return new WorkMetadata(
                hasBeenWorked,
                isRework,
                recentlyWorked,
                lastWorkedAt,
                lastWorkedBy,
                lastWorkedByName,
                workAttempts,
                hoursSince);
    }
}
