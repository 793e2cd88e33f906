package com.taskdesk.budget.report;

import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.FrontDoorFiles;
import com.taskdesk.budget.render.ServerlessFile;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;

/**
 * What check prints for one stage: each function's connections at worst, its share of the
 * database's budget and the headroom; its timeouts; its route's throttle; the account concurrency.
 */
public final class BudgetTable {

    private BudgetTable() {}

    public static void print(PrintStream out, StageConfig stage, DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        out.println("Stage " + stage.name() + " (" + stage.fileName() + "): database " + limits.name() + ", budget "
                + database.budgetDescription() + ", pooler " + limits.pooler() + ", deploy overlap x"
                + limits.deployOverlapFactor());
        out.println();
        String name = functionColumn(stage);
        String row = "  " + name + " %12s %15s %34s %15s %22s%n";
        out.printf(
                row,
                "function",
                "maxInstances",
                "connectionLimit",
                database.pooled() ? "server connections (inst x conn)" : "worst case (inst x conn x overlap)",
                "share of budget",
                "headroom");
        int instances = 0;
        for (FunctionBudget function : stage.functions()) {
            int counted = database.counted(function);
            if (counted < 0) {
                out.printf(row, function.name(), "none", function.connectionLimit(), "unbounded", "-", "-");
                continue;
            }
            instances += function.maxInstances();
            int perInstance = function.connectionLimit() * (database.pooled() ? 1 : limits.deployOverlapFactor());
            out.printf(
                    row,
                    function.name(),
                    function.maxInstances(),
                    function.connectionLimit(),
                    database.countedFormula(function) + " = " + counted,
                    percent(counted, database.budget()),
                    database.headroom() < 0 || perInstance == 0
                            ? "none"
                            : "+" + database.headroom() / perInstance + " instance(s)");
        }
        int total = database.total(stage);
        out.printf(
                row,
                "total",
                instances,
                "",
                total,
                percent(total, database.budget()),
                database.headroom() < 0 ? "over by " + -database.headroom() : "");
        out.println();
        StringBuilder sum = new StringBuilder();
        for (StageConfig shared : database.stages()) {
            sum.append(sum.length() == 0 ? "" : " + ")
                    .append(database.total(shared))
                    .append(" (")
                    .append(shared.name())
                    .append(")");
        }
        out.println("  Database " + limits.name()
                + (database.stages().size() > 1
                        ? ", shared by stages " + String.join(", ", database.stageNames()) + ": " + sum + " ="
                        : ":")
                + " " + database.total() + " of "
                + database.budget() + ", "
                + (database.headroom() < 0
                        ? "OVER BUDGET by " + -database.headroom()
                        : "headroom " + database.headroom()));
        if (database.pooled()) {
            out.println("  Client connections at the pooler (inst x conn x overlap): " + database.clientConnections());
        }
        managedInstances(out, stage);
        out.println();
        String times = "  " + name + " %6s %8s %10s %7s %6s %14s %14s %5s%n";
        out.printf(
                times,
                "function",
                "pool",
                "connect",
                "statement",
                "margin",
                "total",
                "functionTimeout",
                "socket read",
                "nests");
        for (FunctionBudget function : stage.functions()) {
            FrontDoor door = stage.frontDoor();
            boolean nests = function.coldChainSeconds() < function.functionTimeoutSeconds()
                    && function.functionTimeoutSeconds() <= BudgetCheck.HTTP_API_TIMEOUT_SECONDS
                    && (door == null
                            || !door.moves(function.endpoint())
                            || function.functionTimeoutSeconds() < door.host().proxyLimitSeconds());
            out.printf(
                    times,
                    function.name(),
                    function.poolTimeoutSeconds(),
                    function.connectTimeoutSeconds(),
                    function.statementTimeoutSeconds(),
                    function.timeoutMarginSeconds(),
                    function.coldChainSeconds(),
                    function.functionTimeoutSeconds(),
                    function.socketReadTimeoutSeconds(),
                    nests ? "yes" : "NO");
        }
        out.println("  (seconds: total = SnapStart restore " + FunctionBudget.RESTORE_SECONDS + " + secret read "
                + FunctionBudget.SECRET_READ_SECONDS + " + pool + connect + statement + margin < functionTimeout <= "
                + BudgetCheck.HTTP_API_TIMEOUT_SECONDS
                + "; the socket read timeout, statement + margin, is inside that chain)");
        frontDoor(out, stage);
        out.println();
        String gateway = "  " + name + " "
                + leftColumn(stage, "route", function -> function.endpoint().route()) + " %11s %9s %8s %6s%n";
        out.printf(gateway, "function", "route", "concurrency", "latency", "rate/s", "burst");
        for (FunctionBudget function : stage.functions()) {
            boolean capped = function.maxInstances() != null;
            out.printf(
                    gateway,
                    function.name(),
                    function.endpoint().route(),
                    capped ? function.maxInstances() * function.requestsServedAtOnce() : "none",
                    function.typicalLatencyMs() + " ms",
                    capped ? function.throttle().ratePerSecond() : "-",
                    capped ? function.throttle().burst() : "-");
        }
        out.println("  (concurrency: requests the instances run statements for at once; the HTTP API answers 429 beyond"
                + " rate and burst: " + FunctionBudget.THROTTLE_PERCENT
                + "% of concurrency x 1000 / latency, and of concurrency)");
        AnonymousReach.print(out, stage);
        out.println();
        out.println("  Account concurrency stage " + stage.name() + " needs: " + stage.reservedConcurrency()
                + " reserved + " + Advice.LAMBDA_UNRESERVED_MINIMUM + " Lambda keeps unreserved = "
                + Advice.accountConcurrency(stage)
                + (stage.functions().stream().anyMatch(FunctionBudget::onManagedInstances)
                        ? " (functions on Managed Instances reserve none)"
                        : ""));
        out.println();
    }

