package com.taskdesk.db;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.OutageDatabase;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The failures that took the original app down, against a real PostgreSQL that the tests
 * stop, restart and fill (max_connections 8). Pool timeout 2 s, connect timeout 1 s,
 * statement timeout 1 s: no request may hang past those plus a margin.
 */
@QuarkusTest
@TestProfile(DatabaseFaultsTest.Outage.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsTest {

    public static class Outage implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OutageDatabase.class));
        }
    }

    private static final long LONGEST_MILLIS = 2_000 + 1_000 + 1_000 + 2_000;

    @Inject
    AgroalDataSource pool;

    private static int spamCountsStatus() {
        return Api.asManager().get("/api/manager/spam/counts").then().extract().statusCode();
    }

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    @Order(1)
    void coldStartWhileTheDatabaseIsDownAnswers503ThenServesOnceItIsBackWithoutARestart() {
        // The route and Jackson warmed by a request refused before any SQL: the timed request then measures
        // the pool's wait for a database that is down, not the first request's class loading on a busy machine.
        Api.anonymous().get("/api/manager/spam/counts").then().statusCode(401);
        long waited = timed(() -> Api.asManager()
                .get("/api/manager/spam/counts")
                .then()
                .statusCode(503)
                .header("Retry-After", "2")
                .body("success", equalTo(false))
                .body("error", startsWith("The database is busy or unreachable")));
        assertTrue(waited < LONGEST_MILLIS, "answered in " + waited + " ms");

        OutageDatabase.database().start();
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200).body("ready", equalTo(0));
    }

    @Test
    @Order(2)
    void afterARestartUnderTrafficNoRequestFails() throws Exception {
        OutageDatabase.database().start();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        AtomicBoolean restarted = new AtomicBoolean();
        List<Integer> afterRecovery = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                int status = spamCountsStatus();
                statuses.add(status);
                if (restarted.get() && (status == 200 || !afterRecovery.isEmpty())) {
                    afterRecovery.add(status);
                }
            }
        });
        traffic.start();
        Thread.sleep(500);
        OutageDatabase.database().stop();
        Thread.sleep(1_000);
        OutageDatabase.database().start();
        restarted.set(true);
        long deadline = System.currentTimeMillis() + 15_000;
        while (afterRecovery.size() < 100 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        running.set(false);
        traffic.join(LONGEST_MILLIS);

        assertTrue(afterRecovery.size() >= 100, "requests after recovery: " + afterRecovery.size());
        assertEquals(List.of(200), afterRecovery.stream().distinct().toList(), "statuses once the database was back");
        assertTrue(
                statuses.stream().allMatch(status -> status == 200 || status == 503), "only 200 or 503: " + statuses);
        assertEquals(0, SqlCounter.held());
    }

    @Test
    @Order(3)
    void tooManyConnectionsIs503AndPassesWhenTheyAreGone() throws Exception {
        OutageDatabase.database().start();
        String url = OutageDatabase.database().jdbcUrl();
        try (Fixtures db = Fixtures.connect(url)) {
            db.rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'local' AND pid <> pg_backend_pid()");
        }
        List<Connection> fillers = new ArrayList<>();
        try {
            while (true) {
                try {
                    fillers.add(DriverManager.getConnection(url));
                } catch (SQLException full) {
                    assertEquals("53300", full.getSQLState());
                    break;
                }
            }
            Api.asManager()
                    .get("/api/manager/spam/counts")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .body(
                            "error",
                            startsWith("The database is busy or unreachable (the database has no free connection"));
        } finally {
            for (Connection filler : fillers) {
                filler.close();
            }
        }
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
    }

    @Test
    @Order(4)
    void thousandsOfRequestsIncludingFailedOnesLeaveNothingCheckedOut() throws Exception {
        OutageDatabase.database().start();
        try (Fixtures db = Fixtures.connect(OutageDatabase.database().jdbcUrl())) {
            db.reset();
        }
        String agent = Tokens.withRole("agent-1", "AGENT");
        for (int i = 0; i < 2_000; i++) {
            switch (i % 5) {
                case 0 -> Api.asManager().get("/api/manager/agents").then().statusCode(200);
                case 1 ->
                    Api.browserPost("{\"ids\": [\"r-" + i + "\"]}")
                            .post("/api/manager/tasks/mark-spam")
                            .then()
                            .statusCode(200);
                case 2 ->
                    Api.browserPost("{\"ids\": [")
                            .post("/api/manager/spam/restore")
                            .then()
                            .statusCode(400);
                case 3 ->
                    Api.anonymous()
                            .header("Authorization", "Bearer " + agent)
                            .get("/api/manager/spam/counts")
                            .then()
                            .statusCode(403);
                default ->
                    Api.anonymous().get("/api/manager/dashboard/metrics").then().statusCode(401);
            }
        }
        try (Fixtures locker = Fixtures.connect(OutageDatabase.database().jdbcUrl())) {
            locker.execute("BEGIN");
            locker.execute("LOCK TABLE \"RawMessage\" IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < 3; i++) {
                Api.asManager().get("/api/manager/spam/counts").then().statusCode(503);
            }
            locker.execute("ROLLBACK");
        }

        assertEquals(0, SqlCounter.held(), "connections checked out");
        assertEquals(0, pool.getMetrics().activeCount());
        assertEquals(0, pool.getMetrics().awaitingCount());
        try (Fixtures db = Fixtures.connect(OutageDatabase.database().jdbcUrl())) {
            long backends = db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'local'");
            assertTrue(backends <= 1, "backends of the function: " + backends + " (cap 1)");
        }
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
    }
}
