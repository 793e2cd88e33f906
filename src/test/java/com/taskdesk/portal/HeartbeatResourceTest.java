package com.taskdesk.portal;

import static com.taskdesk.portal.PortalApi.ANN;
import static com.taskdesk.portal.PortalApi.ANN_EMAIL;
import static com.taskdesk.portal.PortalApi.ANN_TOKEN;
import static com.taskdesk.portal.PortalApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/manager/users/heartbeat (contract revision 3, §3.5): any staff token, for its own
 * address; "lastSeen" and "updatedAt" = now, nothing else; a body that names no usable address is
 * a 400 and changes nothing.
 */
@QuarkusTest
class HeartbeatResourceTest {

    private static final String PATH = "/api/manager/users/heartbeat";
    private static final Instant NOW = Instant.parse("2026-05-20T16:04:05.123Z");
    private static final LocalDateTime NOW_UTC = LocalDateTime.parse("2026-05-20T16:04:05.123");
    private static final LocalDateTime LONG_AGO = LocalDateTime.parse("2026-05-01T00:00:00");

    @Inject
    TestClock clock;

    private String before;

    @BeforeEach
    void staff() {
        clock.set(NOW);
        try (Fixtures db = Fixtures.connect()) {
            before = db.reset()
                    .user(ANN)
                    .email(ANN_EMAIL)
                    .live(false, LONG_AGO)
                    .insert()
                    .user("a-bob")
                    .email("bob@taskdesk.example")
                    .live(true, LONG_AGO)
                    .insert()
                    .user("a-pat")
                    .email("pat@taskdesk.example")
                    .inactive()
                    .insert()
                    .user("a-cap")
                    .email("Cap@TaskDesk.example")
                    .insert()
                    .user("ma-mia")
                    .email("mia@taskdesk.example")
                    .role("MANAGER_AGENT")
                    .insert()
                    .snapshot();
        }
        SqlCounter.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static Response beat(String token, String body) {
        return Api.anonymous()
                .header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(body)
                .post(PATH);
    }

    private static void assertRefused(Response response, int status, String error) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(json("{\"success\": false, \"error\": \"" + error + "\"}"), json(response.asString()));
    }

