package com.taskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counted at the JDBC boundary (CountingDriver, PoolCheckouts): every manager request
 * sends exactly one statement on one pooled connection, and gives it back: every function of
 * the application (com.taskdesk.budget.config.Endpoint), with its sample request.
 */
@QuarkusTest
class OneStatementPerRequestTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void someOfEverything() {
        // a moment no earlier test has cached metrics for
        clock.set(Instant.now().minusSeconds(86_400));
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("a-1", "One", "AGENT", Fixtures.EPOCH)
                    .user("a-2", "Two", "MANAGER_AGENT", Fixtures.EPOCH)
                    .raw("r-1", "READY")
                    .raw("r-2", "PROMOTED")
                    .raw("r-3", "SPAM_REVIEW")
                    .task("t-1")
                    .status("PENDING")
                    .assignedTo("a-1")
                    .rawMessage("r-2")
                    .insert()
                    .task("t-2")
                    .status("COMPLETED")
                    .assignedTo("a-2")
                    .endTime(LocalDateTime.now())
                    .insert()
                    .task("t-3")
                    .status("SPAM_REVIEW")
                    .rawMessage("r-3")
                    .insert();
        }
        SqlCounter.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static void assertOneStatementOnOneConnection(String what) {
        List<String> statements = SqlCounter.statements();
        assertEquals(1, statements.size(), what + " sent " + statements);
        assertEquals(1, SqlCounter.checkouts(), what + ": connections checked out");
        assertEquals(1, SqlCounter.maxHeld(), what + ": most connections held at once");
        assertEquals(0, SqlCounter.held(), what + ": connections still held after the response");
    }

    static List<Endpoint> everyFunction() {
        return Endpoint.all();
    }

    /** Each function's sample request (events/ holds the same), whatever the function. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFunction")
    void everyFunctionSendsOneStatementOnOneConnection(Endpoint function) {
        Api.sample(function).then().statusCode(200);
        assertOneStatementOnOneConnection(function.route());
    }

    @Test
    void healthOpensNoConnectionUnlessAskedToCheckTheDatabase() {
        Api.anonymous().get("/api/health").then().statusCode(200);
        assertEquals(0, SqlCounter.checkouts());
        assertEquals(List.of(), SqlCounter.statements());

        Api.anonymous()
                .queryParam("check", "database")
                .get("/api/health")
                .then()
                .statusCode(200);
        assertOneStatementOnOneConnection("health ?check=database");
    }

    @Test
    void rejectedInputTouchesNoConnection() {
        Api.browserPost("{\"ids\": []}")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(400);
        Api.browserPost("{\"ids\": [\"r-3\"], \"addToWhitelist\": true, \"addMatched\": true}")
                .post("/api/manager/spam/restore")
                .then()
                .statusCode(400);
        Api.browserPost("{\"ids\": [\"r-3\"], \"disablePhrases\": \"yes\"}")
                .post("/api/manager/spam/review/restore")
                .then()
                .statusCode(400);
        Api.anonymous().get("/api/manager/agents").then().statusCode(401);
        assertEquals(0, SqlCounter.checkouts());
        assertEquals(List.of(), SqlCounter.statements());
    }
}
