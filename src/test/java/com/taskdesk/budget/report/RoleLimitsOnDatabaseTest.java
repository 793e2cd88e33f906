package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.PsqlScript;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.Endpoint;
import java.lang.reflect.Field;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The roles SQL applied to a real PostgreSQL: the database itself refuses a function that
 * exceeds its share (53300 "too many connections for role"), while the others still connect;
 * each role may run its endpoint's real statement and nothing more.
 */
class RoleLimitsOnDatabaseTest {

    private static SimulationDatabase database;
    private final List<Connection> open = new ArrayList<>();

    @BeforeAll
    static void createRoles() throws SQLException {
        database = SimulationDatabase.get();
        database.applyRoles();
    }

    @AfterEach
    void closeConnections() throws Exception {
        for (Connection connection : open) {
            connection.close();
        }
        open.clear();
        database.awaitNoConnections(database.roleNames());
    }

    private Connection connect(String role) throws SQLException {
        Connection connection = database.connectAs(role);
        open.add(connection);
        return connection;
    }

    @Test
    void theTestBudgetPassesTheCheck() {
        assertEquals(List.of(), BudgetCheck.run(database.config()));
        assertEquals(
                SimulationDatabase.BUDGET,
                DatabaseBudget.of(database.config(), database.stage()).total());
    }

    @Test
    void aFunctionBeyondItsShareIsRefusedByTheDatabaseWhileTheOthersStillConnect() throws Exception {
        Map<String, Integer> limits = database.roleLimits();
        String agents = "taskdesk_sim_agents";
        assertEquals(4, limits.get(agents), "2 instances x 1 connection x overlap 2");
        for (int i = 0; i < limits.get(agents); i++) {
            connect(agents);
        }

        SQLException refused = assertThrows(SQLException.class, () -> connect(agents));

        assertEquals("53300", refused.getSQLState());
        assertTrue(
                refused.getMessage().contains("too many connections for role \"" + agents + "\""),
                refused.getMessage());
        for (Map.Entry<String, Integer> role : limits.entrySet()) {
            if (!role.getKey().equals(agents)) {
                for (int i = 0; i < role.getValue(); i++) {
                    connect(role.getKey());
                }
            }
        }
        try (Connection observer = database.superuser()) {
            assertEquals(
                    SimulationDatabase.BUDGET,
                    database.connectionsOf(observer, database.roleNames()),
                    "every role at its limit: the whole budget, and the server still had room for all of it");
        }
    }

