package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.check.LiveDatabase;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check --live against a real PostgreSQL (max_connections: SimulationDatabase's) whose roles the roles command
 * created for a stage "live": it passes, and it fails naming the function and the numbers when the
 * server's max_connections or reserved connections are not what config/ assumes, when a role is
 * missing or its limit is not what roles emits, and when a function holds more than its share now.
 * It changes nothing: it reads in a read-only transaction, and the catalog is the same afterwards.
 */
class LiveCheckTest {

    private static final String STAGE = "live";

    @TempDir
    static Path shared;

    private static SimulationDatabase database;
    private static ProjectCopy deployed;
    private final List<Connection> open = new ArrayList<>();

    @BeforeAll
    static void createTheStagesRoles() throws SQLException {
        database = SimulationDatabase.get();
        deployed = SimulationDatabase.withStage(ProjectCopy.empty(shared), STAGE);
        database.applyRoles(deployed.config(), deployed.config().stage(STAGE));
    }

    @AfterEach
    void closeConnectionsAndRestoreTheRoles() throws Exception {
        for (Connection connection : open) {
            connection.close();
        }
        database.awaitNoConnections(roles());
        database.applyRoles(deployed.config(), deployed.config().stage(STAGE));
    }

    private static List<String> roles() {
        StageConfig stage = deployed.config().stage(STAGE);
        return stage.functions().stream().map(f -> stage.roleName(f.name())).toList();
    }

    private static ProjectCopy stage(Path temp) {
        return SimulationDatabase.withStage(ProjectCopy.empty(temp), STAGE);
    }

    private static ProjectCopy.ToolRun checkLive(ProjectCopy copy, String stage) {
        return copy.runWith(Map.of("DATABASE_URL", database.adminDatabaseUrl()), "check", "--live", "--stage", stage);
    }

    private void connect(String function, int connections) throws SQLException {
        for (int i = 0; i < connections; i++) {
            open.add(database.connectAs("taskdesk_live_" + function.replace('-', '_'), function));
        }
    }

    @Test
    void passesOnTheRolesTheRolesCommandCreatedAndShowsWhatEachFunctionHoldsNow(@TempDir Path temp) throws Exception {
        connect("agents", 2);
        connect("metrics", 1);

        ProjectCopy.ToolRun run = checkLive(stage(temp), STAGE);
        System.out.println(run.out());

        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
        for (String line : List.of(
                "max_connections " + SimulationDatabase.MAX_CONNECTIONS + " " + SimulationDatabase.MAX_CONNECTIONS,
                "kept from non-superuser roles 3 3",
                "agents taskdesk_live_agents 4 4 2 agents 2",
                "metrics taskdesk_live_metrics 2 2 1 metrics 1",
                "health taskdesk_live_health 2 2 0",
                "total " + SimulationDatabase.BUDGET + " 3")) {
            assertTrue(
                    run.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).anyMatch(l -> l.startsWith(line)),
                    line + " in:\n" + run.out());
        }
        assertTrue(run.out().contains("check --live passed"), run.out());
    }

    @Test
    void aServerWithFewerConnectionsThanConfigAssumesFails(@TempDir Path temp) {
        ProjectCopy.ToolRun run = checkLive(
                stage(temp)
                        .set(
                                "config/databases.yaml",
                                "embedded.maxConnections",
                                SimulationDatabase.MAX_CONNECTIONS + 10),
                STAGE);

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("error: database embedded: max_connections is " + SimulationDatabase.MAX_CONNECTIONS
                        + " on the server, below the " + (SimulationDatabase.MAX_CONNECTIONS + 10)
                        + " config/databases.yaml assumes: the budget max_connections "
                        + (SimulationDatabase.MAX_CONNECTIONS + 10) + " - reserved 4 = "
                        + (SimulationDatabase.MAX_CONNECTIONS + 6) + " does not exist there"),
                run.errors());
    }

    @Test
    void aServerThatKeepsMoreFromTheRolesThanConfigReservesFails(@TempDir Path temp) {
        ProjectCopy copy = stage(temp)
                .set(
                        "config/databases.yaml",
                        "embedded.reservedFor",
                        Map.of(
                                DatabaseLimits.SUPERUSER_RESERVED,
                                2,
                                "testObserver",
                                Map.of("share", 2, "client", "people")));

        ProjectCopy.ToolRun run = checkLive(copy, STAGE);

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("error: database embedded: the server keeps 3 connections from non-superuser roles"
                        + " (superuser_reserved_connections 3 + reserved_connections 0), above the 2 of"
                        + " reservedFor.superuserReservedConnections in config/databases.yaml"),
                run.errors());
    }

    @Test
    void aStageWhoseRolesWereNeverCreatedFailsForEachFunction(@TempDir Path temp) {
        ProjectCopy ghost = SimulationDatabase.withStage(ProjectCopy.empty(temp), "ghost");

        ProjectCopy.ToolRun run = checkLive(ghost, "ghost");

        assertEquals(1, run.exitCode());
        assertEquals(Endpoint.all().size(), run.errors().size(), run.err());
        assertTrue(
                run.errors()
                        .contains(
                                "error: ghost/agents: role taskdesk_ghost_agents does not exist (run: roles --stage ghost)"),
                run.err());
    }

    @Test
    void aRoleWhoseLimitIsNotWhatRolesEmitsFails(@TempDir Path temp) {
        // config/ now gives agents one instance: 1 x 1 x 2 = 2, but the role still has 4.
        ProjectCopy.ToolRun run =
                checkLive(stage(temp).set("config/live.yaml", "functions.agents.maxInstances", 1), STAGE);

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("error: live/agents: role taskdesk_live_agents has CONNECTION LIMIT 4, roles --stage live"
                        + " emits LOGIN CONNECTION LIMIT 2 (1 x 1 x 2)"),
                run.errors());
    }

    @Test
    void aFunctionHoldingMoreThanItsShareNowFails(@TempDir Path temp) throws Exception {
        // Four instances of agents hold their connections; then the budget is cut to 2 and roles is run
        // again: PostgreSQL keeps connections opened before the limit was lowered.
        connect("agents", 4);
        ProjectCopy lowered = stage(temp).set("config/live.yaml", "functions.agents.maxInstances", 1);
        database.applyRoles(lowered.config(), lowered.config().stage(STAGE));

        ProjectCopy.ToolRun run = checkLive(lowered, STAGE);

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("error: live/agents: holds 4 connection(s) now (role taskdesk_live_agents), above its share 2"
                        + " (1 x 1 x 2)"),
                run.errors());
        System.out.println(run.out() + run.err());
    }

    @Test
    void itReadsInAReadOnlyTransactionAndLeavesTheCatalogAsItWas(@TempDir Path temp) throws Exception {
        String before = catalog();

        checkLive(stage(temp), STAGE);
        checkLive(stage(temp.resolve("failing")).set("config/live.yaml", "functions.agents.maxInstances", 1), STAGE);

        assertEquals(before, catalog());
        try (Connection session = LiveDatabase.connect(LiveDatabase.parse(database.adminDatabaseUrl()));
                Statement statement = session.createStatement()) {
            SQLException refused =
                    assertThrows(SQLException.class, () -> statement.execute("CREATE ROLE live_intruder"));
            assertEquals("25006", refused.getSQLState(), "read_only_sql_transaction: " + refused.getMessage());
        }
    }

    /** The roles, their settings and the server's connection settings, as text. */
    private static String catalog() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement()) {
            for (String sql : List.of(
                    "SELECT rolname, rolcanlogin, rolconnlimit, rolconfig FROM pg_roles ORDER BY rolname",
                    "SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting ORDER BY 1, 2",
                    "SELECT name, setting FROM pg_settings WHERE name LIKE '%connections' ORDER BY name")) {
                try (ResultSet rows = statement.executeQuery(sql)) {
                    while (rows.next()) {
                        for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                            text.append(rows.getString(c))
                                    .append(c < rows.getMetaData().getColumnCount() ? "|" : "\n");
                        }
                    }
                }
            }
        }
        return text.toString();
    }

    @Test
    void withoutDatabaseUrlOrAStageItIsAUsageError(@TempDir Path temp) {
        ProjectCopy copy = stage(temp);

        ProjectCopy.ToolRun noUrl = copy.run("check", "--live", "--stage", STAGE);
        ProjectCopy.ToolRun noStage =
                copy.runWith(Map.of("DATABASE_URL", database.adminDatabaseUrl()), "check", "--live");

        assertEquals(2, noUrl.exitCode());
        assertTrue(
                noUrl.errors().get(0).startsWith("error: check --live reads an administrator's DATABASE_URL"),
                noUrl.err());
        assertEquals(2, noStage.exitCode());
        assertEquals(List.of("error: check --live takes --stage S, and nothing else"), noStage.errors());
    }

    @Test
    void thePasswordIsNeverPrinted(@TempDir Path temp) {
        ProjectCopy copy = stage(temp);
        String url = database.adminDatabaseUrl().replace("postgres@", "postgres:live-secret-7f3@");

        ProjectCopy.ToolRun reachable = copy.runWith(Map.of("DATABASE_URL", url), "check", "--live", "--stage", STAGE);
        ProjectCopy.ToolRun unreachable = copy.runWith(
                Map.of("DATABASE_URL", "postgresql://postgres:live-secret-7f3@localhost:1/postgres"),
                "check",
                "--live",
                "--stage",
                STAGE);

        assertEquals(0, reachable.exitCode(), reachable.err());
        assertTrue(reachable.out().contains("postgresql://postgres:***@localhost:"), reachable.out());
        assertEquals(1, unreachable.exitCode());
        assertTrue(
                unreachable
                        .errors()
                        .get(0)
                        .startsWith("error: check --live: postgresql://postgres:***@localhost:1/postgres: "),
                unreachable.err());
        for (ProjectCopy.ToolRun run : List.of(reachable, unreachable)) {
            assertFalse((run.out() + run.err()).contains("live-secret-7f3"));
        }
    }

    @Test
    void aMalformedUrlNamesTheLikelyCauseAndQuotesNoPartOfItsUserInfo(@TempDir Path temp) {
        ProjectCopy.ToolRun run = stage(temp)
                .runWith(
                        Map.of("DATABASE_URL", "postgresql://canaryadmin:S3cretPrefix/restCanary@localhost:1/postgres"),
                        "check",
                        "--live",
                        "--stage",
                        STAGE);

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(
                List.of("error: check --live: DATABASE_URL has an '@' after its host: its password (or user name)"
                        + " likely holds an unencoded '/', '?' or '#'; percent-encode them (%2F, %3F, %23; an '@'"
                        + " meant literally after the host is %40)"),
                run.errors());
        for (String fragment : List.of("canary", "S3cret", "Prefix", "Canary")) {
            assertFalse((run.out() + run.err()).contains(fragment), fragment + " in: " + run.out() + run.err());
        }
    }
}
