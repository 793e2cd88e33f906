package com.taskdesk.dashboard;

/** The Text Club figures; {@code pending} counts READY raw messages and PENDING tasks. */
public record Metrics(
        long pending,
        long pendingRawMessages,
        long spamReview,
        long completedToday,
        long totalCompleted,
        long inProgress,
        long assistanceRequired,
        long totalAll,
        long pctDone) {

    static Metrics of(
            long pendingRawMessages,
            long pendingTasks,
            long spamReview,
            long completedToday,
            long totalCompleted,
            long inProgress,
            long assistanceRequired) {
        long pending = pendingRawMessages + pendingTasks;
        long totalAll = pending + spamReview + totalCompleted + inProgress + assistanceRequired;
        long pctDone = totalAll == 0 ? 0 : Math.round(100.0 * totalCompleted / totalAll);
        return new Metrics(
                pending,
                pendingRawMessages,
                spamReview,
                completedToday,
                totalCompleted,
                inProgress,
                assistanceRequired,
                totalAll,
                pctDone);
    }
}
