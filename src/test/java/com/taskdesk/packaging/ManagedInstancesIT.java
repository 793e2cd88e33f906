package com.taskdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.testing.AppSchema;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.ProjectBuild;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One execution environment serving many requests at once, as on Lambda Managed Instances:
 * the plain HTTP build ({@code -P '!lambda'}; the Lambda mock event server of the tests
 * serves one request at a time) with a pool of 3, under bursts of concurrent requests. The
 * function never holds more than 3 backends, requests beyond them wait for a connection,
 * those still waiting at the pool timeout get 503 with Retry-After (never 500), and every
 * answer under concurrency is the one a single request gets.
 */
class ManagedInstancesIT {

    private static final int CONNECTION_LIMIT = 3;
    private static final int POOL_TIMEOUT_SECONDS = 3;
    private static final String FUNCTION = "managed";
    private static final String JWT_SECRET = "managed-instances-secret-4d3c2b1a0f9e8d7c";
    private static final int READY = 6;
    private static final int AGENTS = 4;

    private static EmbeddedDatabase database;
    private static Process server;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(8))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String TOKEN = Jwt.claims()
            .claim("userId", "manager-1")
            .claim("role", "MANAGER")
            .expiresIn(Duration.ofHours(1))
            .jws()
            .algorithm(SignatureAlgorithm.HS256)
            .signWithSecret(JWT_SECRET);

    @BeforeAll
    static void serverOnAPoolOfThree() throws Exception {
        Path app = ProjectBuild.packageInto(
                        ProjectBuild.underBuildOutput("plain-http"), Map.of(), "-o", "-P", "!lambda")
                .resolve("quarkus-app/quarkus-run.jar");
        database = EmbeddedDatabase.start(Map.of());
        try (Fixtures db = Fixtures.connect(database.jdbcUrl())) {
            db.execute(AppSchema.sql());
            db.user("manager-1", "Manager", "MANAGER", Fixtures.EPOCH); // writes check their caller in "User"
            for (int i = 1; i <= AGENTS; i++) {
                db.user("agent-" + i, "Agent " + i, "AGENT", Fixtures.EPOCH);
            }
            for (int i = 1; i <= READY; i++) {
                db.raw("raw-" + i, "READY");
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", app.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        app.getParent().getParent().resolve("server.log").toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("DATABASE_URL")
                        || name.startsWith("DB_")
                        || name.startsWith("QUARKUS_")
                        || name.startsWith("JWT_SECRET")
                        || name.startsWith("AWS_"));
        builder.environment()
                .putAll(Map.of(
                        "DATABASE_URL",
                        "postgresql://postgres:pw@localhost:" + database.port() + "/postgres",
                        "JWT_SECRET",
                        JWT_SECRET,
                        "DB_CONNECTION_LIMIT",
                        Integer.toString(CONNECTION_LIMIT),
                        "DB_POOL_TIMEOUT_SECONDS",
                        Integer.toString(POOL_TIMEOUT_SECONDS),
                        "DB_STATEMENT_TIMEOUT_SECONDS",
                        "10",
                        "TASKDESK_FUNCTION_NAME",
                        FUNCTION,
                        "QUARKUS_HTTP_PORT",
                        Integer.toString(port)));
        server = builder.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                if (get("/api/health").statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline || !server.isAlive()) {
                    throw new AssertionError(
                            "the plain HTTP server did not start; see target/plain-http/server.log", e);
                }
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        if (database != null) {
            database.close();
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Samples the function's backends in pg_stat_activity every few milliseconds; the most seen. */
    private static final class BackendSampler implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong most = new AtomicLong();
        private final Thread thread = new Thread(this::sample, "backend-sampler");

        BackendSampler() {
            thread.start();
        }

        private void sample() {
            try (Fixtures db = Fixtures.connect(database.jdbcUrl())) {
                while (running.get()) {
                    long now = db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", FUNCTION);
                    most.accumulateAndGet(now, Math::max);
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long most() {
            return most.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }

    private record Answer(int status, String retryAfter, String body, long millis) {}

    /** {@code count} requests at once; each answer with its time. */
    private static List<Answer> burst(int count, String path) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            long start = System.nanoTime();
                            try {
                                HttpResponse<String> response = get(path);
                                return new Answer(
                                        response.statusCode(),
                                        response.headers()
                                                .firstValue("Retry-After")
                                                .orElse(null),
                                        response.body(),
                                        (System.nanoTime() - start) / 1_000_000);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        clients));
            }
            List<Answer> result = new ArrayList<>();
            for (CompletableFuture<Answer> answer : answers) {
                result.add(answer.get(60, TimeUnit.SECONDS));
            }
            return result;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Runs the burst while another session holds "User" locked for {@code lockMillis}. */
    private static List<Answer> burstWhileUsersAreLocked(int count, long lockMillis) throws Exception {
        try (Fixtures locker = Fixtures.connect(database.jdbcUrl())) {
            locker.execute("BEGIN").execute("LOCK TABLE \"User\" IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<List<Answer>> answers = CompletableFuture.supplyAsync(() -> {
                try {
                    return burst(count, "/api/manager/agents");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(lockMillis);
            locker.execute("ROLLBACK");
            return answers.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void requestsBeyondTheCapWaitForAConnectionAndNeverOpenMoreBackends() throws Exception {
        try (BackendSampler backends = new BackendSampler()) {
            List<Answer> answers = burstWhileUsersAreLocked(12, 1_000);
            assertTrue(answers.stream().allMatch(answer -> answer.status() == 200), answers.toString());
            long waited =
                    answers.stream().filter(answer -> answer.millis() >= 900).count();
            assertEquals(12, waited, "all twelve waited for the lock or for a connection: " + answers);
            assertEquals(CONNECTION_LIMIT, backends.most(), "the cap was reached and never passed");
        }
    }

    @Test
    void requestsStillWaitingAtThePoolTimeoutGet503WithRetryAfterNever500() throws Exception {
        try (BackendSampler backends = new BackendSampler()) {
            List<Answer> answers = burstWhileUsersAreLocked(12, (POOL_TIMEOUT_SECONDS + 2) * 1_000L);
            List<Answer> served =
                    answers.stream().filter(answer -> answer.status() == 200).toList();
            List<Answer> refused =
                    answers.stream().filter(answer -> answer.status() == 503).toList();
            assertEquals(CONNECTION_LIMIT, served.size(), "those holding the connections finish: " + answers);
            assertEquals(12 - CONNECTION_LIMIT, refused.size(), "the others give up at the pool timeout: " + answers);
            for (Answer answer : refused) {
                assertEquals("2", answer.retryAfter(), answer.toString());
                assertTrue(
                        answer.body().contains("no pooled connection was free within the pool timeout"), answer.body());
                assertTrue(
                        answer.millis() >= POOL_TIMEOUT_SECONDS * 1_000L - 100
                                && answer.millis() < (POOL_TIMEOUT_SECONDS + 2) * 1_000L,
                        answer.toString());
            }
            assertTrue(backends.most() <= CONNECTION_LIMIT, "at most " + CONNECTION_LIMIT + ", saw " + backends.most());
        }
    }

    @Test
    void everyAnswerUnderConcurrencyIsTheAnswerOfASingleRequest() throws Exception {
        List<String> paths = List.of(
                "/api/manager/agents",
                "/api/manager/spam/counts",
                "/api/manager/dashboard/metrics",
                "/api/manager/dashboard/agent-progress");
        try (BackendSampler backends = new BackendSampler()) {
            for (String path : paths) {
                String single = get(path).body();
                for (Answer answer : burst(32, path)) {
                    assertEquals(200, answer.status(), path + ": " + answer);
                    assertEquals(single, answer.body(), path);
                }
            }
            ExecutorService clients = Executors.newFixedThreadPool(READY);
            try {
                List<CompletableFuture<HttpResponse<String>>> moves = new ArrayList<>();
                for (int i = 1; i <= READY; i++) {
                    String json = "{\"ids\":[\"raw-" + i + "\"]}";
                    moves.add(CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return post("/api/manager/tasks/mark-spam", json);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            clients));
                }
                for (CompletableFuture<HttpResponse<String>> move : moves) {
                    HttpResponse<String> response = move.get(60, TimeUnit.SECONDS);
                    assertEquals(200, response.statusCode(), response.body());
                    assertTrue(response.body().contains("\"rawsUpdated\":1"), response.body());
                }
            } finally {
                clients.shutdownNow();
            }
            assertEquals(
                    "{\"success\":true,\"ready\":0,\"spamReview\":" + READY + "}",
                    get("/api/manager/spam/counts").body());
            assertTrue(backends.most() <= CONNECTION_LIMIT, "at most " + CONNECTION_LIMIT + ", saw " + backends.most());
        }
    }
}
