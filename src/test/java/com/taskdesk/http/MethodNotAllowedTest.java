package com.taskdesk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's path serves its one method; every other method there is 405 with Allow naming it,
 * as JSON, before sign-in or a statement: a path rewrite sends every method to the function.
 */
@QuarkusTest
class MethodNotAllowedTest {

    private static final String BODY = "{\"success\":false,\"error\":\"Method not allowed\"}";

    private String before;

    @BeforeEach
    void aHoldsTask() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .task("holds-1")
                    .type("HOLDS")
                    .set("holdsStatus", "Agent Research")
                    .insert();
            before = db.snapshot();
        }
        SqlCounter.reset();
    }

    private void assertNothingReadOrChanged() {
        assertEquals(List.of(), SqlCounter.statements());
        assertEquals(0, SqlCounter.checkouts());
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    /** The app answered this PUT, which changes a task's queue, with no sign-in at all. */
    @Test
    void putOnHoldsQueuesWithoutATokenIs405AllowGetAndChangesNothing() {
        Response response = Api.anonymous()
                .contentType("application/json")
                .body("{\"taskId\": \"holds-1\", \"holdsStatus\": \"Completed\"}")
                .put("/api/holds/queues");

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.header("Allow"));
        assertEquals("application/json", response.contentType());
        assertEquals(BODY, response.asString());
        assertNothingReadOrChanged();
    }

    @Test
    void putOnHoldsQueuesWithAManagerTokenIs405Too() {
        Response response = Api.asManager()
                .contentType("application/json")
                .body("{\"taskId\": \"holds-1\", \"holdsStatus\": \"Completed\"}")
                .put("/api/holds/queues");

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.header("Allow"));
        assertEquals(BODY, response.asString());
        assertNothingReadOrChanged();
    }

    /** A GET on a write's path, without the JSON a POST needs: 405, not 415. */
    @Test
    void getOnMarkSpamIs405AllowPost() {
        Response response = Api.asManager().get("/api/manager/tasks/mark-spam");

        assertEquals(405, response.statusCode());
        assertEquals("POST", response.header("Allow"));
        assertEquals(BODY, response.asString());
        assertNothingReadOrChanged();
    }

    /** HEAD would run the handler's statement; the deployed route never passes it either. */
    @Test
    void headOnAGetFunctionIs405() {
        Response response = Api.asManager().head("/api/manager/agents");

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.header("Allow"));
        assertNothingReadOrChanged();
    }

    static List<Endpoint> everyFunction() {
        return Endpoint.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFunction")
    void everyFunctionsPathRefusesAnotherMethodNamingItsOwn(Endpoint function) {
        String other = function.method().equals("GET") ? "DELETE" : "PUT";
        Response response = Api.asManager().request(other, function.path());

        assertEquals(405, response.statusCode(), function.route());
        assertEquals(function.method(), response.header("Allow"), function.route());
        assertEquals(BODY, response.asString(), function.route());
        assertNothingReadOrChanged();
    }
}
