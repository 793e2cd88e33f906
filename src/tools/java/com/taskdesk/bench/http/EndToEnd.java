package com.taskdesk.bench.http;

import com.taskdesk.bench.harness.BenchDatabase;
import com.taskdesk.bench.harness.ManagerToken;
import com.taskdesk.bench.harness.Project;
import com.taskdesk.bench.harness.Stats;
import com.taskdesk.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 2: a dashboard load (its three GETs at once) through the real HTTP path, under
 * concurrent clients, against the plain HTTP build of these functions and against the
 * original app after its fix run as a server the same way; same run, same database and data.
 * Fair by construction: both servers in JVMs with the same options, both with at most
 * {@value OriginalAfterServer#POOL_SIZE} connections, the functions' metrics cache off (every
 * load runs every statement), each warmed up before measuring, then measured in alternating
 * rounds (functions, original, functions, ...) so drift in the machine's load hits both.
 */
public final class EndToEnd {

    public record Result(int clients, Map<String, List<DashboardClients.Run>> rounds) {

        double[] all(String server) {
            return rounds.get(server).stream()
                    .flatMapToDouble(r -> java.util.Arrays.stream(r.loadMs()))
                    .toArray();
        }

        public double p(String server, double percent) {
            return Stats.percentile(all(server), percent);
        }
    }

    /** Both servers get the same JVM options, so neither has more heap or a different collector. */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx2g", "-XX:+UseParallelGC");

    static final String FUNCTIONS = "functions";
    static final String ORIGINAL = "original-after";

    private EndToEnd() {}

    public static Result run(
            BenchDatabase database, Path httpBuild, int clients, Duration warmUp, Duration round, int rounds)
            throws Exception {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        String token = ManagerToken.signedWith(secret);
        int functionsPort = ServerProcess.freePort();
        int originalPort = ServerProcess.freePort();
        Map<String, String> functionsEnv = Map.of(
                "DATABASE_URL",
                        database.databaseUrl("connection_limit=" + OriginalAfterServer.POOL_SIZE + "&pool_timeout=20"),
                "DB_STATEMENT_TIMEOUT_SECONDS", "20",
                "JWT_SECRET", secret,
                "TASKDESK_METRICS_CACHE_SECONDS", "0",
                "TASKDESK_FUNCTION_NAME", "bench",
                "QUARKUS_HTTP_PORT", Integer.toString(functionsPort),
                "QUARKUS_HTTP_HOST", "127.0.0.1");
        try (ServerProcess functions = startJvm(
                        "functions-server",
                        functionsPort,
                        "/api/health",
                        functionsEnv,
                        "-jar",
                        httpBuild
                                .resolve("quarkus-app/quarkus-run.jar")
                                .toAbsolutePath()
                                .toString());
                ServerProcess original = startJvm(
                        "original-after-server",
                        originalPort,
                        "/",
                        Map.of(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OriginalAfterServer.class.getName(),
                        Integer.toString(originalPort),
                        database.jdbcUrl())) {
            Map<String, String> servers = new LinkedHashMap<>(); // name, base URL
            servers.put(FUNCTIONS, baseUrl(functionsPort));
            servers.put(ORIGINAL, baseUrl(originalPort));
            Map<String, List<DashboardClients.Run>> results = new LinkedHashMap<>();
            for (Map.Entry<String, String> server : servers.entrySet()) {
                DashboardClients.run(server.getValue(), token, clients, warmUp);
                results.put(server.getKey(), new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, String> server : servers.entrySet()) {
                    results.get(server.getKey()).add(DashboardClients.run(server.getValue(), token, clients, round));
                }
            }
            return new Result(clients, results);
        }
    }

    /** A JVM with {@link #JVM_OPTIONS} running {@code arguments}, its log in target/bench, ready once {@code probePath} answers. */
    private static ServerProcess startJvm(
            String name, int port, String probePath, Map<String, String> env, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(arguments));
        Files.createDirectories(Project.OUTPUT);
        return ServerProcess.start(
                name, command, Project.OUTPUT, env, baseUrl(port) + probePath, Duration.ofMinutes(2));
    }

    private static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    public static String table(Result result) {
        StringBuilder out = new StringBuilder(
                "| server | dashboard loads | failed | loads/s | p50 ms | p99 ms | p99 by round, ms |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (String server : result.rounds().keySet()) {
            List<DashboardClients.Run> runs = result.rounds().get(server);
            int loads = runs.stream().mapToInt(r -> r.loadMs().length).sum();
            int failed =
                    runs.stream().mapToInt(DashboardClients.Run::failedLoads).sum();
            double seconds =
                    runs.stream().mapToDouble(DashboardClients.Run::seconds).sum();
            List<String> byRound = runs.stream()
                    .map(r -> String.format(Locale.ROOT, "%.0f", Stats.percentile(r.loadMs(), 99)))
                    .toList();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | %.1f | %.0f | %.0f | %s |%n",
                    server,
                    loads,
                    failed,
                    loads / seconds,
                    result.p(server, 50),
                    result.p(server, 99),
                    String.join(" / ", byRound)));
        }
        for (String server : result.rounds().keySet()) {
            java.util.Set<String> failures = new java.util.TreeSet<>();
            result.rounds().get(server).forEach(r -> failures.addAll(r.failures()));
            if (!failures.isEmpty()) {
                out.append(String.format(Locale.ROOT, "%n%s's failures: %s.%n", server, String.join("; ", failures)));
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "%n%d concurrent clients; p99 ratio functions ÷ original-after: **%.3fx** " + "(p50: %.3fx).%n",
                result.clients(),
                headlineRatio(result),
                result.p(FUNCTIONS, 50) / result.p(ORIGINAL, 50)));
        return out.toString();
    }

    public static double headlineRatio(Result result) {
        return result.p(FUNCTIONS, 99) / result.p(ORIGINAL, 99);
    }
}
