package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.PsqlScript;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.testing.AppSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, item 7: each function's role has a password of its own. On a PostgreSQL that checks
 * passwords (scram-sha-256 for every role but the superuser), the roles script run with one
 * password per function lets each role in with its own only; run again with one function's
 * variable, it changes that role's password and no other.
 */
class RolePasswordsTest {

    private static final String STAGE = "sim";

    @TempDir
    static Path dir;

    private static EmbeddedDatabase server;
    private static BudgetConfig config;
    private static StageConfig stage;

    @BeforeAll
    static void aServerThatChecksPasswords() throws IOException, SQLException {
        Path hba = Files.writeString(dir.resolve("pg_hba.conf"), """
                local all postgres trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """);
        server = EmbeddedDatabase.start(Map.of("hba_file", hba.toString(), "password_encryption", "scram-sha-256"));
        config = SimulationDatabase.withStage(ProjectCopy.empty(dir.resolve("project")), STAGE)
                .config();
        stage = config.stage(STAGE);
        try (Connection admin = superuser();
                Statement statement = admin.createStatement()) {
            statement.execute(AppSchema.sql());
            PsqlScript.run(admin, RoleSql.script(config, stage), passwords("first"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    /** One password per function: "<prefix>-<function>". */
    private static Map<String, String> passwords(String prefix) {
        Map<String, String> passwords = new LinkedHashMap<>();
        stage.functions().forEach(f -> passwords.put(RoleSql.passwordVariable(f.name()), prefix + "-" + f.name()));
        return passwords;
    }

    private static void logIn(String function, String password) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", stage.roleName(function));
        login.setProperty("password", password);
        try (Connection connection =
                DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/postgres", login)) {
            connection.createStatement().execute("SELECT 1");
        }
    }

    private static void assertRefused(String function, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> logIn(function, password));
        assertEquals("28P01", refused.getSQLState(), function + ": " + refused.getMessage());
    }

    @Test
    void eachRoleLogsInWithItsOwnPasswordOnly() throws SQLException {
        logIn("agents", "first-agents");
        logIn("metrics", "first-metrics");

        assertRefused("agents", "first-metrics");
        assertRefused("metrics", "first-agents");
    }

    @Test
    void rotatingOneRoleChangesItsPasswordAndNoOther() throws SQLException {
        try (Connection admin = superuser()) {
            PsqlScript.run(admin, RoleSql.script(config, stage), Map.of("spam_counts_password", "second-spam-counts"));
        }

        logIn("spam-counts", "second-spam-counts");
        assertRefused("spam-counts", "first-spam-counts");
        logIn("agent-progress", "first-agent-progress");
        logIn("mark-spam", "first-mark-spam");
    }
}
