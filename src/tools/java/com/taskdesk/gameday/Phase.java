package com.taskdesk.gameday;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One half of the game day: the stage's functions reaching PostgreSQL directly, or behind
 * PgBouncer; the budget config/ gives them there, and when the phase ran (game clock ms).
 */
record Phase(
        String name,
        BudgetConfig config,
        StageConfig stage,
        boolean pooled,
        long startMs,
        long endMs,
        long deployedAtMs) {

    DatabaseBudget budget() {
        return DatabaseBudget.of(config, stage);
    }

    /** What the functions' connections at the server must stay within: the budget or the pooler's in-flight share. */
    int connectionBudget() {
        return budget().budget();
    }

    /** Each function role's CONNECTION LIMIT, as {@code roles} sets it. */
    Map<String, Integer> roleLimits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (FunctionBudget function : stage.functions()) {
            limits.put(stage.roleName(function.name()), budget().roleConnectionLimit(function));
        }
        return limits;
    }

    boolean contains(long ms) {
        return ms >= startMs && ms < endMs;
    }

    Phase ran(long start, long end, long deployedAt) {
        return new Phase(name, config, stage, pooled, start, end, deployedAt);
    }
}
