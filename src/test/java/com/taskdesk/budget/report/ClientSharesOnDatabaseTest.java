package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulkhead on a real PostgreSQL (SimulationDatabase's): the rest of the app has a share of 2
 * in reservedFor, its role (created by its team, as roles expects) gets CONNECTION LIMIT 2 from the
 * roles script, and every function one instance (worst case 2 each, the whole budget). The app's
 * third connection is refused with the role's error while every function still connects; check
 * --live passes on the server as the script set it up, and fails naming the role and the count on
 * a role the budget does not know, a client role without its limit or over its share, and a client
 * on a superuser role.
 */
class ClientSharesOnDatabaseTest {

    private static final String STAGE = "bulkhead";
    /** The app's own role, created by its team. */
    private static final String APP = "bulkhead_app";
    /** The role the app used before the cut-over (the owner): no share. */
    private static final String OWNER = "bulkhead_owner";

    private static final int APP_SHARE = 2;

    @TempDir
    static Path shared;

    private static SimulationDatabase database;
    private static ProjectCopy project;
    private final List<Connection> open = new ArrayList<>();

    /** Every function at 1 instance (2 connections at worst each); reserved: 3 superuser, the observer 1, the app 2. */
    private static ProjectCopy bulkhead(Path dir) {
        return ProjectCopy.empty(dir)
                .stage(STAGE, "embedded", SimulationDatabase.MAX_CONNECTIONS, 0, 2, null, 1, ProjectCopy.each(1))
                .set(
                        "config/databases.yaml",
                        "embedded.reservedFor",
                        Map.of(
                                DatabaseLimits.SUPERUSER_RESERVED,
                                3,
                                "testObserver",
                                Map.of("share", 1, "client", "people"),
                                "restOfApp",
                                Map.of("share", APP_SHARE, "client", "netlify", "role", APP)));
    }

    @BeforeAll
    static void theRolesAsTheScriptSetsThemUp() throws SQLException {
        database = SimulationDatabase.get();
        project = bulkhead(shared);
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + OWNER + " LOGIN");
        }
        database.applyRoles(project.config(), stage());
    }

    private static StageConfig stage() {
        return project.config().stage(STAGE);
    }

    @AfterEach
    void closeConnectionsAndRestoreTheRoles() throws Exception {
        for (Connection connection : open) {
            connection.close();
        }
        open.clear();
        database.awaitNoConnections(Stream.concat(
                        stage().functions().stream().map(f -> stage().roleName(f.name())), Stream.of(APP, OWNER))
                .toList());
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE " + APP + " NOSUPERUSER");
        }
        database.applyRoles(project.config(), stage());
    }

    private void connect(String role, String applicationName, int connections) throws SQLException {
        for (int i = 0; i < connections; i++) {
            open.add(database.connectAs(role, applicationName));
        }
    }

    private static ProjectCopy.ToolRun checkLive() {
        return project.runWith(
                Map.of("DATABASE_URL", database.adminDatabaseUrl()), "check", "--live", "--stage", STAGE);
    }

    @Test
    void theBudgetFillsTheServerExactly() {
        assertEquals(List.of(), project.findings());
    }

    @Test
    void theAppPastItsShareIsRefusedWithItsRolesErrorWhileEveryFunctionStillConnects() throws SQLException {
        connect(APP, "restOfApp", APP_SHARE);

        SQLException refused = assertThrows(SQLException.class, () -> connect(APP, "restOfApp", 1));

        assertEquals("53300", refused.getSQLState());
        assertTrue(
                refused.getMessage().contains("too many connections for role \"" + APP + "\""), refused.getMessage());
        for (var function : stage().functions()) {
            connect(stage().roleName(function.name()), function.name(), 2);
        }
        try (Connection observer = database.superuser()) {
            assertEquals(
                    2 * stage().functions().size(),
                    database.connectionsOf(
                            observer,
                            stage().functions().stream()
                                    .map(f -> stage().roleName(f.name()))
                                    .toList()),
                    "every function at its worst case beside the app at its share");
        }
    }

    @Test
    void checkLivePassesOnTheServerTheRolesScriptSetUp() throws SQLException {
        connect(APP, "restOfApp", APP_SHARE);
        connect("taskdesk_bulkhead_agents", "agents", 1);

        ProjectCopy.ToolRun run = checkLive();
        System.out.println(run.out());

        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
        for (String line : List.of(
                "restOfApp " + APP + " 2 2 2 restOfApp 2",
                "testObserver (none) 1 - - (no role: not counted)",
                "roles the budget does not know, holding connections now: none")) {
            assertTrue(
                    run.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).anyMatch(l -> l.startsWith(line)),
                    line + " in:\n" + run.out());
        }
    }

    @Test
    void checkLiveFailsOnARoleTheBudgetDoesNotKnow() throws SQLException {
        connect(OWNER, "prisma", 3);

        ProjectCopy.ToolRun run = checkLive();

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("error: database embedded: role " + OWNER + " holds 3 connection(s) now (prisma 3) and has no"
                        + " share in config/databases.yaml: nothing keeps it from the others' connections; give its"
                        + " client a share (reservedFor, then roles), or move it to a role that has one"),
                run.errors());
    }

    @Test
    void checkLiveFailsOnAClientRoleWithoutItsLimitAndOverItsShare() throws SQLException {
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE " + APP + " CONNECTION LIMIT -1"); // as before the cut-over
        }
        connect(APP, "restOfApp", APP_SHARE + 1);

        ProjectCopy.ToolRun run = checkLive();

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of(
                        "error: database embedded: role " + APP + " of reservedFor.restOfApp has no CONNECTION LIMIT,"
                                + " its share in config/databases.yaml is 2 (run: roles)",
                        "error: database embedded: reservedFor.restOfApp holds 3 connection(s) now (role " + APP
                                + "), above its share 2"),
                run.errors());
    }

    @Test
    void checkLiveFailsOnAClientOnASuperuserRole() throws SQLException {
        try (Connection admin = database.superuser();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE " + APP + " SUPERUSER");
        }

        ProjectCopy.ToolRun run = checkLive();

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("error: database embedded: role " + APP + " of reservedFor.restOfApp is a superuser: no"
                        + " CONNECTION LIMIT binds it, so its share 2 is not enforced; give the client a role of its"
                        + " own"),
                run.errors());
    }
}
