package com.taskdesk.db;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A busy database is a 503 with Retry-After, within the pool or statement timeout, never a 500. */
@QuarkusTest
@TestProfile(DatabaseBusyTest.OneSecondTimeouts.class)
class DatabaseBusyTest {

    public static class OneSecondTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.acquisition-timeout", "1S", "taskdesk.db.statement-timeout-seconds", "1");
        }
    }

    @Inject
    AgroalDataSource pool;

    /** A request may take the timeout plus this much (a loaded CI machine included), never hang. */
    private static final long MARGIN_MILLIS = 3_000;

    @BeforeEach
    void oneAgentAndAWarmFunction() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().user("a-1", "One", "AGENT", Fixtures.EPOCH);
        }
        // The first request of a fresh application also loads classes: not what these tests time.
        Api.asManager().get("/api/manager/agents").then().statusCode(200);
    }

    private static long millisOf(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void exhaustedPoolIs503AfterThePoolTimeoutAndThePoolIsWholeAgain() throws Exception {
        assertEquals(1, pool.getConfiguration().connectionPoolConfiguration().maxSize());
        long waited;
        try (Connection held = pool.getConnection()) {
            waited = millisOf(() -> Api.asManager()
                    .get("/api/manager/agents")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .contentType("application/json")
                    .body("success", equalTo(false))
                    .body("error", startsWith("The database is busy or unreachable")));
        }
        assertTrue(waited >= 900 && waited < 1_000 + MARGIN_MILLIS, "waited " + waited + " ms for a 1 s pool timeout");
        SqlCounter.reset();
        Api.asManager().get("/api/manager/agents").then().statusCode(200).body("agents[0].id", equalTo("a-1"));
        assertEquals(0, SqlCounter.held());
    }

    @Test
    void statementPastItsTimeoutIsCancelledAnd503() {
        try (Fixtures locker = Fixtures.connect()) {
            locker.execute("BEGIN");
            locker.execute("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE");
            long waited = millisOf(() -> Api.asManager()
                    .get("/api/manager/agents")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .body("error", startsWith("The database is busy or unreachable (the statement timed out)")));
            assertTrue(
                    waited >= 900 && waited < 1_000 + MARGIN_MILLIS,
                    "waited " + waited + " ms for a 1 s statement timeout");
            locker.execute("ROLLBACK");
        }
        Api.asManager().get("/api/manager/agents").then().statusCode(200);
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(
                    0,
                    db.count("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                            + "AND query LIKE '%\"User\" u%' AND pid <> pg_backend_pid()"),
                    "the cancelled statement is gone");
        }
    }
}