    private void assertNothingChanged() {
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    /** Each user's "isLive", "lastSeen", "updatedAt", by id. */
    private static Map<String, List<Object>> seen() {
        try (Fixtures db = Fixtures.connect()) {
            Map<String, List<Object>> seen = new java.util.TreeMap<>();
            db.rows("SELECT \"id\", \"isLive\", \"lastSeen\", \"updatedAt\" FROM \"User\"")
                    .forEach(row -> seen.put(
                            (String) row.get("id"),
                            java.util.Arrays.asList(
                                    row.get("isLive"), toLocal(row.get("lastSeen")), toLocal(row.get("updatedAt")))));
            return seen;
        }
    }

    private static LocalDateTime toLocal(Object timestamp) {
        return timestamp == null ? null : ((java.sql.Timestamp) timestamp).toLocalDateTime();
    }

    @Test
    void anAgentsHeartbeatSetsTheirLastSeenAndUpdatedAtToNowAndNothingElse() {
        Map<String, List<Object>> expected = seen();
        expected.put(ANN, java.util.Arrays.asList(false, NOW_UTC, NOW_UTC));

        Response response = beat(ANN_TOKEN, "{\"email\": \"ann@taskdesk.example\"}");

        assertEquals(200, response.statusCode());
        assertEquals(json("{\"success\": true}"), json(response.asString()));
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals(expected, seen(), "isLive untouched; no other row changed");
        assertEquals(1, SqlCounter.statements().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "MANAGER, manager-1, manager-1@taskdesk.example",
        "MANAGER_AGENT, ma-mia, mia@taskdesk.example",
        "AGENT, a-pat, pat@taskdesk.example", // paused: the app does not check "isActive", nor do we
    })
    void everyStaffRoleRecordsItsOwnHeartbeat(String role, String id, String email) {
        beat(Tokens.withEmail(id, role, email), "{\"email\": \"" + email + "\"}")
                .then()
                .statusCode(200);

        assertEquals(NOW_UTC, seen().get(id).get(1));
    }

    @Test
    void anotherRoleIs403StaffOnlyAndNoTokenIs401() {
        assertRefused(
                beat(Tokens.withEmail(ANN, "QA", ANN_EMAIL), "{\"email\": \"ann@taskdesk.example\"}"),
                403,
                "Forbidden: staff access required");
        assertEquals(
                401,
                Api.anonymous()
                        .contentType("application/json")
                        .body("{}")
                        .post(PATH)
                        .statusCode());
        assertNothingChanged();
        assertEquals(0, SqlCounter.checkouts());
    }

    @Test
    void bothAddressesAreTrimmedAndLowerCasedAsJavaScriptDoes() {
        beat(Tokens.withEmail(ANN, "AGENT", "\tAnn@TaskDesk.EXAMPLE "), "{\"email\": \" ANN@taskdesk.example\\u00a0\"}")
                .then()
                .statusCode(200);

        assertEquals(NOW_UTC, seen().get(ANN).get(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", " ", "not json", "{\"email\": \"ann@taskdesk.example\"} trailing", "{\"email\": "})
    void aBodyThatIsNotJsonIs400AndChangesNothing(String body) {
        assertRefused(
                beat(ANN_TOKEN, body),
                400,
                "The request body is not JSON: send {\\\"email\\\": \\\"<your address>\\\"}");
        assertNothingChanged();
        assertEquals(0, SqlCounter.checkouts());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "null",
                "[]",
                "[\"ann@taskdesk.example\"]",
                "\"ann@taskdesk.example\"",
                "5",
                "true",
                "{}",
                "{\"email\": null}",
                "{\"email\": \"\"}",
                "{\"email\": 0}",
                "{\"email\": -0.0}",
                "{\"email\": false}",
                "{\"Email\": \"ann@taskdesk.example\"}"
            })
    void noUsableEmailIs400EmailIsRequiredAndChangesNothing(String body) {
        assertRefused(beat(ANN_TOKEN, body), 400, "Email is required");
        assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"email\": \"bob@taskdesk.example\"}",
                "{\"email\": \"   \"}",
                "{\"email\": 5}",
                "{\"email\": true}",
                "{\"email\": {}}",
                "{\"email\": [\"ann@taskdesk.example\", \"bob@taskdesk.example\"]}",
                "{\"email\": \"ann@taskdesk.example\", \"email\": \"bob@taskdesk.example\"}"
            })
    void anotherAddressThanTheTokensIs403AndChangesNothing(String body) {
        assertRefused(beat(ANN_TOKEN, body), 403, "Forbidden");
        assertNothingChanged();
    }

    /** JavaScript's String() of a one-element array is that element; a repeated key keeps its last value. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"email\": [\"ann@taskdesk.example\"]}",
                "{\"email\": \"bob@taskdesk.example\", \"email\": \"ann@taskdesk.example\"}",
                "{\"email\": \"ann@taskdesk.example\", \"isLive\": true, \"id\": \"a-bob\"}"
            })
    void theAddressIsReadAsTheAppsJavaScriptReadsIt(String body) {
        beat(ANN_TOKEN, body).then().statusCode(200);

        Map<String, List<Object>> seen = seen();
        assertEquals(java.util.Arrays.asList(false, NOW_UTC, NOW_UTC), seen.get(ANN));
        assertEquals(LONG_AGO, seen.get("a-bob").get(1));
    }

    @Test
    void anAddressWithNoRowSucceedsAsTheAppDoesAndIsLoggedWithoutTheAddress() {
        try (CapturedLog log = new CapturedLog()) {
            Response response = beat(
                    Tokens.withEmail("a-cap", "AGENT", "Cap@TaskDesk.example"),
                    "{\"email\": \"Cap@TaskDesk.example\"}");

            assertEquals(200, response.statusCode());
            assertEquals(json("{\"success\": true}"), json(response.asString()));
            List<String> warnings = log.lines().stream()
                    .filter(line -> line.contains("HeartbeatResource"))
                    .toList();
            assertEquals(
                    List.of(
                            "WARN com.taskdesk.portal.HeartbeatResource: Heartbeat of user a-cap matched no \"User\" row"
                                    + " by its token's address (deleted, or stored with capitals): nothing was recorded"),
                    warnings);
            assertFalse(log.all().toLowerCase(java.util.Locale.ROOT).contains("cap@taskdesk.example"), log.all());
        }
        assertNothingChanged();
    }

    @Test
    void thePostRulesOfRevisionTwoApply() {
        assertEquals(
                415,
                Api.anonymous()
                        .header("Authorization", "Bearer " + ANN_TOKEN)
                        .contentType("text/plain")
                        .body("{\"email\": \"ann@taskdesk.example\"}")
                        .post(PATH)
                        .statusCode());
        assertEquals(
                403,
                Api.anonymous()
                        .cookie("auth-token", ANN_TOKEN)
                        .contentType("application/json")
                        .body("{\"email\": \"ann@taskdesk.example\"}")
                        .post(PATH)
                        .statusCode(),
                "a cookie POST without Origin");
        Api.anonymous()
                .cookie("auth-token", ANN_TOKEN)
                .header("Origin", "http://localhost:3000")
                .contentType("application/json")
                .body("{\"email\": \"ann@taskdesk.example\"}")
                .post(PATH)
                .then()
                .statusCode(200);
        assertEquals(NOW_UTC, seen().get(ANN).get(1), "the portal's own call: cookie, JSON, its Origin");
    }

    @ParameterizedTest(name = "SQLSTATE {0}")
    @CsvSource({"57P01, 503", "XX000, 500"})
    void aDatabaseFailureIs503WithRetryAfterOr500WithAnErrorIdAndChangesNothing(String state, int status) {
        Response response;
        try (Fixtures db = Fixtures.connect();
                Fixtures.TestTrigger failing = db.trigger(
                        "test_fail_heartbeat",
                        "BEFORE UPDATE ON \"User\" FOR EACH ROW",
                        "BEGIN RAISE EXCEPTION 'password authentication failed for user \"taskdesk\"' USING ERRCODE = '"
                                + state + "'; END")) {
            response = beat(ANN_TOKEN, "{\"email\": \"ann@taskdesk.example\"}");
        }
        assertEquals(status, response.statusCode());
        JsonNode error = json(response.asString());
        assertFalse(error.path("success").asBoolean(true));
        if (status == 503) {
            assertEquals("2", response.header("Retry-After"));
        } else {
            assertTrue(error.path("error").asText().startsWith("Internal error (error id "), error.toString());
        }
        assertFalse(error.path("error").asText().contains("authentication"), error.toString());
        assertNothingChanged();
    }
}
