package com.taskdesk.budget.report;

import static com.taskdesk.budget.config.FrozenInstanceSettings.IDLE_SESSION_TIMEOUT_SECONDS;
import static com.taskdesk.budget.config.FrozenInstanceSettings.KEEPALIVES_COUNT;
import static com.taskdesk.budget.config.FrozenInstanceSettings.KEEPALIVES_IDLE_SECONDS;
import static com.taskdesk.budget.config.FrozenInstanceSettings.KEEPALIVES_INTERVAL_SECONDS;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.Pooler;
import com.taskdesk.budget.config.StageConfig;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings check recommends for a database (or its pooler) and what it assumed, as numbers;
 * why each one is needed is written once, in docs/connection-budget.md.
 */
public final class Advice {

    /** Lambda keeps this much of an account's concurrency unreserved. */
    static final int LAMBDA_UNRESERVED_MINIMUM = 100;

    private static final String DOCS = "docs/connection-budget.md";

    private Advice() {}

    public static void print(PrintStream out, DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        out.println("Database " + limits.name() + " (PostgreSQL " + limits.postgresVersion() + "), recommended settings"
                + " (why: " + DOCS + ", \"Frozen and discarded instances\"" + (database.pooled() ? ", \"Poolers\"" : "")
                + "):");
        if (!database.pooled()) {
            out.println("  server: tcp_keepalives_idle = " + KEEPALIVES_IDLE_SECONDS + ", tcp_keepalives_interval = "
                    + KEEPALIVES_INTERVAL_SECONDS + ", tcp_keepalives_count = " + KEEPALIVES_COUNT);
        }
        out.println("  each function's role (the roles SQL sets them): "
                + roleSettings(limits, null).entrySet().stream()
                        .map(e -> e.getKey() + " = " + e.getValue())
                        .collect(Collectors.joining(", ")));
        Pooler pooler = limits.pooler();
        if (pooler.kind() == Pooler.Kind.PGBOUNCER) {
            out.println("  pgbouncer.ini [pgbouncer]: "
                    + PgBouncerSettings.of(database).entrySet().stream()
                            .map(e -> e.getKey()
                                    + (PgBouncerSettings.MINIMUMS.contains(e.getKey()) ? " >= " : " = ")
                                    + e.getValue())
                            .collect(Collectors.joining(", ")));
            out.println("  pgbouncer.ini [users], each role's share: "
                    + PgBouncerSettings.users(database).entrySet().stream()
                            .map(e -> e.getKey() + " = " + e.getValue())
                            .collect(Collectors.joining(", ")));
            List<String> ignore = PgBouncerSettings.ignoreStartupParameters(limits);
            out.println("    (the functions send at login: "
                    + String.join(", ", PgBouncerSettings.startupParameters(limits))
                    + (ignore.isEmpty()
                            ? "; PgBouncer 1.18 knows them all, nothing to ignore"
                            : "; ignore_startup_parameters = " + String.join(",", ignore)
                                    + ", which PgBouncer 1.18 would refuse")
                    + "; auth_file or auth_query must know every function's role)");
        } else if (pooler.kind() == Pooler.Kind.RDS_PROXY) {
            out.println("  RDS Proxy: MaxConnectionsPercent = "
                    + (int) Math.ceil(100.0 * pooler.serverConnections() / limits.maxConnections())
                    + ", IdleClientTimeout = " + IDLE_SESSION_TIMEOUT_SECONDS);
        }
        if (database.pooled() || !limits.databaseUrl().query().isEmpty()) {
            out.println("  DATABASE_URL (the stages' database-url secret): postgresql://user:pass@host:5432/db"
                    + limits.databaseUrl().query()
                    + (limits.databaseUrl().pgbouncer()
                            ? " (pgbouncer=true: the functions prepare no named server-side statement)"
                            : ""));
        }
        out.println("  assumed: one statement per request, on " + Endpoint.CONNECTIONS_PER_REQUEST
                + " connection; one request"
                + " at a time per instance (perExecutionEnvironmentMaxConcurrency on Managed Instances); deployOverlapFactor "
                + limits.deployOverlapFactor() + "; reserved " + limits.reservedConnections() + " = "
                + limits.reservedFor().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(" + ")));
        out.println();
    }

    /** Lambda's account-wide concurrency a stage needs: its reserved concurrency plus what Lambda keeps unreserved. */
    static int accountConcurrency(StageConfig stage) {
        return stage.reservedConcurrency() + LAMBDA_UNRESERVED_MINIMUM;
    }

    /** Per-role settings, in the order the roles SQL writes them (function null: described, for check). */
    static Map<String, String> roleSettings(DatabaseLimits limits, FunctionBudget function) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "statement_timeout",
                function == null ? "its statementTimeoutSeconds" : function.statementTimeoutSeconds() + "s");
        settings.put(
                "idle_in_transaction_session_timeout",
                function == null ? "its functionTimeoutSeconds" : function.functionTimeoutSeconds() + "s");
        if (!limits.pooler().pools() && limits.postgresVersion() >= 14) {
            settings.put("idle_session_timeout", IDLE_SESSION_TIMEOUT_SECONDS + "s");
        }
        settings.put("search_path", limits.schema());
        return settings;
    }
}
