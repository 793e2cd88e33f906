package com.taskdesk.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.bench.harness.BenchDatabase;
import com.taskdesk.bench.harness.ManagerToken;
import com.taskdesk.bench.harness.Project;
import com.taskdesk.bench.harness.Stats;
import com.taskdesk.testing.FakeLambdaRuntime;
import com.taskdesk.testing.PackagedFunction;
import com.taskdesk.testing.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 4: function.zip started by AWS's runtime interface client against a Runtime API
 * stand-in, to its first 200 (init and the first invocation, which opens the first
 * connection and runs the agents statement), against the bare app built the same way; then
 * the resident memory (VmRSS) after N invocations. Both with the JVM options Lambda's java17
 * and java21 runtimes use by default (C1 only, serial GC), started alternately after one
 * start of each that is not counted (it reads the jars from disk; Lambda's would be cached too).
 */
public final class ColdStart {

    static final List<String> LAMBDA_JVM_OPTIONS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FUNCTION = "function.zip";
    static final String BARE = "bare app";

    /** Per app: milliseconds to the first poll (init) and to the first 200, per start; RSS in MB after the requests. */
    public record Result(
            Map<String, List<double[]>> starts, Map<String, Double> rssMb, Map<String, Long> zipBytes, int requests) {

        double medianToFirst200(String app) {
            return Stats.median(starts.get(app).stream().mapToDouble(s -> s[1]).toArray());
        }

        double medianInit(String app) {
            return Stats.median(starts.get(app).stream().mapToDouble(s -> s[0]).toArray());
        }

        public double startRatio() {
            return medianToFirst200(FUNCTION) / medianToFirst200(BARE);
        }

        public double memoryRatio() {
            return rssMb.get(FUNCTION) / rssMb.get(BARE);
        }
    }

    private ColdStart() {}

    public static Result run(int starts, int requests) throws Exception {
        Path functionZip = Project.build("lambda").resolve("function.zip");
        Path bareZip = BareApp.build();
        String secret = "cold-start-benchmark-secret-" + System.nanoTime();
        Map<String, List<double[]>> times = new LinkedHashMap<>();
        Map<String, Double> rss = new LinkedHashMap<>();
        try (BenchDatabase database = BenchDatabase.start(Map.of())) {
            database.load(10_000);
            database.apply(BenchDatabase.Indexes.V2);
            database.apply(BenchDatabase.Indexes.V3);
            database.apply(BenchDatabase.Indexes.V5);
            Map<String, Path> zips = new LinkedHashMap<>();
            zips.put(FUNCTION, functionZip);
            zips.put(BARE, bareZip);
            Map<String, String> events = new LinkedHashMap<>();
            events.put(FUNCTION, event("/api/manager/agents", ManagerToken.signedWith(secret)));
            events.put(BARE, event(BareApp.PATH, null));
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            environments.put(
                    FUNCTION,
                    Map.of(
                            "DATABASE_URL",
                            database.databaseUrl("connection_limit=1&pool_timeout=2"),
                            "JWT_SECRET",
                            secret,
                            "TASKDESK_FUNCTION_NAME",
                            "agents",
                            "AWS_LAMBDA_FUNCTION_NAME",
                            "taskdesk-agents"));
            environments.put(
                    BARE,
                    Map.of("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(), "AWS_LAMBDA_FUNCTION_NAME", "bare-app"));
            zips.keySet().forEach(app -> times.put(app, new ArrayList<>()));
            for (String app : zips.keySet()) { // not counted: brings each zip's jars into the page cache
                start(zips.get(app), environments.get(app), events.get(app), 1);
            }
            for (int i = 0; i < starts; i++) {
                for (String app : zips.keySet()) {
                    boolean last = i == starts - 1;
                    Measured measured =
                            start(zips.get(app), environments.get(app), events.get(app), last ? requests : 1);
                    times.get(app).add(new double[] {measured.initMs(), measured.firstMs()});
                    if (last) {
                        rss.put(app, measured.rssMb());
                    }
                }
            }
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put(FUNCTION, Files.size(functionZip));
        sizes.put(BARE, Files.size(bareZip));
        return new Result(times, rss, sizes, requests);
    }

    private record Measured(double initMs, double firstMs, double rssMb) {}

    /** One cold start: the process started, the first event answered 200, then more events; RSS at the end. */
    private static Measured start(Path zip, Map<String, String> environment, String event, int requests)
            throws Exception {
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            long t0 = System.nanoTime();
            try (PackagedFunction function = new PackagedFunction(zip, LAMBDA_JVM_OPTIONS, env)) {
                expect200(invoke(runtime, function, event, 120), function);
                double first = (System.nanoTime() - t0) / 1e6;
                double init = (runtime.firstPollNanos() - t0) / 1e6;
                for (int i = 1; i < requests; i++) {
                    expect200(invoke(runtime, function, event, 30), function);
                }
                double rss = residentMb(function.pid());
                function.terminate(20);
                return new Measured(init, first, rss);
            }
        }
    }

    private static String invoke(FakeLambdaRuntime runtime, PackagedFunction function, String event, int seconds)
            throws Exception {
        try {
            return runtime.invoke(event, seconds);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "no answer in " + seconds + " s; the function wrote:\n" + function.output(), e);
        }
    }

    private static void expect200(String response, PackagedFunction function) throws Exception {
        JsonNode answer = JSON.readTree(response);
        if (answer.path("statusCode").asInt() != 200) {
            throw new IllegalStateException("not a 200: " + response + "\n" + function.output());
        }
    }

    private static double residentMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** events/agents.json (an API Gateway HTTP API event) for this path, with this bearer token (null: none). */
    private static String event(String path, String token) throws Exception {
        ObjectNode event =
                token == null ? SampleEvents.withoutCredentials("agents") : SampleEvents.withBearer("agents", token);
        event.put("rawPath", path).put("routeKey", "GET " + path);
        ((ObjectNode) event.get("requestContext")).put("routeKey", "GET " + path);
        ((ObjectNode) event.get("requestContext").get("http")).put("path", path);
        return JSON.writeValueAsString(event);
    }

    public static String table(Result result) {
        StringBuilder out =
                new StringBuilder("| app | function.zip | init (to first poll), median ms | first invocation, "
                        + "median ms | to first 200, median ms | each start, ms | RSS after "
                        + String.format(Locale.ROOT, "%,d", result.requests())
                        + " requests |\n|---|---|---|---|---|---|---|\n");
        for (String app : result.starts().keySet()) {
            List<String> each = result.starts().get(app).stream()
                    .map(s -> String.format(Locale.ROOT, "%.0f", s[1]))
                    .toList();
            double firstInvocation = Stats.median(result.starts().get(app).stream()
                    .mapToDouble(s -> s[1] - s[0])
                    .toArray());
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f MB | %.0f | %.0f | %.0f | %s | %.0f MB |%n",
                    app,
                    result.zipBytes().get(app) / 1048576.0,
                    result.medianInit(app),
                    firstInvocation,
                    result.medianToFirst200(app),
                    String.join(" / ", each),
                    result.rssMb().get(app)));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nfunction.zip ÷ bare app: to first 200 **%.2fx**, resident memory **%.2fx**. "
                        + "JVM options of both: `%s`.%n",
                result.startRatio(),
                result.memoryRatio(),
                String.join(" ", LAMBDA_JVM_OPTIONS)));
        return out.toString();
    }
}
