package com.taskdesk.http;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/** The contract's error table, as far as it needs no fault in the database. */
@QuarkusTest
class ErrorResponsesTest {

    private String before;

    @BeforeEach
    void data() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().raw("r-1", "READY").task("t-1").status("PENDING").rawMessage("r-1").insert();
            before = db.snapshot();
        }
    }

    private void assertNothingChanged() {
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/manager/tasks/mark-spam", "/api/manager/spam/restore"})
    void malformedJsonIs400AndChangesNothing(String path) {
        Api.browserPost("{\"ids\": [\"r-1\"]} trailing").post(path).then()
                .statusCode(400)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error", startsWith("The request body is not valid JSON"));
        assertNothingChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/manager/tasks/mark-spam", "/api/manager/spam/restore"})
    void emptyBodyIs400(String path) {
        Api.browserPost("").post(path).then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", startsWith("The request body is empty"));
        assertNothingChanged();
    }

    static java.util.stream.Stream<String> badBodies() {
        return java.util.stream.Stream.of(
                "{\"ids\": [\"r-1\"]} {\"ids\": [\"r-1\"]}",
                "{\"ids\": [\"r-1\"], \"deep\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}",
                "{\"ids\": \"r-1\"}",
                "{\"ids\": {\"0\": \"r-1\"}}",
                "{\"ids\": [\"r-1\", 42]}",
                "{\"ids\": [\"r-1\", null]}",
                "{\"ids\": [\"r-1\", \"\"]}",
                "{\"ids\": [\"r-1\", \"" + "x".repeat(65) + "\"]}",
                "{\"ids\": []}",
                "{\"rawMessageIds\": \"r-1\", \"ids\": [\"r-1\"]}",
                "{\"id\": [\"r-1\"]}",
                "[\"r-1\"]",
                "null");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badBodies")
    void badInputIs400JsonAndChangesNothing(String body) {
        for (String path : java.util.List.of("/api/manager/tasks/mark-spam", "/api/manager/spam/restore")) {
            Api.browserPost(body).post(path).then()
                    .statusCode(400)
                    .contentType("application/json")
                    .body("success", equalTo(false))
                    .body("error", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        }
        assertNothingChanged();
    }

    @Test
    void tooManyIdsIs400() {
        StringBuilder ids = new StringBuilder("{\"ids\": [\"r-1\"");
        for (int i = 0; i < 1000; i++) {
            ids.append(", \"x").append(i).append('"');
        }
        Api.browserPost(ids.append("]}").toString()).post("/api/manager/tasks/mark-spam").then()
                .statusCode(400)
                .body("error", equalTo("At most 1000 ids per request; this one has 1001"));
        assertNothingChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/xml"})
    void postThatIsNotJsonIs415AndChangesNothing(String contentType) {
        Api.anonymous().header("Authorization", "Bearer " + Tokens.manager())
                .contentType(contentType).body("ids=r-1".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/manager/tasks/mark-spam").then()
                .statusCode(415)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error", equalTo("Content-Type must be application/json"));
        assertNothingChanged();
    }

    @Test
    void crossSiteFormPostIs415AndChangesNothing() {
        Api.anonymous().cookie("auth-token", Tokens.manager()).header("Origin", "http://localhost:3000")
                .formParam("ids", "r-1")
                .post("/api/manager/tasks/mark-spam").then()
                .statusCode(415)
                .body("error", equalTo("Content-Type must be application/json"));
        assertNothingChanged();
    }

    @Test
    void postWithoutJsonContentTypeIs415EvenWithJsonInside() {
        Api.anonymous().header("Authorization", "Bearer " + Tokens.manager())
                .body("{\"ids\": [\"r-1\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/manager/tasks/mark-spam").then()
                .statusCode(415)
                .body("error", equalTo("Content-Type must be application/json"));
        assertNothingChanged();
    }

    @Test
    void unknownPathIsJson404() {
        Api.asManager().get("/api/manager/nothing-here").then()
                .statusCode(404)
                .contentType("application/json")
                .body("success", equalTo(false));
    }

    @Test
    void wrongMethodIsJson405() {
        Api.asManager().delete("/api/manager/agents").then()
                .statusCode(405)
                .contentType("application/json")
                .body("success", equalTo(false));
    }

    @Test
    void unexpectedFailureIs500WithAnErrorIdThatTheLogAlsoHas() {
        try (Fixtures db = Fixtures.connect(); CapturedLog log = new CapturedLog()) {
            db.execute("ALTER TABLE \"RawMessage\" RENAME COLUMN \"status\" TO \"state\"");
            try {
                String error = Api.asManager().get("/api/manager/spam/counts").then()
                        .statusCode(500)
                        .contentType("application/json")
                        .body("success", equalTo(false))
                        .body("error", matchesPattern("Internal error \\(error id [0-9a-f-]{36}\\)"))
                        .extract().path("error");
                Matcher id = Pattern.compile("error id ([0-9a-f-]{36})").matcher(error);
                assertTrue(id.find());
                assertTrue(log.all().contains(id.group(1)), log.all());
            } finally {
                db.execute("ALTER TABLE \"RawMessage\" RENAME COLUMN \"state\" TO \"status\"");
            }
        }
    }
}
