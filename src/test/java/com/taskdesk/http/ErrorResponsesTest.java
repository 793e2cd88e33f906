package com.taskdesk.http;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's error table, as far as it needs no fault in the database. */
@QuarkusTest
class ErrorResponsesTest {

    private String before;

    @BeforeEach
    void data() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .raw("r-1", "READY")
                    .task("t-1")
                    .status("PENDING")
                    .rawMessage("r-1")
                    .insert();
            before = db.snapshot();
        }
    }

    private void assertNothingChanged() {
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    /**
     * Every way a body can be wrong is listed in SpamBodyTest; here one of each kind shows that the
     * parser's answer reaches the client of every write as JSON and changes nothing.
     */
    static Stream<Arguments> rejectedBodies() {
        String tooMany = IntStream.rangeClosed(0, 1000)
                .mapToObj(i -> "\"x" + i + "\"")
                .collect(Collectors.joining(", ", "{\"ids\": [", "]}"));
        return Endpoint.all().stream()
                .filter(Endpoint::changesTasks) // the ids writes; the heartbeat's body is HeartbeatResourceTest's
                .map(Endpoint::path)
                .flatMap(path -> Stream.of(
                        Arguments.of(
                                "malformed JSON",
                                "{\"ids\": [\"r-1\"]} trailing",
                                "The request body is not valid JSON (line 1, column 18): send {\"ids\": [\"<raw message or task id>\", ...]}",
                                path),
                        Arguments.of(
                                "empty body",
                                "",
                                "The request body is empty: send {\"ids\": [\"<raw message or task id>\", ...]}",
                                path),
                        Arguments.of(
                                "ids not an array",
                                "{\"ids\": \"r-1\"}",
                                "\"ids\" must be an array of raw message or task ids (strings)",
                                path),
                        Arguments.of("1,001 ids", tooMany, "At most 1000 ids per request; this one has 1001", path)));
    }

    @ParameterizedTest(name = "{0} on {3}")
    @MethodSource("rejectedBodies")
    void aBodyThatIsNotAValidIdsRequestIs400JsonAndChangesNothing(String what, String body, String error, String path) {
        Api.browserPost(body)
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error", equalTo(error));
        assertNothingChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/xml"})
    void postThatIsNotJsonIs415AndChangesNothing(String contentType) {
        Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.manager())
                .contentType(contentType)
                .body("ids=r-1".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(415)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error", equalTo("Content-Type must be application/json"));
        assertNothingChanged();
    }

    @Test
    void crossSiteFormPostIs415AndChangesNothing() {
        Api.anonymous()
                .cookie("auth-token", Tokens.manager())
                .header("Origin", "http://localhost:3000")
                .formParam("ids", "r-1")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(415)
                .body("error", equalTo("Content-Type must be application/json"));
        assertNothingChanged();
    }

    @Test
    void postWithoutJsonContentTypeIs415EvenWithJsonInside() {
        Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.manager())
                .body("{\"ids\": [\"r-1\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(415)
                .body("error", equalTo("Content-Type must be application/json"));
        assertNothingChanged();
    }

    @Test
    void unknownPathIsJson404() {
        Api.asManager()
                .get("/api/manager/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/json")
                .body("success", equalTo(false));
    }

    @Test
    void wrongMethodIsJson405() {
        Api.asManager()
                .delete("/api/manager/agents")
                .then()
                .statusCode(405)
                .contentType("application/json")
                .body("success", equalTo(false));
    }

    @Test
    void unexpectedFailureIs500WithAnErrorIdThatTheLogAlsoHas() {
        try (Fixtures db = Fixtures.connect();
                CapturedLog log = new CapturedLog()) {
            db.execute("ALTER TABLE \"RawMessage\" RENAME COLUMN \"status\" TO \"state\"");
            try {
                String error = Api.asManager()
                        .get("/api/manager/spam/counts")
                        .then()
                        .statusCode(500)
                        .contentType("application/json")
                        .body("success", equalTo(false))
                        .body("error", matchesPattern("Internal error \\(error id [0-9a-f-]{36}\\)"))
                        .extract()
                        .path("error");
                Matcher id = Pattern.compile("error id ([0-9a-f-]{36})").matcher(error);
                assertTrue(id.find());
                assertTrue(log.all().contains(id.group(1)), log.all());
            } finally {
                db.execute("ALTER TABLE \"RawMessage\" RENAME COLUMN \"state\" TO \"status\"");
            }
        }
    }
}
