package com.taskdesk.budget;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings check recommends for a database (or its pooler) and what it assumed, as numbers;
 * why each one is needed is written once, in docs/connection-budget.md.
 */
final class Advice {

    /** Reaps a frozen or superseded instance's idle connection; a thawed instance reconnects. */
    static final int IDLE_SESSION_TIMEOUT_SECONDS = 300;
    static final int KEEPALIVES_IDLE_SECONDS = 60;
    static final int KEEPALIVES_INTERVAL_SECONDS = 10;
    static final int KEEPALIVES_COUNT = 6;
    /** Lambda keeps this much of an account's concurrency unreserved. */
    static final int LAMBDA_UNRESERVED_MINIMUM = 100;
    private static final String DOCS = "docs/connection-budget.md";

    private Advice() {
    }

    static void print(PrintStream out, DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        out.println("Database " + limits.name() + " (PostgreSQL " + limits.postgresVersion() + "), recommended settings"
                + " (why: " + DOCS + ", \"Frozen and discarded instances\"" + (database.pooled() ? ", \"Poolers\"" : "") + "):");
        if (!database.pooled()) {
            out.println("  server: tcp_keepalives_idle = " + KEEPALIVES_IDLE_SECONDS + ", tcp_keepalives_interval = "
                    + KEEPALIVES_INTERVAL_SECONDS + ", tcp_keepalives_count = " + KEEPALIVES_COUNT);
        }
        out.println("  each function's role (the roles SQL sets them): " + roleSettings(limits, null).entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")));
        Pooler pooler = limits.pooler();
        if (pooler.kind() == Pooler.Kind.PGBOUNCER) {
            int largestRole = database.functions().filter(f -> f.function().maxInstances() != null)
                    .mapToInt(f -> f.function().inFlightConnections()).max().orElse(0);
            out.println("  pgbouncer.ini: pool_mode = transaction, max_db_connections = " + pooler.serverConnections()
                    + ", max_client_conn >= " + database.clientConnections() + ", default_pool_size >= " + largestRole
                    + ", ignore_startup_parameters = extra_float_digits (and search_path with DATABASE_URL schema=),"
                    + " client_idle_timeout = " + IDLE_SESSION_TIMEOUT_SECONDS + ", tcp_keepalive = 1, tcp_keepidle = "
                    + KEEPALIVES_IDLE_SECONDS + ", tcp_keepintvl = " + KEEPALIVES_INTERVAL_SECONDS + ", tcp_keepcnt = "
                    + KEEPALIVES_COUNT);
        } else if (pooler.kind() == Pooler.Kind.RDS_PROXY) {
            out.println("  RDS Proxy: MaxConnectionsPercent = " + (int) Math.ceil(100.0 * pooler.serverConnections()
                    / limits.maxConnections()) + ", IdleClientTimeout = " + IDLE_SESSION_TIMEOUT_SECONDS);
        }
        if (database.pooled()) {
            out.println("  DATABASE_URL: pgbouncer=true (the functions then send no server-side prepared statement)");
        }
        out.println("  assumed: one request per instance and one statement per request (" + Endpoint.CONNECTIONS_PER_REQUEST
                + " connection), unless a function runs on Lambda Managed Instances; deployOverlapFactor "
                + limits.deployOverlapFactor() + "; reserved " + limits.reservedConnections() + " = "
                + limits.reservedFor().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(" + ")));
        database.functions().filter(f -> f.function().onManagedInstances()).forEach(f -> out.println("  " + f.subject()
                + " runs on Lambda Managed Instances, " + f.function().requestsPerInstance() + " requests per environment:"
                + " the check cannot see how many environments its capacity provider runs (" + DOCS
                + ", \"Lambda Managed Instances\")"));
        out.println();
    }

    /** Lambda's account-wide concurrency a stage needs: its reserved concurrency plus what Lambda keeps unreserved. */
    static int accountConcurrency(StageConfig stage) {
        return stage.reservedConcurrency() + LAMBDA_UNRESERVED_MINIMUM;
    }

    /** Per-role settings, in the order the roles SQL writes them (function null: described, for check). */
    static Map<String, String> roleSettings(DatabaseLimits limits, FunctionBudget function) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("statement_timeout", function == null ? "its statementTimeoutSeconds"
                : function.statementTimeoutSeconds() + "s");
        settings.put("idle_in_transaction_session_timeout", function == null ? "its functionTimeoutSeconds"
                : function.functionTimeoutSeconds() + "s");
        if (!limits.pooler().pools() && limits.postgresVersion() >= 14) {
            settings.put("idle_session_timeout", IDLE_SESSION_TIMEOUT_SECONDS + "s");
        }
        settings.put("search_path", limits.schema());
        return settings;
    }
}
