package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.Burst;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.DatabaseUrlParameters;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.testing.NeedsPgBouncer;
import com.taskdesk.testing.PgBouncerProcess;
import com.taskdesk.testing.PooledProject;
import com.taskdesk.testing.SimulatedFunction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real PgBouncer in transaction mode, configured from the tool's own output for the stage of
 * {@link PooledProject} (a server pool one larger than the statements in flight: agents 2, the others 1), in
 * front of a PostgreSQL with max_connections 20: a burst of two deployed versions never opens more
 * server connections than the roles' shares, and PgBouncer never replaces one role's server connection
 * with another's; it accepts what pgjdbc sends at login with the startup parameters check names, and
 * refuses others. Runs where pgbouncer is installed (CI installs it).
 */
@NeedsPgBouncer
class PgBouncerTest {

    /** The pool timeout of every simulated instance. */
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);

    private static final String REQUEST = "SELECT pg_sleep(0.05)";
    /** What DATABASE_URL's pgbouncer=true makes the functions' driver do (ConnectionSettingsTest). */
    private static final String PGBOUNCER_TRUE = "prepareThreshold=0";

    private final SimulationDatabase database = SimulationDatabase.get();
    private final BudgetConfig config = ConfigFiles.load(PooledProject.dir());
    private final StageConfig stage = config.stage(PooledProject.STAGE);
    private final DatabaseBudget budget = DatabaseBudget.of(config, stage);
    private final List<SimulatedFunction> functions = new ArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        functions.forEach(SimulatedFunction::close);
        for (AutoCloseable each : running) {
            each.close();
        }
        database.awaitNoConnections(roles());
    }

    private List<String> roles() {
        return stage.functions().stream().map(f -> stage.roleName(f.name())).toList();
    }

    private PgBouncerProcess pgbouncer(Map<String, String> settings) {
        List<String> logins = new ArrayList<>(roles());
        logins.add("postgres");
        PgBouncerProcess pgbouncer =
                PgBouncerProcess.start(settings, PgBouncerSettings.users(budget), database.port(), logins);
        running.add(pgbouncer);
        return pgbouncer;
    }

    @Test
    void aBurstOfTwoVersionsBehindPgBouncerNeverOpensMoreServerConnectionsThanItsPool() throws Exception {
        assertEquals(List.of(), BudgetCheck.run(config), "the pooled stage passes the check");
        database.applyRoles(config, stage);
        PgBouncerProcess pgbouncer = pgbouncer(PgBouncerSettings.of(budget));
        System.out.println("pgbouncer.ini of the burst:\n" + pgbouncer.ini());

        try (Connection observer = database.superuser()) {
            // Two versions at once, as during a deploy: twice the instances, each a client of PgBouncer.
            for (int version = 1; version <= 2; version++) {
                for (FunctionBudget function : stage.functions()) {
                    functions.add(SimulatedFunction.oneStatementPerRequest(
                            function.name(),
                            function.maxInstances(),
                            function.connectionLimit(),
                            POOL_TIMEOUT,
                            pgbouncer.jdbcUrl(stage.roleName(function.name())) + "&" + PGBOUNCER_TRUE,
                            stage.roleName(function.name()),
                            SimulationDatabase.PASSWORD));
                }
            }
            Burst.Result burst = Burst.run(functions, 6, 4, REQUEST, observer);
            long replaced = pgbouncer
                    .log()
                    .lines()
                    .filter(line -> line.contains("closing because: evicted"))
                    .count();
            System.out.println(
                    "two versions behind pgbouncer: " + burst + "; server connections PgBouncer replaced: " + replaced);

            int instances = functions.stream()
                    .mapToInt(SimulatedFunction::instanceCount)
                    .sum();
            assertEquals(
                    2 * PooledProject.STATEMENTS_IN_FLIGHT,
                    instances,
                    "every instance of both versions connected to PgBouncer");
            assertTrue(
                    burst.peakClientConnections() <= budget.budget(),
                    "server connections never above the statements in flight, one fewer than max_db_connections: "
                            + burst);
            assertEquals(
                    0,
                    replaced,
                    "with one server connection kept free PgBouncer never evicts one role's for another's");
            assertTrue(burst.peakClientConnections() > 0, burst.toString());
            assertEquals(0, burst.count(SimulatedFunction.Outcome.REFUSED_53300), burst.toString());
            assertEquals(
                    0,
                    burst.count(SimulatedFunction.Outcome.UNAVAILABLE_503),
                    functions.stream()
                                    .flatMap(f -> f.failures().stream())
                                    .distinct()
                                    .toList() + "\n" + pgbouncer.log());
            assertTrue(burst.count(SimulatedFunction.Outcome.SERVED) > 0, burst.toString());
            assertTrue(serverConnectionsPerRoleWithinTheirShares(observer), "each role within max_user_connections");
        }
    }

    /** Each role's server connections now: never above its share (PgBouncer keeps them open, idle). */
    private boolean serverConnectionsPerRoleWithinTheirShares(Connection observer) throws SQLException {
        Map<String, Integer> held = new LinkedHashMap<>();
        try (Statement statement = observer.createStatement();
                ResultSet rows = statement.executeQuery("SELECT usename, count(*) FROM pg_stat_activity"
                        + " WHERE usename LIKE 'taskdesk_pooled_%' GROUP BY usename")) {
            while (rows.next()) {
                held.put(rows.getString(1), rows.getInt(2));
            }
        }
        System.out.println("server connections per role after the burst: " + held);
        return stage.functions().stream()
                .allMatch(f -> held.getOrDefault(stage.roleName(f.name()), 0) <= budget.counted(f));
    }

    @Test
    void pgBouncerAcceptsWhatPgjdbcSendsAtLoginWithTheStartupParametersCheckNamesAndRefusesOthers() throws Exception {
        // DATABASE_URL with schema=public: pgjdbc also sends search_path at login.
        DatabaseLimits withSchema =
                budget.limits().withPooler(budget.limits().pooler(), new DatabaseUrlParameters(true, "public"));
        PgBouncerProcess checked = pgbouncer(PgBouncerSettings.of(budget));
        PgBouncerProcess checkedWithSchema =
                pgbouncer(PgBouncerSettings.of(new DatabaseBudget(withSchema, budget.stages())));

        assertEquals(
                List.of(),
                PgBouncerSettings.ignoreStartupParameters(budget.limits()),
                "pgjdbc 42.7 sends PostgreSQL 12+ no extra_float_digits: nothing for PgBouncer to ignore");
        assertEquals(List.of("search_path"), PgBouncerSettings.ignoreStartupParameters(withSchema));
        assertEquals(1, select(checked.jdbcUrl("postgres") + "&ApplicationName=agents&assumeMinServerVersion=9.0"));
        assertEquals(1, select(checkedWithSchema.jdbcUrl("postgres") + "&currentSchema=public"));
        for (String parameter : List.of("currentSchema=public", "options=-c%20statement_timeout%3D5s")) {
            SQLException refused =
                    assertThrows(SQLException.class, () -> select(checked.jdbcUrl("postgres") + "&" + parameter));
            String name = parameter.startsWith("currentSchema") ? "search_path" : "options";
            assertTrue(refused.getMessage().contains("unsupported startup parameter: " + name), refused.getMessage());
        }
    }

    private static int select(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url + "&" + PGBOUNCER_TRUE);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT 1")) {
            row.next();
            return row.getInt(1);
        }
    }
}
