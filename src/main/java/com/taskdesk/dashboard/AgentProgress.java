package com.taskdesk.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.Map;

/** One agent on the dashboard: totals are the sums over the four counted task types. */
public record AgentProgress(
        String id,
        String name,
        String email,
        long assigned,
        long assignedNotStarted,
        long inProgress,
        long completedToday,
        String lastActivity,
        @JsonProperty("isLive") boolean isLive,
        TaskTypeBreakdown taskTypeBreakdown) {

    public record TaskTypeBreakdown(
            TypeProgress textClub, TypeProgress wodIvcs, TypeProgress emailRequests, TypeProgress standaloneRefunds) {}

    /** The four types the dashboard counts, under their JSON names. */
    enum CountedType {
        TEXT_CLUB,
        WOD_IVCS,
        EMAIL_REQUESTS,
        STANDALONE_REFUNDS
    }

    static final class Builder {
        private final String id;
        private final String name;
        private final String email;
        private final boolean isLive;
        private final String lastActivity;
        private final Map<CountedType, TypeProgress> byType = new EnumMap<>(CountedType.class);

        Builder(String id, String name, String email, boolean isLive, String lastActivity) {
            this.id = id;
            this.name = name;
            this.email = email;
            this.isLive = isLive;
            this.lastActivity = lastActivity;
        }

        void add(String taskType, TypeProgress progress) {
            byType.put(CountedType.valueOf(taskType), progress);
        }

        AgentProgress build() {
            TypeProgress total = TypeProgress.NONE;
            for (TypeProgress progress : byType.values()) {
                total = total.plus(progress);
            }
            return new AgentProgress(
                    id,
                    name,
                    email,
                    total.assigned(),
                    total.assignedNotStarted(),
                    total.inProgress(),
                    total.completedToday(),
                    lastActivity,
                    isLive,
                    new TaskTypeBreakdown(
                            of(CountedType.TEXT_CLUB),
                            of(CountedType.WOD_IVCS),
                            of(CountedType.EMAIL_REQUESTS),
                            of(CountedType.STANDALONE_REFUNDS)));
        }

        private TypeProgress of(CountedType type) {
            return byType.getOrDefault(type, TypeProgress.NONE);
        }
    }
}
