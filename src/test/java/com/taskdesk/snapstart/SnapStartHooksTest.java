package com.taskdesk.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.health.HealthResource;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.LambdaSnapStart;
import com.taskdesk.testing.SqlCounter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool across a SnapStart snapshot, with the hooks run as Lambda's runtime runs them
 * (through CRaC's global context): nothing of the function is connected to PostgreSQL
 * after the checkpoint hook, not even a request that raced it or the priming request, and
 * the restored function serves again.
 */
@QuarkusTest
@TestProfile(SnapStartHooksTest.ThreeConnections.class)
class SnapStartHooksTest {

    public static class ThreeConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "3", "quarkus.datasource.jdbc.acquisition-timeout", "5S");
        }
    }

    private static final String OUR_BACKENDS =
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'local' AND pid <> pg_backend_pid()";

    @Inject
    AgroalDataSource pool;

    @BeforeEach
    void oneAgent() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().user("a-1", "One", "AGENT", Fixtures.EPOCH);
        }
    }

    private static long backends() {
        try (Fixtures db = Fixtures.connect()) {
            return db.count(OUR_BACKENDS);
        }
    }

    /** A backend leaves pg_stat_activity a moment after its client closed the socket. */
    private static long backendsAfterSettling(long expected) throws InterruptedException {
        long count = backends();
        for (int i = 0; i < 100 && count != expected; i++) {
            Thread.sleep(20);
            count = backends();
        }
        return count;
    }

    private void openThreePooledConnections() throws Exception {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(pool.getConnection());
        }
        for (Connection connection : held) {
            connection.close();
        }
        assertEquals(3, backends(), "three idle connections in the live pool");
    }

    @Test
    void checkpointClosesEveryConnectionEvenOneARequestHoldsAndRestoreServesAgain() throws Exception {
        openThreePooledConnections();
        CompletableFuture<Integer> racing;
        CompletableFuture<Void> checkpoint;
        try (Fixtures locker = Fixtures.connect()) {
            locker.execute("BEGIN").execute("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE");
            racing = CompletableFuture.supplyAsync(
                    () -> Api.asManager().get("/api/manager/agents").statusCode());
            for (int i = 0; i < 100 && SqlCounter.held() == 0; i++) {
                Thread.sleep(20);
            }
            assertEquals(1, SqlCounter.held(), "the racing request holds a pooled connection");
            checkpoint = CompletableFuture.runAsync(() -> {
                try {
                    LambdaSnapStart.checkpoint();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(checkpoint.isDone(), "the checkpoint waits for the statement in flight");
            locker.execute("ROLLBACK");
        }
        assertEquals(200, racing.get(10, TimeUnit.SECONDS), "the racing request finished normally");
        checkpoint.get(20, TimeUnit.SECONDS);
        assertEquals(0, backendsAfterSettling(0), "no connection of the function in the snapshot");

        CompletableFuture<Integer> duringSnapshot = CompletableFuture.supplyAsync(
                () -> Api.asManager().get("/api/manager/agents").statusCode());
        Thread.sleep(500);
        assertFalse(duringSnapshot.isDone(), "a request during the snapshot waits for the restore");
        assertEquals(0, backends(), "and opens no connection meanwhile");

        LambdaSnapStart.restore();
        assertEquals(200, duringSnapshot.get(10, TimeUnit.SECONDS));
        Api.asManager().get("/api/manager/agents").then().statusCode(200);
        assertEquals(1, backends(), "the restored pool connects again");
    }

    @Test
    void primingRunsTheHealthCheckStatementBeforeTheSnapshotAndLeavesNoConnection() throws Exception {
        assertEquals(0, backendsAfterSettling(0));
        SqlCounter.reset();
        try (CapturedLog log = new CapturedLog()) {
            LambdaSnapStart.checkpoint();
            assertTrue(SqlCounter.statements().contains(HealthResource.SQL), "priming sent " + SqlCounter.statements());
            assertTrue(log.all().contains("SnapStart priming: GET /api/health?check=database answered 200"), log.all());
            assertTrue(
                    log.all().contains("SnapStart checkpoint: no pooled connection open, no secret in memory"),
                    log.all());
        }
        assertEquals(0, backendsAfterSettling(0), "the priming connection is not in the snapshot");
        LambdaSnapStart.restore();
        Api.anonymous()
                .queryParam("check", "database")
                .get("/api/health")
                .then()
                .statusCode(200);
    }
}
