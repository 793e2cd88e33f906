package com.taskdesk.budget.check;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.Pooler;
import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One database and every stage that names it: the inequality the check proves.
 * <pre>
 *   sum over the stages' functions f of  counted(f)  &lt;=  budget
 * </pre>
 * Direct to PostgreSQL, {@code counted(f) = maxInstances * connectionLimit * deployOverlapFactor}
 * and {@code budget = maxConnections - reservedConnections}. Behind a pooler in transaction mode
 * the server sees the pooler's server-side pool: {@code budget = serverConnections} (one less
 * behind PgBouncer: {@link Pooler#PGBOUNCER_SPARE}), and
 * {@code counted(f) = maxInstances * connectionLimit}, the statements in flight; the overlap then
 * applies to the pooler's client side.
 */
public record DatabaseBudget(DatabaseLimits limits, List<StageConfig> stages) {

    public static List<DatabaseBudget> of(BudgetConfig config) {
        List<DatabaseBudget> budgets = new ArrayList<>();
        for (Map.Entry<String, List<StageConfig>> group :
                config.stagesByDatabase().entrySet()) {
            budgets.add(new DatabaseBudget(group.getValue().get(0).database(), List.copyOf(group.getValue())));
        }
        return budgets;
    }

    public static DatabaseBudget of(BudgetConfig config, StageConfig stage) {
        return new DatabaseBudget(stage.database(), config.stagesSharing(stage));
    }

    public String name() {
        return limits.name();
    }

    public boolean pooled() {
        return limits.pooler().pools();
    }

    /** Every function of every stage on this database. */
    public Stream<StageFunction> functions() {
        return stages.stream().flatMap(stage -> stage.functions().stream().map(f -> new StageFunction(stage, f)));
    }

    /** What the functions' connections are measured against. */
    public int budget() {
        return pooled() ? limits.pooler().statementsInFlight() : limits.budget();
    }

    /** "max_connections 100 - reserved 40 = 60" or "pgbouncer server pool 40 - 1 kept free = 39". */
    public String budgetDescription() {
        return pooled() ? limits.pooler().statementsInFlightFormula() : limits.budgetFormula();
    }

    /** The function's connections at the database at worst; -1 when it has no instance cap. */
    public int counted(FunctionBudget function) {
        if (function.maxInstances() == null) {
            return -1;
        }
        return pooled() ? function.inFlightConnections() : function.worstCaseConnections(limits.deployOverlapFactor());
    }

    /** The CONNECTION LIMIT of a function's role (roles): its worst case, its in-flight share behind a pooler. */
    public int roleConnectionLimit(FunctionBudget function) {
        return counted(function);
    }

    /** "5 x 1 x 2" (or "5 x 1" behind a pooler). */
    public String countedFormula(FunctionBudget function) {
        return pooled()
                ? function.maxInstances() + " x " + function.connectionLimit()
                : function.worstCaseFormula(limits.deployOverlapFactor());
    }

    public boolean unbounded() {
        return functions().anyMatch(f -> f.function().maxInstances() == null);
    }

    /** Sum over every stage on this database (capped functions only when some are unbounded). */
    public int total() {
        return functions()
                .mapToInt(f -> counted(f.function()))
                .filter(n -> n >= 0)
                .sum();
    }

    public int total(StageConfig stage) {
        return stage.functions().stream()
                .mapToInt(this::counted)
                .filter(n -> n >= 0)
                .sum();
    }

    public int headroom() {
        return budget() - total();
    }

    /** Client connections the functions may hold at the pooler: every instance, times the overlap. */
    public int clientConnections() {
        return functions()
                .filter(f -> f.function().maxInstances() != null)
                .mapToInt(f -> f.function().worstCaseConnections(limits.deployOverlapFactor()))
                .sum();
    }

    public List<String> stageNames() {
        return stages.stream().map(StageConfig::name).toList();
    }
}
