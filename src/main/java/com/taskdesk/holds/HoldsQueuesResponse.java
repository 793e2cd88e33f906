package com.taskdesk.holds;

import java.util.List;
import java.util.Map;

/** GET /api/holds/queues: the five queues, the summary and every task, as the app answers them. */
public record HoldsQueuesResponse(boolean success, Data data) {

    /** {@code queues} in the five names' order; {@code tasks} Slim or Full (includeAging=true). */
    public record Data(Map<String, Queue> queues, Summary summary, List<?> tasks) {}

    public record Queue(long total, long approaching, List<FullTask> tasks) {}

    public record Summary(long totalTasks, long totalApproaching, long unassignedTasks) {}
}
