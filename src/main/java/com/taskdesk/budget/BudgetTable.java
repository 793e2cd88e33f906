package com.taskdesk.budget;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The tables {@code check} prints for one stage: each function's connections at worst, its share
 * of the database's budget and the headroom left; then its timeouts.
 */
final class BudgetTable {

    private BudgetTable() {
    }

    static void print(PrintStream out, StageConfig stage, DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        out.println("Stage " + stage.stage() + " (" + stage.fileName() + "): database " + limits.name()
                + " (PostgreSQL " + limits.postgresVersion() + "), budget " + database.budgetDescription()
                + ", pooler " + limits.pooler() + ", deploy overlap x" + limits.deployOverlapFactor());
        out.println();
        String worstCaseHeader = database.pooled() ? "server connections (inst x conn)" : "worst case (inst x conn x overlap)";
        String row = "  %-15s %12s %15s %34s %15s %22s%n";
        out.printf(row, "function", "maxInstances", "connectionLimit", worstCaseHeader, "share of budget", "headroom");
        int instances = 0;
        for (FunctionBudget function : stage.functions()) {
            int counted = database.counted(function);
            if (counted < 0) {
                out.printf(row, function.name(), "none", function.connectionLimit(), "unbounded", "-", "-");
                continue;
            }
            instances += function.maxInstances();
            int perInstance = database.pooled() ? function.connectionLimit()
                    : function.connectionLimit() * limits.deployOverlapFactor();
            String headroom = database.headroom() < 0 || perInstance == 0 ? "none"
                    : "+" + database.headroom() / perInstance + " instance(s)";
            out.printf(row, function.name(), function.maxInstances(), function.connectionLimit(),
                    database.countedFormula(function) + " = " + counted, percent(counted, database.budget()), headroom);
        }
        int stageTotal = database.total(stage);
        out.printf(row, "total", instances, "", stageTotal, percent(stageTotal, database.budget()),
                database.headroom() < 0 ? "over by " + -database.headroom() : "");
        out.println();
        if (database.stages().size() > 1) {
            StringBuilder sum = new StringBuilder();
            for (StageConfig shared : database.stages()) {
                sum.append(sum.length() == 0 ? "" : " + ").append(database.total(shared)).append(" (").append(shared.stage()).append(")");
            }
            out.println("  Database " + limits.name() + " is shared by stages " + String.join(", ", database.stageNames())
                    + ": " + sum + " = " + database.total() + " of " + database.budget() + ", " + headroom(database));
        } else {
            out.println("  Database " + limits.name() + ": " + database.total() + " of " + database.budget()
                    + ", " + headroom(database));
        }
        if (database.pooled()) {
            out.println("  Client connections at the pooler (inst x conn x overlap): " + database.clientConnections()
                    + (limits.pooler().maxClientConnections() == null ? ""
                    : " of maxClientConnections " + limits.pooler().maxClientConnections()));
        }
        out.println();
        String timeRow = "  %-15s %11s %14s %16s %13s %7s %22s  %s%n";
        out.printf(timeRow, "function", "poolTimeout", "connectTimeout", "statementTimeout", "timeoutMargin", "total",
                "functionTimeout (<=" + BudgetCheck.HTTP_API_TIMEOUT_SECONDS + ")", "nests");
        for (FunctionBudget function : stage.functions()) {
            boolean nests = function.timeoutChainSeconds() < function.functionTimeoutSeconds()
                    && function.functionTimeoutSeconds() <= BudgetCheck.HTTP_API_TIMEOUT_SECONDS;
            out.printf(timeRow, function.name(), function.poolTimeoutSeconds(), function.connectTimeoutSeconds(),
                    function.statementTimeoutSeconds(), function.timeoutMarginSeconds(), function.timeoutChainSeconds(),
                    function.functionTimeoutSeconds(), nests ? "yes" : "NO");
        }
        out.println("  (seconds: poolTimeout + connectTimeout + statementTimeout + timeoutMargin < functionTimeout <= "
                + BudgetCheck.HTTP_API_TIMEOUT_SECONDS + ", the HTTP API integration limit)");
        out.println();
    }

    private static String headroom(DatabaseBudget database) {
        return database.headroom() < 0 ? "OVER BUDGET by " + -database.headroom() : "headroom " + database.headroom();
    }

    static String percent(int part, int whole) {
        return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
