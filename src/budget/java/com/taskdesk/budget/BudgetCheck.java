package com.taskdesk.budget;

import static com.taskdesk.budget.Finding.Kind.ABOVE_HTTP_API_LIMIT;
import static com.taskdesk.budget.Finding.Kind.CAP_ABOVE_USE;
import static com.taskdesk.budget.Finding.Kind.CAP_BELOW_NEED;
import static com.taskdesk.budget.Finding.Kind.MANAGED_INSTANCES_MEMORY;
import static com.taskdesk.budget.Finding.Kind.NOTHING_LEFT;
import static com.taskdesk.budget.Finding.Kind.NO_INSTANCE_CAP;
import static com.taskdesk.budget.Finding.Kind.OVER_BUDGET;
import static com.taskdesk.budget.Finding.Kind.POOLER_CLIENTS_OVER;
import static com.taskdesk.budget.Finding.Kind.POOLER_DROPS_SCHEMA;
import static com.taskdesk.budget.Finding.Kind.POOLER_POOL_TOO_LARGE;
import static com.taskdesk.budget.Finding.Kind.POOLER_PREPARED_STATEMENTS;
import static com.taskdesk.budget.Finding.Kind.POOL_QUEUE;
import static com.taskdesk.budget.Finding.Kind.POOL_TIMEOUT_BELOW_CONNECT_TIMEOUT;
import static com.taskdesk.budget.Finding.Kind.PROXY_PINS;
import static com.taskdesk.budget.Finding.Kind.TIMEOUTS_DO_NOT_NEST;
import static com.taskdesk.budget.Finding.Kind.UNBOUNDED;
import static com.taskdesk.budget.Finding.Kind.ZERO_INSTANCES;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What config/ must satisfy, for every stage: each function's instance cap, pool cap and timeouts,
 * and each database's budget summed over the stages that share it. The reasons behind each rule
 * are in docs/connection-budget.md; a finding names the function and the numbers.
 */
public final class BudgetCheck {

    /** pgjdbc 42.7 sets extra_float_digits after login on servers below PostgreSQL 12 (a SET statement). */
    static final int PGJDBC_SETS_FLOAT_DIGITS_BELOW = 12;

    /** API Gateway HTTP API cuts a Lambda integration at 30 s. */
    public static final int HTTP_API_TIMEOUT_SECONDS = 30;

    private BudgetCheck() {}

