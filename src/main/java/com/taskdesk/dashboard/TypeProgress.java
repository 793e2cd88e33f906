package com.taskdesk.dashboard;

/** One agent's figures for one task type (or, summed, for all four). */
public record TypeProgress(long assigned, long assignedNotStarted, long inProgress, long completedToday) {

    static final TypeProgress NONE = new TypeProgress(0, 0, 0, 0);

    TypeProgress plus(TypeProgress other) {
        return new TypeProgress(
                assigned + other.assigned,
                assignedNotStarted + other.assignedNotStarted,
                inProgress + other.inProgress,
                completedToday + other.completedToday);
    }
}
