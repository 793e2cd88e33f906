package com.taskdesk.dashboard;

/**
 * The Text Club figures: {@code pending} counts READY raw messages and unassigned PENDING tasks;
 * {@code activeWork} the tasks in progress and those assigned but not started.
 */
public record Metrics(
        long pending,
        long pendingRawMessages,
        long spamReview,
        long completedToday,
        long totalCompleted,
        long inProgress,
        long assignedNotStarted,
        long activeWork,
        long assistanceRequired,
        long totalAll,
        long pctDone) {

    static Metrics of(
            long pendingRawMessages,
            long unassignedPending,
            long assignedNotStarted,
            long spamReview,
            long completedToday,
            long totalCompleted,
            long inProgress,
            long assistanceRequired) {
        long pending = pendingRawMessages + unassignedPending;
        long activeWork = inProgress + assignedNotStarted;
        long totalAll = pending + spamReview + totalCompleted + activeWork + assistanceRequired;
        long pctDone = totalAll == 0 ? 0 : Math.round(100.0 * totalCompleted / totalAll);
        return new Metrics(
                pending,
                pendingRawMessages,
                spamReview,
                completedToday,
                totalCompleted,
                inProgress,
                assignedNotStarted,
                activeWork,
                assistanceRequired,
                totalAll,
                pctDone);
    }
}