    public static List<Finding> run(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            for (FunctionBudget function : stage.functions()) {
                caps(findings, stage, function);
                timeouts(findings, stage, function);
                if (function.onManagedInstances()
                        && function.memoryMb() < FunctionBudget.MANAGED_INSTANCES_MIN_MEMORY_MB) {
                    findings.add(Finding.of(
                            MANAGED_INSTANCES_MEMORY,
                            stage,
                            function,
                            "memoryMb " + function.memoryMb()
                                    + " is below what one Managed Instances environment has (one vCPU x 2 GiB = "
                                    + FunctionBudget.MANAGED_INSTANCES_MIN_MEMORY_MB + ")"));
                }
            }
        }
        for (DatabaseBudget database : DatabaseBudget.of(config)) {
            database(findings, database);
        }
        findings.addAll(FrontDoorCheck.run(config));
        return findings;
    }

    /** The instance cap exists, and the pool cap is exactly what the handler can use at once. */
    private static void caps(List<Finding> findings, StageConfig stage, FunctionBudget function) {
        if (function.maxInstances() == null) {
            findings.add(Finding.of(
                    NO_INSTANCE_CAP,
                    stage,
                    function,
                    "no maxInstances: nothing caps its instances," + " so its " + function.connectionLimit()
                            + " connection(s) per instance are unbounded in total"));
        } else if (function.maxInstances() == 0) {
            findings.add(Finding.of(
                    ZERO_INSTANCES,
                    stage,
                    function,
                    "maxInstances 0 is reserved concurrency 0," + " which throttles every request"));
        }
        int needed = function.requestsPerInstance() * Endpoint.CONNECTIONS_PER_REQUEST;
        String need = function.requestsPerInstance() + " request(s) at once per instance x "
                + Endpoint.CONNECTIONS_PER_REQUEST + " connection = " + needed;
        if (function.connectionLimit() < Endpoint.CONNECTIONS_PER_REQUEST) {
            findings.add(Finding.of(
                    CAP_BELOW_NEED,
                    stage,
                    function,
                    "connectionLimit " + function.connectionLimit()
                            + " is below what one request needs (" + Endpoint.CONNECTIONS_PER_REQUEST
                            + " connection): requests"
                            + " wait poolTimeoutSeconds " + function.poolTimeoutSeconds() + ", then answer 503"));
        } else if (function.connectionLimit() < needed) {
            findings.add(Finding.of(POOL_QUEUE, stage, function, queue(function)));
        } else if (function.connectionLimit() > needed) {
            findings.add(Finding.of(
                    CAP_ABOVE_USE,
                    stage,
                    function,
                    "connectionLimit " + function.connectionLimit()
                            + " is above what its handler can use (" + need + "): "
                            + (function.connectionLimit() - needed)
                            + " per instance count against the budget unused; set connectionLimit: " + needed));
        }
    }

    /** On Managed Instances: how many of an environment's requests wait for a connection, and for how long. */
    static String queue(FunctionBudget function) {
        long waitMs = function.fullConcurrencyQueueWaitMs();
        long timeoutMs = function.poolTimeoutSeconds() * 1000L;
        return function.requestsPerInstance()
                + " requests per environment (perExecutionEnvironmentMaxConcurrency) share"
                + " connectionLimit " + function.connectionLimit() + ": up to " + function.requestsQueuedPerInstance()
                + " per environment queue on the pool, each for at most poolTimeoutSeconds "
                + function.poolTimeoutSeconds()
                + " (then 503 with Retry-After); at full concurrency the last waits about ("
                + function.requestsPerInstance() + " / " + function.requestsServedAtOnce() + " - 1) x "
                + function.typicalLatencyMs() + " ms = " + waitMs + " ms"
                + (waitMs > timeoutMs
                        ? ", beyond the pool timeout: some requests answer 503 at full concurrency;"
                                + " raise connectionLimit or lower perExecutionEnvironmentMaxConcurrency"
                        : ", within the pool timeout");
    }

    /** pool + connect + statement + margin &lt; function timeout &lt;= 30 s. */
    private static void timeouts(List<Finding> findings, StageConfig stage, FunctionBudget function) {
        if (function.timeoutChainSeconds() >= function.functionTimeoutSeconds()) {
            findings.add(Finding.of(
                    TIMEOUTS_DO_NOT_NEST,
                    stage,
                    function,
                    "poolTimeoutSeconds "
                            + function.poolTimeoutSeconds() + " + connectTimeoutSeconds "
                            + function.connectTimeoutSeconds()
                            + " + statementTimeoutSeconds " + function.statementTimeoutSeconds()
                            + " + timeoutMarginSeconds "
                            + function.timeoutMarginSeconds() + " = " + function.timeoutChainSeconds()
                            + " s is not below functionTimeoutSeconds " + function.functionTimeoutSeconds()));
        }
        if (function.poolTimeoutSeconds() < function.connectTimeoutSeconds()) {
            findings.add(Finding.of(
                    POOL_TIMEOUT_BELOW_CONNECT_TIMEOUT,
                    stage,
                    function,
                    "poolTimeoutSeconds "
                            + function.poolTimeoutSeconds() + " is below connectTimeoutSeconds "
                            + function.connectTimeoutSeconds()
                            + ": the pool stops waiting for a new connection at its timeout, so a connect slower than "
                            + function.poolTimeoutSeconds() + " s is a 503 although the connect timeout allows "
                            + function.connectTimeoutSeconds()
                            + " s; give poolTimeoutSeconds at least connectTimeoutSeconds"));
        }
        if (function.functionTimeoutSeconds() > HTTP_API_TIMEOUT_SECONDS) {
            findings.add(Finding.of(
                    ABOVE_HTTP_API_LIMIT,
                    stage,
                    function,
                    "functionTimeoutSeconds " + function.functionTimeoutSeconds() + " is above the HTTP API's "
                            + HTTP_API_TIMEOUT_SECONDS + " s"));
        }
    }

    /** The functions of every stage on one database fit its budget. */
    private static void database(List<Finding> findings, DatabaseBudget database) {
        List<String> stages = database.stageNames();
        DatabaseLimits limits = database.limits();
        String subject = "database " + database.name();
        if (limits.budget() <= 0) {
            findings.add(Finding.of(
                    NOTHING_LEFT,
                    subject,
                    stages,
                    "reserved " + limits.reservedConnections() + " leaves nothing of max_connections "
                            + limits.maxConnections()));
            return;
        }
        if (database.pooled() && limits.pooler().serverConnections() > limits.budget()) {
            findings.add(Finding.of(
                    POOLER_POOL_TOO_LARGE,
                    subject,
                    stages,
                    "the " + limits.pooler().kind().configName() + " server pool of "
                            + limits.pooler().serverConnections() + " is above " + limits.budgetFormula()));
        }
        if (database.unbounded()) {
            findings.add(Finding.of(
                    UNBOUNDED,
                    subject,
                    stages,
                    "the functions' worst case is unbounded ("
                            + database.functions()
                                    .filter(f -> f.function().maxInstances() == null)
                                    .map(StageFunction::subject)
                                    .collect(Collectors.joining(", "))
                            + " without maxInstances)"));
        } else if (database.total() > database.budget()) {
            findings.add(Finding.of(
                    OVER_BUDGET,
                    subject,
                    stages,
                    "over-committed: the functions' worst case is "
                            + database.total() + ", above " + database.budgetDescription() + " by "
                            + (database.total() - database.budget()) + " ("
                            + database.functions()
                                    .map(f -> f.subject() + " " + database.countedFormula(f.function()) + " = "
                                            + database.counted(f.function()))
                                    .collect(Collectors.joining(", "))
                            + ")"));
        }
        Integer maxClients = limits.pooler().maxClientConnections();
        if (maxClients != null && database.clientConnections() > maxClients) {
            findings.add(Finding.of(
                    POOLER_CLIENTS_OVER,
                    subject,
                    stages,
                    "the functions may hold "
                            + database.clientConnections()
                            + " client connections at pgbouncer (with the deploy overlap x"
                            + limits.deployOverlapFactor() + "), above its maxClientConnections " + maxClients));
        }
        whatTheDriverSends(findings, database, subject, stages);
    }

    /**
     * What DATABASE_URL makes the driver send, as a pooler sees it: named server-side prepared
     * statements (without pgbouncer=true) and search_path at login (schema=). See
     * docs/connection-budget.md, "Poolers".
     */
    private static void whatTheDriverSends(
            List<Finding> findings, DatabaseBudget database, String subject, List<String> stages) {
        DatabaseLimits limits = database.limits();
        DatabaseUrlParameters url = limits.databaseUrl();
        String schema = url.schema();
        switch (limits.pooler().kind()) {
            case PGBOUNCER -> {
                if (!url.pgbouncer()) {
                    findings.add(
                            Finding.of(
                                    POOLER_PREPARED_STATEMENTS,
                                    subject,
                                    stages,
                                    "behind pgbouncer in transaction"
                                            + " mode DATABASE_URL needs pgbouncer=true (config/databases.yaml: databaseUrl.pgbouncer: true):"
                                            + " without it pgjdbc names a server-side prepared statement (S_1) after 5 uses on a connection,"
                                            + " which PgBouncer 1.18 cannot carry to the server connection of the next transaction"));
                }
                if (schema != null && !schema.equals(limits.schema())) {
                    findings.add(Finding.of(
                            POOLER_DROPS_SCHEMA,
                            subject,
                            stages,
                            "DATABASE_URL schema=" + schema
                                    + " reaches pgbouncer as the startup parameter search_path, which it must ignore"
                                    + " (ignore_startup_parameters), so the functions would query the roles' search_path "
                                    + limits.schema() + "; set schema: " + schema
                                    + " for the database (roles sets it) and"
                                    + " drop schema= from DATABASE_URL"));
                }
            }
            case RDS_PROXY -> {
                if (limits.postgresVersion() < PGJDBC_SETS_FLOAT_DIGITS_BELOW) {
                    findings.add(Finding.of(
                            PROXY_PINS,
                            subject,
                            stages,
                            "on PostgreSQL " + limits.postgresVersion()
                                    + " (below " + PGJDBC_SETS_FLOAT_DIGITS_BELOW
                                    + ") pgjdbc sends SET extra_float_digits = 3 after"
                                    + " login: RDS Proxy pins every session (from PostgreSQL "
                                    + PGJDBC_SETS_FLOAT_DIGITS_BELOW + " on, it sends none)"));
                }
                if (!url.pgbouncer()) {
                    findings.add(Finding.of(
                            PROXY_PINS,
                            subject,
                            stages,
                            "behind rds-proxy DATABASE_URL without"
                                    + " pgbouncer=true lets pgjdbc prepare a named server-side statement (S_1) after 5 uses on a"
                                    + " connection: session state, for which RDS Proxy pins the session to one server connection;"
                                    + " set databaseUrl.pgbouncer: true (and pgbouncer=true in the secret)"));
                }
                if (schema != null) {
                    findings.add(Finding.of(
                            PROXY_PINS,
                            subject,
                            stages,
                            "DATABASE_URL schema=" + schema
                                    + " makes pgjdbc send search_path at login, per session, which RDS Proxy must track or pin"
                                    + " on; set schema: " + schema
                                    + " for the database (roles sets search_path per role) and"
                                    + " drop schema= from DATABASE_URL"));
                }
            }
            case NONE -> {}
        }
    }

    /** A function of one stage, as a database sees it. */
    record StageFunction(StageConfig stage, FunctionBudget function) {
        String subject() {
            return stage.name() + "/" + function.name();
        }
    }
}
