package com.taskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.config.FunctionSetting;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.RelayedDatabase;
import com.taskdesk.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A network that stops forwarding while a statement runs: the cancel request of the statement
 * timeout cannot cross it either, so only the socket read timeout (statement timeout + margin,
 * always set) ends the wait. The request must end in a 503 with Retry-After inside pool +
 * connect + statement timeout + margin, and the pool must be whole once the network is back.
 */
@QuarkusTest
@TestProfile(DeadNetworkTest.Relayed.class)
class DeadNetworkTest {

    public static class Relayed implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RelayedDatabase.class));
        }
    }

    /** The defaults every function starts with: ConnectionSettings' pool, connect, statement timeouts and margin. */
    private static final Duration BOUND = Duration.ofSeconds(FunctionSetting.POOL_TIMEOUT.defaultValue()
            + FunctionSetting.CONNECT_TIMEOUT.defaultValue()
            + FunctionSetting.STATEMENT_TIMEOUT.defaultValue()
            + FunctionSetting.TIMEOUT_MARGIN.defaultValue());

    @Inject
    AgroalDataSource pool;

    @Test
    void aNetworkThatStopsForwardingMidStatementEndsIn503WithinTheTimeoutsAndThePoolIsWholeAfterwards()
            throws Exception {
        try (Fixtures db = Fixtures.connect(RelayedDatabase.directJdbcUrl())) {
            db.reset().raw("r-1", "READY");
        }
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);

        HttpResponse<String> answer;
        long millis;
        try (Fixtures locker = Fixtures.connect(RelayedDatabase.directJdbcUrl());
                Fixtures observer = Fixtures.connect(RelayedDatabase.directJdbcUrl())) {
            locker.execute("BEGIN").execute("LOCK TABLE \"RawMessage\" IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> request = HttpClient.newHttpClient()
                    .sendAsync(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + Api.port() + "/api/manager/spam/counts"))
                                    .header("Authorization", "Bearer " + Tokens.manager())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            awaitStatementWaitingForTheLock(observer);
            RelayedDatabase.relay().stopForwarding();
            answer = request.get(BOUND.toSeconds() + 10, TimeUnit.SECONDS);
            millis = (System.nanoTime() - start) / 1_000_000;
            locker.execute("ROLLBACK");
        }

        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertTrue(
                answer.body().startsWith("{\"success\":false,\"error\":\"The database is busy or unreachable"),
                answer.body());
        assertTrue(millis < BOUND.toMillis(), "answered after " + millis + " ms, bound " + BOUND.toMillis() + " ms");
        assertTrue(
                millis >= FunctionSetting.STATEMENT_TIMEOUT.defaultValue() * 1000L,
                "it waited out the statement timeout first: " + millis + " ms");

        RelayedDatabase.relay().resume();
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
        assertEquals(0, pool.getMetrics().activeCount(), "connections still checked out");
        assertEquals(0, pool.getMetrics().awaitingCount(), "requests still waiting");
        try (Fixtures db = Fixtures.connect(RelayedDatabase.directJdbcUrl())) {
            assertTrue(
                    db.count(
                                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'local' AND state = 'idle'")
                            <= 1,
                    "one idle pooled connection at most");
        }
    }

    private static void awaitStatementWaitingForTheLock(Fixtures observer) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (observer.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'local'"
                            + " AND wait_event_type = 'Lock'")
                    == 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the function's statement never reached the lock");
    }
}
