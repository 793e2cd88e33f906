package com.taskdesk.holds;

import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a call to /api/holds/queues asks for (the first of a repeated parameter counts; any other value
 * of a parameter is its default, never a 400).
 *
 * @param queue one of the five queue names exactly, or null for every task
 * @param includeAging data.tasks carries the full tasks (exactly {@code true})
 * @param summary the counts only, every list empty (exactly {@code true})
 */
record HoldsQueuesQuery(String queue, boolean includeAging, Sort sort, Filter filter, boolean summary) {

    /** The five queues, in the order the answer lists them; a task with any other "holdsStatus" is in none. */
    static final List<String> QUEUES =
            List.of("Agent Research", "Customer Contact", "Escalated Call 4+ Day", "Duplicates", "Completed");

    /**
     * The order after the filter; ties keep the database order (a stable sort). {@code D} is the
     * order date with none counted as 0, so undated tasks come first.
     */
    enum Sort {
        NEVER_WORKED_FIRST(
                Comparator.comparing(HoldsTask::hasBeenWorked).thenComparingLong(HoldsTask::orderDateOrZero)),
        OLDEST_FIRST(Comparator.comparingLong(HoldsTask::orderDateOrZero)),
        RECENTLY_WORKED_LAST(Comparator.comparing(HoldsTask::hasBeenWorked)
                .thenComparing(HoldsTask::recentlyWorked)
                .thenComparingLong(HoldsTask::orderDateOrZero)),
        DATABASE(null);

        final Comparator<HoldsTask> order;

        Sort(Comparator<HoldsTask> order) {
            this.order = order;
        }

        static Sort of(String sortBy) {
            return switch (sortBy == null ? "" : sortBy) {
                case "", "neverWorkedFirst" -> NEVER_WORKED_FIRST;
                case "oldestFirst" -> OLDEST_FIRST;
                case "recentlyWorkedLast" -> RECENTLY_WORKED_LAST;
                default -> DATABASE;
            };
        }
    }

    /** Which tasks are kept, after their work metadata is known. */
    enum Filter {
        NEVER_WORKED,
        REWORKED,
        WORKED_TODAY;

        static Filter of(String filter) {
            return switch (filter == null ? "" : filter) {
                case "neverWorked" -> NEVER_WORKED;
                case "reworked" -> REWORKED;
                case "workedToday" -> WORKED_TODAY;
                default -> null;
            };
        }

        /** {@code todayStart}: today's 00:00 in the stage's zone (the app used its host's midnight) [fix]. */
        Predicate<HoldsTask> keeps(Instant todayStart) {
            return switch (this) {
                case NEVER_WORKED -> task -> !task.hasBeenWorked();
                case REWORKED -> HoldsTask::isRework;
                case WORKED_TODAY ->
                    task -> task.lastWorkedAt() != null && !task.lastWorkedAt().isBefore(todayStart);
            };
        }
    }

    static HoldsQueuesQuery of(MultivaluedMap<String, String> parameters) {
        String queue = parameters.getFirst("queue");
        return new HoldsQueuesQuery(
                queue != null && QUEUES.contains(queue) ? queue : null,
                "true".equals(parameters.getFirst("includeAging")),
                Sort.of(parameters.getFirst("sortBy")),
                Filter.of(parameters.getFirst("filter")),
                "true".equals(parameters.getFirst("summary")));
    }
}
