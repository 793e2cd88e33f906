package com.taskdesk.budget;

import java.util.Collection;
import java.util.Set;

/**
 * One thing the check found wrong: what kind, what it concerns ("prod/agents", "database
 * taskdesk-dev", "template.yaml"), the stages it concerns (a database shared by two stages
 * concerns both; none concerns every stage) and one line that names the numbers.
 */
public record Finding(Kind kind, String subject, Set<String> stages, String message) {

    public enum Kind {
        NO_INSTANCE_CAP, ZERO_INSTANCES, CAP_BELOW_NEED, CAP_ABOVE_USE, TIMEOUTS_DO_NOT_NEST, ABOVE_HTTP_API_LIMIT,
        NOTHING_LEFT, POOLER_POOL_TOO_LARGE, OVER_BUDGET, UNBOUNDED, POOLER_CLIENTS_OVER, DEPLOY_FILE_STALE,
        ACCOUNT_QUOTA
    }

    static Finding of(Kind kind, StageConfig stage, FunctionBudget function, String message) {
        String subject = stage.name() + "/" + function.name();
        return new Finding(kind, subject, Set.of(stage.name()), subject + ": " + message);
    }

    static Finding of(Kind kind, String subject, Collection<String> stages, String message) {
        return new Finding(kind, subject, Set.copyOf(stages), subject + ": " + message);
    }

    public boolean concernsAny(Collection<String> selected) {
        return stages.isEmpty() || stages.stream().anyMatch(selected::contains);
    }
}
