package com.taskdesk.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.CapturedOutput;
import com.taskdesk.testing.EmbeddedMetricFormat;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each request's log line (as the deployed JSON formatter writes it) and its EMF line, read back
 * from what the function logged and printed while serving it through the Lambda event server.
 */
@QuarkusTest
class RequestLogTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    AgroalDataSource pool;

    @Inject
    TestClock clock;

    /** The request's one log line (its fields under "mdc") and its one EMF line. */
    record Answered(Response response, JsonNode line, JsonNode metrics, List<String> log, List<String> output) {

        String field(String name) {
            JsonNode value = line.get("mdc").get(name);
            return value == null ? null : value.asText();
        }

        double number(String name) {
            return Double.parseDouble(field(name));
        }
    }

    @BeforeEach
    void oneAgentAndOneRawMessage() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().user("a-1", "One", "AGENT", Fixtures.EPOCH).raw("r-1", "READY");
        }
        SqlCounter.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static Answered answered(Supplier<Response> request) {
        try (CapturedLog log = new CapturedLog();
                CapturedOutput output = new CapturedOutput()) {
            Response response = request.get();
            List<String> json = log.json();
            List<JsonNode> lines = json.stream()
                    .map(EmbeddedMetricFormat::parse)
                    .filter(line -> line.get("loggerName").asText().equals(RequestLog.class.getName()))
                    .toList();
            List<String> emf =
                    output.lines().stream().filter(EmbeddedMetricFormat::isEmf).toList();
            assertEquals(1, lines.size(), "one log line per request:\n" + String.join("\n", json));
            assertEquals(1, emf.size(), "one EMF line per request:\n" + String.join("\n", output.lines()));
            assertEquals(List.of(), EmbeddedMetricFormat.violations(emf.get(0)), emf.get(0));
            return new Answered(response, lines.get(0), EmbeddedMetricFormat.parse(emf.get(0)), json, output.lines());
        }
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("GET /api/manager/agents", 200, 1, (Supplier<Response>)
                        () -> Api.asManager().get("/api/manager/agents")),
                Arguments.of("GET /api/health", 200, 0, (Supplier<Response>)
                        () -> Api.anonymous().get("/api/health")),
                Arguments.of("POST /api/manager/tasks/mark-spam", 400, 0, (Supplier<Response>)
                        () -> Api.browserPost("{\"ids\": []}").post("/api/manager/tasks/mark-spam")),
                Arguments.of("GET /api/manager/agents", 401, 0, (Supplier<Response>)
                        () -> Api.anonymous().get("/api/manager/agents")),
                Arguments.of("GET /api/manager/agents", 403, 0, (Supplier<Response>) () -> Api.asManager()
                        .header("Origin", "https://elsewhere.example")
                        .get("/api/manager/agents")),
                Arguments.of("GET /api/manager/nothing-here", 404, 0, (Supplier<Response>)
                        () -> Api.asManager().get("/api/manager/nothing-here")),
                Arguments.of("POST /api/manager/tasks/mark-spam", 415, 0, (Supplier<Response>) () -> Api.asManager()
                        .contentType("text/plain")
                        .body("ids=r-1")
                        .post("/api/manager/tasks/mark-spam")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void everyAnswerHasOneJsonLogLineAndOneMetricsLine(
            String route, int status, int statements, Supplier<Response> request) {
        Answered answered = answered(request);
        assertEquals(status, answered.response().statusCode());
        assertEquals(route, answered.field("route"));
        assertEquals(Integer.toString(status), answered.field("status"));
        assertEquals(Integer.toString(statements), answered.field("statements"));
        assertEquals(SqlCounter.statements().size(), statements, "counted at the JDBC boundary too");
        assertEquals("local", answered.field("function"));
        assertTrue(UUID.matcher(answered.field("requestId")).matches(), "the Lambda request id: " + answered.line());
        assertTrue(List.of("true", "false").contains(answered.field("coldStart")));
        assertEquals(
                route + " " + status, answered.line().get("message").asText().substring(0, route.length() + 4));
        assertEquals(
                answered.field("requestId"), answered.metrics().get("requestId").asText(), "the same request");
        assertEquals(statements, answered.metrics().get("Statements").asInt());
    }

    @Test
    void theLineAndTheMetricsTellWhatTheRequestCostTheDatabase() {
        Answered answered = answered(() -> Api.asManager().get("/api/manager/agents"));
        double waited = answered.number("connectionWaitMs");
        double database = answered.number("databaseMs");
        assertTrue(database > 0, "database time: " + answered.line());
        assertTrue(waited >= 0, "connection wait: " + answered.line());
        assertTrue(
                answered.number("totalMs") >= waited + database, "the request's total holds both: " + answered.line());
        assertEquals(null, answered.field("errorId"), "no error, no error id");

        JsonNode metrics = answered.metrics();
        assertEquals(
                "TaskDesk/ManagerFunctions",
                metrics.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals(
                "[[\"Stage\",\"Function\"]]",
                metrics.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("local", metrics.get("Stage").asText(), "TASKDESK_STAGE's default");
        assertEquals("local", metrics.get("Function").asText());
        assertEquals(waited, metrics.get("ConnectionWaitMs").asDouble(), "the same measurement as the log line");
        assertEquals(database, metrics.get("DatabaseMs").asDouble());
        assertEquals(1, metrics.get("Statements").asInt());
        assertEquals(0, metrics.get("PoolActive").asInt(), "the connection is back in the pool");
        assertEquals(0, metrics.get("PoolAwaiting").asInt());
        assertEquals(0, metrics.get("Http503").asInt());
        assertEquals(0, metrics.get("Http500").asInt());
        assertEquals(
                answered.field("coldStart").equals("true") ? 1 : 0,
                metrics.get("ColdStart").asInt());
        for (JsonNode metric : metrics.at("/_aws/CloudWatchMetrics/0/Metrics")) {
            String name = metric.get("Name").asText();
            assertEquals(
                    name.endsWith("Ms") ? "Milliseconds" : "Count",
                    metric.get("Unit").asText(),
                    name);
        }
        assertEquals(
                List.of(
                        "ColdStart",
                        "ConnectionWaitMs",
                        "DatabaseMs",
                        "Http500",
                        "Http503",
                        "PoolActive",
                        "PoolAwaiting",
                        "Statements"),
                metrics.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name").stream()
                        .sorted()
                        .toList());
    }

    @Test
    void aStatementWaitingOnALockCountsAsDatabaseTime() throws Exception {
        try (Fixtures locker = Fixtures.connect()) {
            locker.execute("BEGIN");
            locker.execute("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(
                    () -> locker.execute("ROLLBACK"), CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
            Answered answered = answered(() -> Api.asManager().get("/api/manager/agents"));
            release.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.response().statusCode());
            assertTrue(answered.number("databaseMs") >= 900, "held a second by the lock: " + answered.line());
            assertTrue(
                    answered.number("connectionWaitMs") < answered.number("databaseMs"),
                    answered.line().toString());
            assertEquals("1", answered.field("statements"));
        }
    }

    @Test
    void waitingForAPooledConnectionIsConnectionWaitAndA503() throws Exception {
        assertEquals(1, pool.getConfiguration().connectionPoolConfiguration().maxSize());
        long poolTimeoutMs = pool.getConfiguration()
                .connectionPoolConfiguration()
                .acquisitionTimeout()
                .toMillis();
        Answered answered;
        try (Connection held = pool.getConnection()) {
            answered = answered(() -> Api.asManager().get("/api/manager/agents"));
        }
        assertEquals(503, answered.response().statusCode());
        assertTrue(
                answered.number("connectionWaitMs") >= poolTimeoutMs - 100,
                "waited the pool timeout (" + poolTimeoutMs + " ms): " + answered.line());
        assertEquals("0", answered.field("statements"), "no statement without a connection");
        assertEquals(0.0, answered.number("databaseMs"));
        assertEquals(1, answered.metrics().get("Http503").asInt());
        assertEquals(0, answered.metrics().get("Http500").asInt());
        assertEquals(1, answered.metrics().get("PoolActive").asInt(), "the held connection, right after the request");
        assertTrue(answered.metrics().get("ConnectionWaitMs").asDouble() >= poolTimeoutMs - 100);
    }

    @Test
    void anUnexpectedFailureLogsTheErrorIdOfItsAnswer() {
        try (Fixtures db = Fixtures.connect()) {
            db.execute("ALTER TABLE \"RawMessage\" RENAME COLUMN \"status\" TO \"state\"");
            try {
                Answered answered = answered(() -> Api.asManager().get("/api/manager/spam/counts"));
                answered.response().then().statusCode(500);
                Matcher id = Pattern.compile("error id (" + UUID.pattern() + ")")
                        .matcher(answered.response().jsonPath().getString("error"));
                assertTrue(id.find());
                assertEquals(id.group(1), answered.field("errorId"));
                assertEquals(1, answered.metrics().get("Http500").asInt());
                assertEquals(0, answered.metrics().get("Http503").asInt());
                JsonNode error = answered.log().stream()
                        .map(EmbeddedMetricFormat::parse)
                        .filter(line -> line.get("level").asText().equals("ERROR"))
                        .findFirst()
                        .orElseThrow();
                assertTrue(error.get("message").asText().contains(id.group(1)), error.toString());
                assertEquals(
                        answered.field("requestId"),
                        error.at("/mdc/requestId").asText(),
                        "the stack trace's line carries the request id too");
            } finally {
                db.execute("ALTER TABLE \"RawMessage\" RENAME COLUMN \"state\" TO \"status\"");
            }
        }
    }

    @Test
    void aCachedAnswerSendsNoStatementAndWaitsForNoConnection() {
        clock.set(Instant.parse("2031-03-01T12:00:00Z")); // no earlier test cached this moment
        Answered read = answered(() -> Api.asManager().get("/api/manager/dashboard/metrics"));
        Answered cached = answered(() -> Api.asManager().get("/api/manager/dashboard/metrics"));
        assertEquals("1", read.field("statements"));
        assertEquals("0", cached.field("statements"));
        assertEquals(0.0, cached.number("connectionWaitMs"));
        assertEquals(0.0, cached.number("databaseMs"));
        assertEquals(0, cached.metrics().get("Statements").asInt());
    }

    @Test
    void neverLogsATokenACookieAPasswordOrABody() {
        String bearer = Tokens.manager();
        String cookie = Tokens.withRole("manager-2", "MANAGER");
        try (Fixtures db = Fixtures.connect()) {
            db.user("manager-2", "Second manager", "MANAGER", Fixtures.EPOCH);
        }
        String password = "password-canary-5e1f";
        String bodyText = "body-canary-8c2d";
        String otherCookie = "cookie-canary-3a9b";
        String query = "query-canary-7d4e";
        String badToken = "bad-token-canary-1b6f";
        List<Answered> answers = List.of(
                answered(() -> Api.anonymous()
                        .header("Authorization", "Bearer " + bearer)
                        .cookie("auth-token", cookie)
                        .cookie("session", otherCookie)
                        .header("Origin", "http://localhost:3000")
                        .contentType("application/json")
                        .body("{\"ids\": [\"r-1\"], \"password\": \"" + password + "\", \"note\": \"" + bodyText
                                + "\"}")
                        .post("/api/manager/tasks/mark-spam")),
                answered(() -> Api.anonymous()
                        .header("Authorization", "Bearer " + bearer)
                        .contentType("application/json")
                        .body("{\"ids\": [\"" + bodyText + "\", \"" + password + "\"], garbage")
                        .post("/api/manager/spam/restore")),
                answered(() -> Api.asManager().queryParam("token", query).get("/api/manager/spam/counts")),
                answered(() -> Api.anonymous()
                        .header("Authorization", "Bearer " + badToken)
                        .get("/api/manager/agents")));
        assertEquals(
                List.of(200, 400, 200, 401),
                answers.stream().map(a -> a.response().statusCode()).toList());
        assertEquals("GET /api/manager/spam/counts", answers.get(2).field("route"), "no query string");
        for (Answered answered : answers) {
            String everything = String.join("\n", answered.log()) + "\n" + String.join("\n", answered.output());
            for (String secret : List.of(
                    bearer,
                    cookie,
                    signature(bearer),
                    signature(cookie),
                    password,
                    bodyText,
                    otherCookie,
                    query,
                    badToken,
                    Tokens.SECRET)) {
                assertFalse(everything.contains(secret), secret + " in:\n" + everything);
            }
        }
    }

    /** A token's last part: enough to forge nothing, but a sign the token was written out. */
    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }
}