    /** Where the app's host sends the moved routes, and the proxy limit their timeouts must stay below. */
    private static void frontDoor(PrintStream out, StageConfig stage) {
        FrontDoor door = stage.frontDoor();
        if (door != null) {
            out.println("  Front door (" + FrontDoorFiles.file(stage) + "): "
                    + door.host().configName() + " at "
                    + door.appOrigin() + " proxies "
                    + String.join(
                            ", ",
                            door.moved().stream().map(Endpoint::functionName).toList())
                    + " to " + door.apiUrl() + "; their functionTimeout < "
                    + door.host().proxyLimitSeconds()
                    + " s, " + door.host().configName() + "'s proxy limit");
        }
    }

    /** Each function on Lambda Managed Instances: its environments, the requests they take and the connections. */
    private static void managedInstances(PrintStream out, StageConfig stage) {
        for (FunctionBudget function : stage.functions()) {
            if (function.onManagedInstances() && function.maxInstances() != null) {
                out.println("  " + function.name() + " runs on Lambda Managed Instances: " + function.maxInstances()
                        + " environment(s) (MaxExecutionEnvironments) x " + function.requestsPerInstance()
                        + " requests (perExecutionEnvironmentMaxConcurrency) = "
                        + function.maxInstances() * function.requestsPerInstance() + " at once, on "
                        + function.maxInstances() + " x " + function.connectionLimit() + " = "
                        + function.inFlightConnections() + " connection(s)"
                        + (function.requestsQueuedPerInstance() > 0
                                ? "; the others queue on the pool (warning below)"
                                : ""));
                out.println("    (" + ServerlessFile.FILE
                        + ", Serverless Framework v3, cannot declare Managed Instances: its"
                        + " deploy runs " + function.name() + " on Lambda's default model, reservedConcurrency "
                        + function.maxInstances() + ", one request per instance, within the same budget)");
            }
        }
    }

    /** The function names' column: as wide as the stage's longest name, or its heading. */
    static String functionColumn(StageConfig stage) {
        return leftColumn(stage, "function", FunctionBudget::name);
    }

    /** A left-aligned column of one value per function, as wide as the longest value or its heading. */
    static String leftColumn(StageConfig stage, String heading, Function<FunctionBudget, String> value) {
        int width = stage.functions().stream()
                .mapToInt(function -> value.apply(function).length())
                .max()
                .orElse(0);
        return "%-" + Math.max(width, heading.length()) + "s";
    }

    static String percent(int part, int whole) {
        return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
