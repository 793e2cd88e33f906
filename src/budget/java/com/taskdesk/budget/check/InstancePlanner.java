package com.taskdesk.budget.check;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proposes the largest maxInstances per function of a stage that still fits the database:
 * "how many concurrent requests can each endpoint take before the database says no?" Every
 * function gets one instance first; then instances go, one at a time, to the function whose
 * share is furthest below its weight, until no function's next instance fits. Other stages on
 * the same database keep what they have. Each function is sized with the connections its handler
 * can use (1 per request served at once), whatever config/ says now; on Managed Instances with
 * config/'s connectionLimit when it is lower (the other requests queue on the pool).
 */
public final class InstancePlanner {

    /** A constraint the plan must hold: used &lt;= capacity, each instance costing costPerInstance(f). */
    private record Constraint(String description, int capacity, boolean withOverlap) {}

    /** One function's proposal. */
    public record Proposal(
            FunctionBudget function, double weight, int connectionLimit, int maxInstances, int connections) {}

    /** The plan of one stage. */
    public record Plan(
            StageConfig stage,
            DatabaseLimits limits,
            String budgetDescription,
            int available,
            int otherStages,
            List<Proposal> proposals) {

        public int total() {
            return proposals.stream().mapToInt(Proposal::connections).sum();
        }

        public Proposal proposal(String function) {
            return proposals.stream()
                    .filter(p -> p.function().name().equals(function))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private InstancePlanner() {}

    /**
     * Plans one stage.
     *
     * @param maxConnections what-if override of the database's max_connections (null: config/'s)
     * @param reserved       what-if override of reservedConnections (null: config/'s)
     * @param weights        function name to weight (default 1; 0 keeps a function at one instance)
     */
    public static Plan plan(
            BudgetConfig config,
            StageConfig stage,
            Integer maxConnections,
            Integer reserved,
            Map<String, Double> weights) {
        DatabaseLimits limits = stage.database().withLimits(maxConnections, reserved);
        if (limits.budget() <= 0) {
            throw new BudgetException(
                    ExitCode.CHECK_FAILED,
                    "plan: reserved " + limits.reservedConnections() + " leaves nothing of max_connections "
                            + limits.maxConnections());
        }
        int overlap = limits.deployOverlapFactor();
        List<StageConfig> others =
                config.stagesSharing(stage).stream().filter(s -> s != stage).toList();
        for (StageConfig other : others) {
            for (FunctionBudget function : other.functions()) {
                if (function.maxInstances() == null) {
                    throw new BudgetException(
                            ExitCode.CHECK_FAILED,
                            "plan: " + other.name() + "/" + function.name()
                                    + " shares the database and has no maxInstances, so nothing is left to plan with");
                }
            }
        }
        List<Constraint> constraints = new ArrayList<>();
        String budgetDescription;
        int othersServer = others.stream()
                .flatMap(s -> s.functions().stream())
                .mapToInt(f -> limits.pooler().pools() ? f.inFlightConnections() : f.worstCaseConnections(overlap))
                .sum();
        if (limits.pooler().pools()) {
            int server = Math.min(limits.pooler().statementsInFlight(), limits.budget());
            budgetDescription = limits.pooler().statementsInFlightFormula() + " (" + limits.budgetFormula() + ")";
            constraints.add(new Constraint("server pool", server - othersServer, false));
            if (limits.pooler().maxClientConnections() != null) {
                int othersClient = others.stream()
                        .flatMap(s -> s.functions().stream())
                        .mapToInt(f -> f.worstCaseConnections(overlap))
                        .sum();
                constraints.add(new Constraint(
                        "pgbouncer maxClientConnections", limits.pooler().maxClientConnections() - othersClient, true));
            }
        } else {
            budgetDescription = limits.budgetFormula();
            constraints.add(new Constraint("budget", limits.budget() - othersServer, true));
        }

        List<FunctionBudget> functions = stage.functions();
        int n = functions.size();
        int[] perInstance = new int[n];
        int[] instances = new int[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            FunctionBudget function = functions.get(i);
            perInstance[i] = function.usefulConnectionLimit();
            weight[i] = weights.getOrDefault(function.name(), 1.0);
            instances[i] = 1;
        }
        for (Constraint constraint : constraints) {
            int used = used(constraint, perInstance, instances, overlap);
            if (used > constraint.capacity()) {
                throw new BudgetException(
                        ExitCode.CHECK_FAILED,
                        "plan: even one instance per function needs " + used
                                + " connections, but the " + constraint.description() + " leaves "
                                + constraint.capacity()
                                + " to stage " + stage.name()
                                + (othersServer > 0
                                        ? " (other stages on " + limits.name() + " hold " + othersServer + ")"
                                        : ""));
            }
        }
        while (true) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (weight[i] <= 0 || !fits(constraints, perInstance, instances, overlap, i)) {
                    continue;
                }
                if (best < 0 || (instances[i] + 1) / weight[i] < (instances[best] + 1) / weight[best]) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            instances[best]++;
        }
        List<Proposal> proposals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int connections = instances[i] * perInstance[i] * (limits.pooler().pools() ? 1 : overlap);
            proposals.add(new Proposal(functions.get(i), weight[i], perInstance[i], instances[i], connections));
        }
        return new Plan(stage, limits, budgetDescription, constraints.get(0).capacity(), othersServer, proposals);
    }

    private static boolean fits(
            List<Constraint> constraints, int[] perInstance, int[] instances, int overlap, int next) {
        instances[next]++;
        try {
            for (Constraint constraint : constraints) {
                if (used(constraint, perInstance, instances, overlap) > constraint.capacity()) {
                    return false;
                }
            }
            return true;
        } finally {
            instances[next]--;
        }
    }

    private static int used(Constraint constraint, int[] perInstance, int[] instances, int overlap) {
        int used = 0;
        for (int i = 0; i < instances.length; i++) {
            used += instances[i] * perInstance[i] * (constraint.withOverlap() ? overlap : 1);
        }
        return used;
    }
}
