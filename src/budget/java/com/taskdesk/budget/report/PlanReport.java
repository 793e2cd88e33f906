package com.taskdesk.budget.report;

import com.taskdesk.budget.check.InstancePlanner;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.io.PrintStream;
import java.util.Locale;

/** Prints a plan: the proposal per function, and the answer to "how many requests before the database says no?". */
public final class PlanReport {

    private PlanReport() {}

    public static void print(PrintStream out, InstancePlanner.Plan plan) {
        StageConfig stage = plan.stage();
        DatabaseLimits limits = plan.limits();
        boolean pooled = limits.pooler().pools();
        int overlap = limits.deployOverlapFactor();
        out.println("Plan for stage " + stage.name() + " on database " + limits.name() + ": budget "
                + plan.budgetDescription()
                + (plan.otherStages() > 0
                        ? "; other stages on it hold " + plan.otherStages() + ", leaving " + plan.available()
                        : "")
                + "; deploy overlap x" + overlap);
        out.println("Each instance costs connectionLimit"
                + (pooled
                        ? " server connection(s) (and x" + overlap + " client connections at the pooler)"
                        : " x " + overlap + " connections at worst")
                + ".");
        out.println();
        String row = "  %-20s %6s %15s %20s %22s %16s%n";
        out.printf(
                row,
                "function",
                "weight",
                "connectionLimit",
                "maxInstances (now)",
                "maxInstances (proposed)",
                pooled ? "server conns" : "worst case");
        int now = 0;
        int proposed = 0;
        for (InstancePlanner.Proposal proposal : plan.proposals()) {
            FunctionBudget function = proposal.function();
            String limit = proposal.connectionLimit() == function.connectionLimit()
                    ? Integer.toString(proposal.connectionLimit())
                    : proposal.connectionLimit() + " (now " + function.connectionLimit() + ")";
            out.printf(
                    row,
                    function.name(),
                    String.format(Locale.ROOT, "%.1f", proposal.weight()),
                    limit,
                    function.maxInstances() == null ? "none" : function.maxInstances(),
                    proposal.maxInstances(),
                    proposal.connections());
            now += function.maxInstances() == null ? 0 : function.maxInstances();
            proposed += proposal.maxInstances();
        }
        out.printf(row, "total", "", "", now, proposed, plan.total() + " of " + plan.available());
        out.println();
        out.println("How many concurrent requests can each endpoint take before the database says no?");
        out.println(
                "  With the proposed caps, none: the database has room for every instance Lambda may run. Each endpoint");
        out.println(
                "  takes this many requests at once; beyond it the HTTP API answers 429 (its route throttle, a little");
        out.println("  below), never PostgreSQL's 53300:");
        for (InstancePlanner.Proposal proposal : plan.proposals()) {
            FunctionBudget function = proposal.function();
            int requests = proposal.maxInstances() * function.requestsPerInstance();
            int queued = function.requestsPerInstance() - proposal.connectionLimit() / Endpoint.CONNECTIONS_PER_REQUEST;
            out.println("    " + function.name() + ": " + requests + " (" + proposal.maxInstances()
                    + (function.onManagedInstances() ? " environment(s) x " : " instance(s) x ")
                    + function.requestsPerInstance() + " request(s) each)"
                    + (queued > 0
                            ? "; of each environment's "
                                    + function.requestsPerInstance() + ", " + queued + " queue on its pool of "
                                    + proposal.connectionLimit()
                                    + " for at most poolTimeoutSeconds " + function.poolTimeoutSeconds() + " (then 503)"
                            : ""));
        }
        out.println("  To apply: set these maxInstances in " + stage.fileName() + ", then run render and check.");
    }
}
