package com.taskdesk.holds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The queues, the summary and the task list of /api/holds/queues, from the tasks or from their counts. */
final class QueuesAnswer {

    private QueuesAnswer() {}

    /**
     * From every task read, in the database's order: filtered, sorted, then grouped by queue. With
     * {@code summary} the same counts, every list empty.
     */
    static HoldsQueuesResponse.Data of(List<HoldsTask> read, HoldsQueuesQuery query, Instant todayStart) {
        List<HoldsTask> tasks = new ArrayList<>(read);
        if (query.filter() != null) {
            tasks.removeIf(query.filter().keeps(todayStart).negate());
        }
        if (query.sort().order != null) {
            tasks.sort(query.sort().order);
        }
        Map<String, HoldsQueuesResponse.Queue> queues = new LinkedHashMap<>();
        for (String name : HoldsQueuesQuery.QUEUES) {
            List<HoldsTask> inQueue = tasks.stream()
                    .filter(task -> name.equals(task.holdsStatus()))
                    .toList();
            queues.put(
                    name,
                    new HoldsQueuesResponse.Queue(
                            inQueue.size(),
                            inQueue.stream().filter(HoldsTask::approaching).count(),
                            query.summary()
                                    ? List.of()
                                    : inQueue.stream().map(HoldsTask::full).toList()));
        }
        HoldsQueuesResponse.Summary summary = new HoldsQueuesResponse.Summary(
                tasks.size(),
                tasks.stream().filter(HoldsTask::approaching).count(),
                tasks.stream().filter(HoldsTask::unassigned).count());
        List<?> list = query.summary()
                ? List.of()
                : tasks.stream()
                        .map(task ->
                                query.includeAging() ? task.full() : task.full().task())
                        .toList();
        return new HoldsQueuesResponse.Data(queues, summary, list);
    }

    /** One "holdsStatus" value's counts (summary=true without a filter: one GROUP BY). */
    record StatusCount(String holdsStatus, long total, long approaching, long unassigned) {}

    static HoldsQueuesResponse.Data ofCounts(List<StatusCount> counts) {
        Map<String, HoldsQueuesResponse.Queue> queues = new LinkedHashMap<>();
        for (String name : HoldsQueuesQuery.QUEUES) {
            StatusCount count = counts.stream()
                    .filter(c -> name.equals(c.holdsStatus()))
                    .findFirst()
                    .orElse(new StatusCount(name, 0, 0, 0));
            queues.put(name, new HoldsQueuesResponse.Queue(count.total(), count.approaching(), List.of()));
        }
        return new HoldsQueuesResponse.Data(
                queues,
                new HoldsQueuesResponse.Summary(
                        counts.stream().mapToLong(StatusCount::total).sum(),
                        counts.stream().mapToLong(StatusCount::approaching).sum(),
                        counts.stream().mapToLong(StatusCount::unassigned).sum()),
                List.of());
    }
}
