package com.taskdesk.budget;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.ReservedClient;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.report.RoleSql;
import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.testing.AppSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One embedded PostgreSQL 16 for the budget's database tests, started once per test run: the task
 * desk's schema (AppSchema), and a small stage "sim" whose budget passes the check exactly:
 * MAX_CONNECTIONS - 4 reserved (superuser_reserved_connections 3 and the tests' own observer
 * connection) = (2 for agents + 1 for each other function) instances x 1 connection x overlap 2.
 */
public final class SimulationDatabase {

    public static final String PASSWORD = "sim-function-password";
    /** Every function at one instance, agents at two, each with one connection, deploy overlap x2. */
    public static final int BUDGET = (Endpoint.all().size() + 1) * 2;
    /** The budget exactly, above what the server keeps: 3 for superusers and 1 for the test's observer. */
    public static final int MAX_CONNECTIONS = BUDGET + 4;
    /** The original app's user: one role for everything, no per-role limit. */
    public static final String APP_ROLE = "taskdesk_app";

    private static SimulationDatabase instance;

    private final EmbeddedDatabase server;
    private final BudgetConfig config;

    private SimulationDatabase(EmbeddedDatabase server, BudgetConfig config) {
        this.server = server;
        this.config = config;
    }

    public static synchronized SimulationDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static SimulationDatabase start() {
        try {
            Path project = Files.createTempDirectory("budget-sim");
            BudgetConfig config = withStage(ProjectCopy.empty(project), "sim").config();
            EmbeddedDatabase server =
                    EmbeddedDatabase.start(Map.of("max_connections", Integer.toString(MAX_CONNECTIONS)));
            SimulationDatabase database = new SimulationDatabase(server, config);
            try (Connection admin = database.superuser();
                    Statement statement = admin.createStatement()) {
                statement.execute(AppSchema.sql());
                statement.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
                statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + APP_ROLE);
            }
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a stage on this server to a project: 2 instances of agents and 1 of every other function,
     * 1 connection each, overlap 2, reserved superuser_reserved_connections 3 and the tests' observer 1.
     */
    public static ProjectCopy withStage(ProjectCopy copy, String stage) {
        Map<String, Integer> instances = new LinkedHashMap<>(ProjectCopy.each(1));
        instances.put("agents", 2);
        return copy.stage(stage, "embedded", MAX_CONNECTIONS, 4, 2, null, 1, instances)
                .set(
                        "config/databases.yaml",
                        "embedded.reservedFor",
                        Map.of(
                                DatabaseLimits.SUPERUSER_RESERVED,
                                3,
                                "testObserver",
                                Map.of("share", 1, "client", "people")));
    }

    public BudgetConfig config() {
        return config;
    }

    public StageConfig stage() {
        return config.stage("sim");
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + server.port() + "/postgres";
    }

    public Connection superuser() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    public Connection connectAs(String role) throws SQLException {
        return connectAs(role, "PostgreSQL JDBC Driver");
    }

    /** A connection as a function's role that says which function it is, as the functions do (application_name). */
    public Connection connectAs(String role, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url(), properties);
    }

    /** The superuser's DATABASE_URL, as an administrator gives it to check --live. */
    public String adminDatabaseUrl() {
        return "postgresql://postgres@localhost:" + server.port() + "/postgres";
    }

    /** Creates (or updates) the stage's roles with the roles command's SQL, as psql would run it. */
    public void applyRoles() throws SQLException {
        applyRoles(config, stage());
    }

    /** Creates (or updates) a stage's roles on this server, as roles --stage and psql would. */
    public void applyRoles(BudgetConfig budget, StageConfig stage) throws SQLException {
        try (Connection admin = superuser()) {
            createClientRoles(admin, stage.database());
            PsqlScript.run(admin, RoleSql.script(budget, stage), passwords(stage));
        }
    }

    /** Every function's password variable for psql, each set to {@link #PASSWORD} (this server trusts local logins). */
    public static Map<String, String> passwords(StageConfig stage) {
        Map<String, String> passwords = new LinkedHashMap<>();
        stage.functions().forEach(f -> passwords.put(RoleSql.passwordVariable(f.name()), PASSWORD));
        return passwords;
    }

    /** The database's other clients' roles, as their teams would have them (roles alters them, never creates them). */
    public static void createClientRoles(Connection admin, DatabaseLimits limits) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (ReservedClient client : limits.clients()) {
                if (client.role() != null) {
                    statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                            + client.role() + "') THEN CREATE ROLE " + client.role() + " LOGIN PASSWORD '" + PASSWORD
                            + "'; END IF; END $$");
                }
            }
        }
    }

    /** Client connections of the given roles now open. */
    public int connectionsOf(Connection observer, List<String> roles) throws SQLException {
        try (Statement statement = observer.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = ANY('{"
                        + String.join(",", roles) + "}')")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Waits until the roles' connections are gone (closed pools take a moment to end their backends). */
    public void awaitNoConnections(List<String> roles) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try (Connection observer = superuser()) {
            while (connectionsOf(observer, roles) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("connections of " + roles + " still open after 5 s");
                }
                Thread.sleep(20);
            }
        }
    }

    public List<String> roleNames() {
        return stage().functions().stream().map(f -> stage().roleName(f.name())).toList();
    }

    public Map<String, Integer> roleLimits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        DatabaseBudget database = DatabaseBudget.of(config, stage());
        for (FunctionBudget function : stage().functions()) {
            limits.put(stage().roleName(function.name()), database.roleConnectionLimit(function));
        }
        return limits;
    }
}
