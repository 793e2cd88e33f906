package com.taskdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.testing.AppSchema;
import com.taskdesk.testing.FakeLambdaRuntime;
import com.taskdesk.testing.PackagedFunction;
import com.taskdesk.testing.SampleEvents;
import com.taskdesk.testing.SecretsManagerStandIn;
import com.taskdesk.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cold function's first request, served by the packaged function under AWS's runtime client: what it
 * used to load first (the token check's jose4j and security providers, the first statement's pgjdbc,
 * Agroal and java.sql classes, EMF's metrics model) was loaded while the function started, which read
 * no secret and opened no connection. The classes come from the JVM's own class-loading log, split at
 * the function's first poll for an event (the end of its init phase).
 */
class FirstRequestAfterColdStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "agents";
    private static final String JWT_SECRET_ID = "taskdesk/it/first-request-jwt-secret";
    private static final String JWT_SECRET = "first-request-secret-5f0e9d8c7b6a5f4e3d2c1b0a";
    /** Packages whose classes the first request no longer loads. */
    private static final List<String> LOADED_AT_START = List.of(
            "org.jose4j.", "org.postgresql.", "io.agroal.", "java.sql.", "software.amazon.cloudwatchlogs.emf.model.");
    /** Where the first request's classes are written, to bring db/first-statement-classes.txt up to date. */
    private static final Path FIRST_REQUEST_CLASSES =
            Path.of(System.getProperty("build.output", "target"), "first-request-classes.txt");

    @Test
    void theFirstRequestFindsTheTokenCheckTheFirstStatementAndTheMetricsLineLoadedByAStartThatReadNoSecret()
            throws Exception {
        Path classLoading = Files.createTempFile("first-request-class-load", ".log");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(Map.of());
                SecretsManagerStandIn secretsManager = new SecretsManagerStandIn().put(JWT_SECRET_ID, JWT_SECRET);
                FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            createSchemaWithOneAgent(database);
            String url = "postgresql://postgres@localhost:" + database.port() + "/postgres";
            try (PackagedFunction function = new PackagedFunction(
                    Path.of(System.getProperty("build.output", "target"), "function.zip"),
                    List.of("-Xlog:class+load=info:file=" + classLoading),
                    Map.of(
                            "AWS_LAMBDA_RUNTIME_API",
                            runtime.address(),
                            "AWS_LAMBDA_FUNCTION_NAME",
                            "taskdesk-it-agents",
                            "AWS_REGION",
                            "eu-west-1",
                            "AWS_ACCESS_KEY_ID",
                            "AKIDSTANDIN",
                            "AWS_SECRET_ACCESS_KEY",
                            "stand-in-secret-access-key",
                            "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                            secretsManager.endpoint(),
                            "DATABASE_URL",
                            url,
                            "JWT_SECRET_ID",
                            JWT_SECRET_ID,
                            "TASKDESK_FUNCTION_NAME",
                            FUNCTION))) {
                List<String> atStart = classesLoadedOnceIdle(runtime, function, classLoading);
                assertEquals(0, secretsManager.reads(JWT_SECRET_ID), "the start read no secret");
                assertEquals(0, backendsOf(database, FUNCTION), "the start opened no connection");
                for (String warmed : List.of(
                        "org.jose4j.jws.HmacUsingShaAlgorithm$HmacSha256",
                        "org.postgresql.jdbc.PgConnection",
                        "io.agroal.pool.wrapper.ConnectionWrapper",
                        "software.amazon.cloudwatchlogs.emf.model.MetricsContext")) {
                    assertTrue(atStart.contains(warmed), warmed + " loaded at start");
                }

                String event = JSON.writeValueAsString(
                        SampleEvents.withBearer(FUNCTION, Tokens.managerSignedWith(JWT_SECRET)));
                JsonNode response = JSON.readTree(runtime.invoke(event, 60));
                assertEquals(200, response.get("statusCode").asInt(), response + "\n" + function.output());
                assertEquals(
                        "agent-1",
                        JSON.readTree(response.get("body").asText())
                                .at("/agents/0/id")
                                .asText());

                List<String> loaded = Files.readAllLines(classLoading);
                List<String> firstRequest = classNames(loaded.subList(atStart.size(), loaded.size())).stream()
                        .filter(name -> !name.contains("$$Lambda") && !name.contains("/0x"))
                        .toList();
                Files.write(FIRST_REQUEST_CLASSES, firstRequest);
                List<String> stillLoadedByTheRequest = firstRequest.stream()
                        .filter(name -> LOADED_AT_START.stream().anyMatch(name::startsWith))
                        .toList();
                assertEquals(List.of(), stillLoadedByTheRequest, "see " + FIRST_REQUEST_CLASSES);
            }
        } finally {
            Files.deleteIfExists(classLoading);
        }
    }

    /** Once the function has polled for its first event and its class-loading log has stopped growing. */
    private static List<String> classesLoadedOnceIdle(FakeLambdaRuntime runtime, PackagedFunction function, Path log)
            throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!runtime.polled()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no poll for an event in 60 s:\n" + function.output());
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(log);
        for (int same = 0; same < 4; ) {
            Thread.sleep(100);
            List<String> now = Files.readAllLines(log);
            same = now.size() == lines.size() ? same + 1 : 0;
            lines = now;
        }
        return classNames(lines);
    }

    /** The class names of -Xlog:class+load lines ("[info][class,load] NAME source: ..."). */
    private static List<String> classNames(List<String> lines) {
        return lines.stream()
                .map(line -> line.substring(line.lastIndexOf("] ") + 2).split(" ", 2)[0])
                .toList();
    }

    private static void createSchemaWithOneAgent(EmbeddedDatabase database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute(AppSchema.sql());
            statement.execute("INSERT INTO \"User\" (\"id\", \"email\", \"name\", \"role\", \"agentTypes\", "
                    + "\"updatedAt\") VALUES ('agent-1', 'agent1@taskdesk.example', 'Agent 1', 'AGENT', "
                    + "ARRAY['TEXT_CLUB', 'HOLDS'], now())");
        }
    }

    private static long backendsOf(EmbeddedDatabase database, String function) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + function + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
