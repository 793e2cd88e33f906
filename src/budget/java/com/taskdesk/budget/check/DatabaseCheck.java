package com.taskdesk.budget.check;

import static com.taskdesk.budget.config.Finding.Kind.NOTHING_LEFT;
import static com.taskdesk.budget.config.Finding.Kind.OVER_BUDGET;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_CLIENTS_OVER;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_DROPS_SCHEMA;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_POOL_TOO_LARGE;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_PREPARED_STATEMENTS;
import static com.taskdesk.budget.config.Finding.Kind.PROXY_PINS;
import static com.taskdesk.budget.config.Finding.Kind.UNBOUNDED;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.DatabaseUrlParameters;
import com.taskdesk.budget.config.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What each database must satisfy, summed over the stages that share it: the functions' worst case
 * fits its budget, a pooler's server pool fits behind it, and what DATABASE_URL makes the driver
 * send is what the pooler can carry (docs/connection-budget.md, "Poolers").
 */
final class DatabaseCheck {

    /** pgjdbc 42.7 sets extra_float_digits after login on servers below PostgreSQL 12 (a SET statement). */
    static final int PGJDBC_SETS_FLOAT_DIGITS_BELOW = 12;

    private DatabaseCheck() {}

    static List<Finding> run(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (DatabaseBudget database : DatabaseBudget.of(config)) {
            check(findings, database);
        }
        return findings;
    }

    /** The functions of every stage on one database fit its budget. */
    private static void check(List<Finding> findings, DatabaseBudget database) {
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
}
