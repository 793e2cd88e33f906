package com.taskdesk.budget;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the database (or the pooler) should do about connections Lambda leaves behind, what the
 * check assumed, and what a pooler needs from the functions. The numbers per role also go into
 * the roles SQL ({@link RoleSql}).
 */
final class DatabaseSettingsAdvice {

    /** Reaps a frozen or superseded instance's idle connection; a thawed instance reconnects. */
    static final int IDLE_SESSION_TIMEOUT_SECONDS = 300;
    static final int KEEPALIVES_IDLE_SECONDS = 60;
    static final int KEEPALIVES_INTERVAL_SECONDS = 10;
    static final int KEEPALIVES_COUNT = 6;
    /** Lambda keeps this much of an account's concurrency unreserved. */
    static final int LAMBDA_UNRESERVED_MINIMUM = 100;

    private DatabaseSettingsAdvice() {
    }

    static boolean supportsIdleSessionTimeout(DatabaseLimits limits) {
        return limits.postgresVersion() >= 14;
    }

    static void print(PrintStream out, DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        int deadAfter = KEEPALIVES_IDLE_SECONDS + KEEPALIVES_INTERVAL_SECONDS * KEEPALIVES_COUNT;
        out.println("Database-side settings recommended for " + limits.name() + " (PostgreSQL " + limits.postgresVersion() + "):");
        if (!database.pooled()) {
            out.println("  server-wide (postgresql.conf, or the RDS parameter group):");
            out.println("    tcp_keepalives_idle = " + KEEPALIVES_IDLE_SECONDS + ", tcp_keepalives_interval = "
                    + KEEPALIVES_INTERVAL_SECONDS + ", tcp_keepalives_count = " + KEEPALIVES_COUNT);
            out.println("      An instance Lambda discards never closes its sockets: the server finds such a connection dead");
            out.println("      within " + KEEPALIVES_IDLE_SECONDS + " + " + KEEPALIVES_INTERVAL_SECONDS + " x " + KEEPALIVES_COUNT
                    + " = " + deadAfter + " s and frees its slot (the operating system's default is 2 hours).");
        }
        out.println("  per function role (ALTER ROLE ... SET; the roles command writes them):");
        if (database.pooled()) {
            out.println("    no idle_session_timeout: behind the pooler it would only close the pooler's own server connections;");
            out.println("    the pooler's client-side idle timeout reaps what frozen and discarded instances leave (below).");
        } else if (supportsIdleSessionTimeout(limits)) {
            out.println("    idle_session_timeout = " + IDLE_SESSION_TIMEOUT_SECONDS + "s");
            out.println("      A frozen instance keeps its idle connection, and after a deploy the old version's instances");
            out.println("      never run again: the server closes such a connection after " + IDLE_SESSION_TIMEOUT_SECONDS / 60
                    + " minutes idle. An instance that");
            out.println("      thaws later finds it closed when its pool validates on borrow, and opens a new one.");
            out.println("      Not server-wide: the rest of the application may keep idle pooled connections on purpose.");
        } else {
            out.println("    (no idle_session_timeout before PostgreSQL 14: keepalives reap discarded instances, but a frozen");
            out.println("    one keeps its connection until Lambda discards it; size deployOverlapFactor for that.)");
        }
        out.println("    idle_in_transaction_session_timeout = the function's functionTimeoutSeconds");
        out.println("      The handlers never leave a transaction open (one auto-commit statement): a session idle in a");
        out.println("      transaction belongs to an instance frozen or killed mid-request.");
        out.println("    statement_timeout = the function's statementTimeoutSeconds");
        out.println("      A backstop for DB_STATEMENT_TIMEOUT_SECONDS that holds even when the instance that sent the");
        out.println("      statement was killed at its function timeout before it could cancel it.");
        poolerNotes(out, database);
        out.println("Assumed:");
        out.println("  - An instance of Lambda's default serves one request at a time; every handler runs at most one statement");
        out.println("    on one pooled connection, so " + Endpoint.CONNECTIONS_PER_REQUEST
                + " connection per concurrent request is all a function can use.");
        out.println("  - maxInstances is enforced as reserved concurrency (template.yaml ReservedConcurrentExecutions,");
        out.println("    serverless.yml reservedConcurrency); without it nothing bounds the instances.");
        out.println("  - deployOverlapFactor " + limits.deployOverlapFactor() + ": old and new versions' instances hold connections at once"
                + " during a deploy,");
        out.println("    until " + (database.pooled() ? "the pooler's client idle timeout" : supportsIdleSessionTimeout(limits)
                ? "idle_session_timeout" : "Lambda") + " reaps the old ones; frozen instances hold theirs too.");
        out.println("  - The functions' pools open no connection at start (none is in a SnapStart snapshot) and");
        out.println("    validate a connection on borrow (application.properties).");
        if (!limits.reservedFor().isEmpty()) {
            out.println("  - reservedConnections " + limits.reservedConnections() + " = " + limits.reservedFor().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" + ")) + ".");
        }
        out.println("  - superuser_reserved_connections is inside reservedConnections: the function roles are refused that many");
        out.println("    connections before max_connections (SQLSTATE 53300).");
        int reserved = database.stages().stream().flatMap(stage -> stage.functions().stream())
                .filter(f -> f.maxInstances() != null).mapToInt(FunctionBudget::reservedConcurrency).sum();
        out.println("  - Lambda keeps " + LAMBDA_UNRESERVED_MINIMUM + " of an account's concurrency unreserved: an account (per region)"
                + " deploying " + String.join(", ", database.stageNames()));
        out.println("    needs a concurrency limit of at least " + LAMBDA_UNRESERVED_MINIMUM + " + " + reserved + " = "
                + (LAMBDA_UNRESERVED_MINIMUM + reserved) + " (new accounts may start lower; ask for a quota increase).");
        if (!database.pooled()) {
            out.println("  - Nothing between Lambda and PostgreSQL (a NAT gateway, a proxy) answers keepalive probes for a");
            out.println("    discarded instance. Whether a frozen instance answers them is not documented; either way its pool");
            out.println("    validates a connection before use.");
        }
        for (StageConfig stage : database.stages()) {
            for (FunctionBudget function : stage.functions()) {
                if (function.onManagedInstances()) {
                    managedInstancesNote(out, stage, function);
                }
            }
        }
        out.println();
    }

    private static void poolerNotes(PrintStream out, DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        Pooler pooler = limits.pooler();
        if (!pooler.pools()) {
            out.println("  Pooler: none. With PgBouncer (transaction mode) or RDS Proxy in front, set database.pooler: the budget");
            out.println("  then applies to the pooler's server-side pool, and DATABASE_URL needs pgbouncer=true.");
            return;
        }
        out.println("Pooler notes for " + pooler + ":");
        out.println("  - The inequality applies to the pooler's server-side pool: serverConnections " + pooler.serverConnections()
                + " must fit " + limits.budgetFormula() + ",");
        out.println("    and the functions' statements in flight (maxInstances x connectionLimit, no overlap: in transaction mode");
        out.println("    an idle client holds no server connection) must fit serverConnections.");
        out.println("  - DATABASE_URL must carry pgbouncer=true: the functions then set prepareThreshold=0, so pgjdbc prepares no");
        out.println("    server-side statement, which a transaction-mode pooler cannot keep from one transaction to the next.");
        if (pooler.kind() == Pooler.Kind.PGBOUNCER) {
            out.println("  - pgbouncer.ini: pool_mode = transaction; max_db_connections = " + pooler.serverConnections()
                    + "; max_client_conn >= " + database.clientConnections() + ";");
            out.println("    ignore_startup_parameters = extra_float_digits (pgjdbc sends it when it connects; PgBouncer refuses");
            out.println("    startup parameters it does not know), plus search_path when DATABASE_URL has schema= (pgjdbc sends");
            out.println("    the schema as search_path). PgBouncer then drops it: the roles SQL sets search_path = "
                    + limits.schema() + " on each role.");
            out.println("  - pgbouncer.ini: client_idle_timeout = " + IDLE_SESSION_TIMEOUT_SECONDS
                    + " reaps client connections of frozen and discarded instances;");
            out.println("    tcp_keepalive = 1, tcp_keepidle = " + KEEPALIVES_IDLE_SECONDS + ", tcp_keepintvl = "
                    + KEEPALIVES_INTERVAL_SECONDS + ", tcp_keepcnt = " + KEEPALIVES_COUNT + " find dead clients.");
            int largestShare = database.stages().stream().flatMap(stage -> stage.functions().stream())
                    .filter(f -> f.maxInstances() != null).mapToInt(FunctionBudget::inFlightConnections).max().orElse(0);
            out.println("  - Each role gets its own pool (one per user and database): default_pool_size >= " + largestShare
                    + " (the largest role's");
            out.println("    statements in flight), and auth_file or auth_query must know every function role. A role's");
            out.println("    CONNECTION LIMIT counts PgBouncer's server connections for it (the roles SQL uses maxInstances x");
            out.println("    connectionLimit).");
        } else {
            out.println("  - RDS Proxy: MaxConnectionsPercent = " + percentOf(pooler.serverConnections(), limits.maxConnections())
                    + " of max_connections " + limits.maxConnections() + " gives the server pool of " + pooler.serverConnections()
                    + ";");
            out.println("    IdleClientTimeout = " + IDLE_SESSION_TIMEOUT_SECONDS
                    + " (default 1800) reaps client connections of frozen and discarded instances.");
            out.println("  - Session state (SET, prepared statements) pins a client to one server connection: keep the timeouts on");
            out.println("    the roles (ALTER ROLE ... SET, as the roles SQL does), never SET them per session.");
        }
    }

    private static String percentOf(int part, int whole) {
        return (int) Math.ceil(100.0 * part / whole) + "% (rounded up)";
    }

    private static void managedInstancesNote(PrintStream out, StageConfig stage, FunctionBudget function) {
        out.println("  - " + stage.stage() + "/" + function.name() + " declares Lambda Managed Instances with up to "
                + function.requestsPerInstance() + " concurrent requests per execution environment:");
        out.println("    its connectionLimit must cover that concurrency (" + function.requestsPerInstance() + " x "
                + Endpoint.CONNECTIONS_PER_REQUEST + " = " + function.requestsPerInstance() * Endpoint.CONNECTIONS_PER_REQUEST
                + "), and maxInstances counts execution environments.");
        out.println("    The tool cannot see how many environments the capacity provider runs: it assumes reserved concurrency "
                + (function.maxInstances() == null ? "(none)" : function.reservedConcurrency()));
        out.println("    (maxInstances x requests per environment) keeps them to maxInstances; verify that on the capacity provider.");
    }

    /** Per-role settings, in the order the roles SQL writes them. */
    static Map<String, String> roleSettings(DatabaseLimits limits, FunctionBudget function) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("statement_timeout", function.statementTimeoutSeconds() + "s");
        settings.put("idle_in_transaction_session_timeout", function.functionTimeoutSeconds() + "s");
        if (!limits.pooler().pools() && supportsIdleSessionTimeout(limits)) {
            settings.put("idle_session_timeout", IDLE_SESSION_TIMEOUT_SECONDS + "s");
        }
        settings.put("search_path", limits.schema());
        return settings;
    }
}
