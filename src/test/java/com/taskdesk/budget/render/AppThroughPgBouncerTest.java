package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.testing.NeedsPgBouncer;
import com.taskdesk.testing.PgBouncerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pgbouncer.ini fragment render writes for an app behind PgBouncer, run by a real PgBouncer in
 * front of a real PostgreSQL: eight clients of the app at once, each in a transaction, are served
 * through at most the share's two server connections, and none is refused.
 */
@NeedsPgBouncer
class AppThroughPgBouncerTest {

    private static final String ROLE = "pooled_app";
    private static final int SHARE = 2;
    private static final int CLIENTS = 8;

    @Test
    void manyClientsShareTheAppsServerConnectionsAndNeverExceedItsShare(@TempDir Path dir) throws Exception {
        SimulationDatabase database = SimulationDatabase.get();
        ProjectCopy project = SimulationDatabase.withStage(ProjectCopy.empty(dir), "sim")
                .set(
                        "config/databases.yaml",
                        "embedded.reservedFor",
                        Map.of(
                                DatabaseLimits.SUPERUSER_RESERVED,
                                3,
                                "restOfApp",
                                Map.of("share", SHARE, "client", "pgbouncer", "role", ROLE)));
        String fragment = DeployFiles.render(project.config()).get("front-door/sim/restOfApp-pgbouncer.ini");
        try (Connection admin = database.superuser()) {
            SimulationDatabase.createClientRoles(
                    admin, project.config().stage("sim").database());
        }
        List<Integer> serverConnections = new ArrayList<>();
        try (PgBouncerProcess pgbouncer =
                        PgBouncerProcess.startWithAppFragment(fragment, database.port(), List.of(ROLE));
                Connection observer = database.superuser()) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    try (Connection connection =
                                    DriverManager.getConnection(pgbouncer.jdbcUrl(ROLE) + "&prepareThreshold=0");
                            Statement statement = connection.createStatement()) {
                        connection.setAutoCommit(false);
                        statement.execute("SELECT pg_sleep(0.3)");
                        connection.commit();
                        return 1;
                    }
                }));
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline && !answers.stream().allMatch(Future::isDone)) {
                serverConnections.add(database.connectionsOf(observer, List.of(ROLE)));
                Thread.sleep(20);
            }
            int answered = 0;
            for (Future<Integer> answer : answers) {
                answered += answer.get();
            }
            clients.shutdown();
            System.out.println("server connections of " + ROLE + ", sampled every 20 ms: " + serverConnections);

            assertEquals(CLIENTS, answered, "every client answered");
            assertEquals(
                    SHARE,
                    serverConnections.stream().mapToInt(Integer::intValue).max().orElse(0));
            assertTrue(pgbouncer.ini().contains("pool_size=" + SHARE), pgbouncer.ini());
        }
    }
}