    @Test
    void eachRoleCarriesItsLimitAndTimeoutsAndNoPowers() throws SQLException {
        Map<String, Integer> limits = database.roleLimits();
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT rolname, rolconnlimit, rolconfig, rolsuper, rolcreaterole,"
                                + " rolcreatedb, rolinherit FROM pg_roles WHERE rolname LIKE 'taskdesk_sim_%' ORDER BY rolname")) {
            Map<String, Integer> actual = new LinkedHashMap<>();
            while (rows.next()) {
                actual.put(rows.getString("rolname"), rows.getInt("rolconnlimit"));
                List<String> config =
                        Arrays.asList((String[]) rows.getArray("rolconfig").getArray());
                assertTrue(
                        config.containsAll(List.of(
                                "statement_timeout=5s",
                                "idle_in_transaction_session_timeout=15s",
                                "idle_session_timeout=300s",
                                "search_path=public")),
                        config.toString());
                assertFalse(
                        rows.getBoolean("rolsuper")
                                || rows.getBoolean("rolcreaterole")
                                || rows.getBoolean("rolcreatedb")
                                || rows.getBoolean("rolinherit"),
                        rows.getString("rolname"));
            }
            assertEquals(new TreeMap<>(limits), new TreeMap<>(actual));
        }
        try (Statement session = connect("taskdesk_sim_mark_spam").createStatement();
                ResultSet timeout = session.executeQuery("SHOW statement_timeout")) {
            timeout.next();
            assertEquals("5s", timeout.getString(1));
        }
    }

    @Test
    void runningTheScriptAgainChangesNothing() throws SQLException {
        database.applyRoles();

        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*), sum(rolconnlimit) FROM pg_roles" + " WHERE rolname LIKE 'taskdesk_sim_%'")) {
            rows.next();
            assertEquals(Endpoint.all().size(), rows.getInt(1));
            assertEquals(SimulationDatabase.BUDGET, rows.getInt(2));
        }
    }

    @Test
    void aRoleTheScriptWouldCreateNeedsItsPasswordAndAnExistingOneKeepsItsOwn() throws SQLException {
        String script = RoleSql.script(database.config(), database.stage());
        Map<String, String> allButMetrics = new LinkedHashMap<>(SimulationDatabase.passwords(database.stage()));
        allButMetrics.remove("metrics_password");
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement()) {
            statement.execute("DROP OWNED BY taskdesk_sim_metrics; DROP ROLE taskdesk_sim_metrics");
        }

        SQLException refused;
        try (Connection admin = database.superuser()) { // psql ends its session at the error: a new one after it
            refused = assertThrows(SQLException.class, () -> PsqlScript.run(admin, script, allButMetrics));
        }
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement()) {
            PsqlScript.run(admin, script, Map.of("metrics_password", SimulationDatabase.PASSWORD));

            assertTrue(
                    refused.getMessage()
                            .contains(
                                    "role taskdesk_sim_metrics does not exist: give its password, -v metrics_password="),
                    refused.getMessage());
            assertEquals(
                    Endpoint.all().size(),
                    count(statement, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'taskdesk_sim_%'"),
                    "given only its own variable, the missing role is created and the others keep theirs");
        }
    }

    private static int count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void eachRoleMayRunItsEndpointsRealStatement() throws Exception {
        for (Endpoint endpoint : Endpoint.all()) {
            Connection connection = connect(database.stage().roleName(endpoint.functionName()));
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sqlOf(endpoint))) {
                bindSomething(connection, statement);
                statement.execute();
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void aRoleMayNotDoWhatItsEndpointDoesNot() throws SQLException {
        assertDenied("taskdesk_sim_agents", "UPDATE \"Task\" SET \"status\" = \"status\"");
        assertDenied("taskdesk_sim_metrics", "SELECT count(*) FROM \"User\"");
        assertDenied("taskdesk_sim_health", "SELECT count(*) FROM \"Task\"");
        assertDenied("taskdesk_sim_mark_spam", "DELETE FROM \"Task\"");
        assertDenied("taskdesk_sim_spam_restore", "UPDATE \"User\" SET \"isActive\" = false");
        assertDenied("taskdesk_sim_spam_counts", "CREATE TABLE stray (id int)");
    }

    /** The Spam Review page's Restore disables matched rules; no other function may change a rule. */
    @Test
    void onlyTheReviewRestoreMayChangeSpamRules() throws SQLException {
        String update = "UPDATE \"SpamRule\" SET \"enabled\" = false";
        for (Endpoint endpoint : Endpoint.all()) {
            String role = database.stage().roleName(endpoint.functionName());
            if (endpoint.resource() == com.taskdesk.spam.ReviewRestoreResource.class) {
                Connection connection = connect(role);
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(update);
                } finally {
                    connection.rollback();
                }
            } else {
                assertDenied(role, update);
            }
        }
    }

    private void assertDenied(String role, String sql) throws SQLException {
        try (Statement statement = connect(role).createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> statement.execute(sql), role + ": " + sql);
            assertEquals("42501", denied.getSQLState(), role + ": " + sql + ": " + denied.getMessage());
        }
    }

    /** The statement the endpoint's handler sends (its resource's SQL constant). */
    private static String sqlOf(Endpoint endpoint) throws ReflectiveOperationException {
        Field field = endpoint.resource().getDeclaredField("SQL");
        return (String) field.get(null);
    }

    /** Values of the types the server infers for the statement's parameters. */
    private static void bindSomething(Connection connection, PreparedStatement statement) throws SQLException {
        ParameterMetaData parameters = statement.getParameterMetaData();
        for (int i = 1; i <= parameters.getParameterCount(); i++) {
            switch (parameters.getParameterTypeName(i)) {
                case "timestamp" -> statement.setTimestamp(i, Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 0, 0)));
                case "_text" -> {
                    Array ids = connection.createArrayOf("text", new String[] {"no-such-raw-message"});
                    statement.setArray(i, ids);
                }
                case "bool" -> statement.setBoolean(i, true);
                case "int2", "int4", "int8" -> statement.setInt(i, 1);
                default -> statement.setString(i, "manager-1");
            }
        }
    }
}
