package com.taskdesk.bench.sweep;

import com.taskdesk.bench.harness.Stats;
import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.testing.SimulatedFunction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part 3: simulated Lambda instances against one PostgreSQL whose max_connections and
 * superuser_reserved_connections are the stage's database's (config/), the rest of its reserve
 * held open by "the rest of the app" for the whole sweep. For each configuration and each
 * offered concurrency (that many clients, each sending its next request as soon as the last
 * one is answered, for a fixed time), from cold (no instance): requests served, refused by
 * PostgreSQL (53300), other 503s, throttled by Lambda (429), and the p99 of served requests.
 * Every statement is {@code pg_sleep}: the sweep measures connections, not the CPU of two cores.
 */
public final class InstanceSweep {

    /** Statement length: about what one dashboard statement takes at 1M tasks (docs/benchmarks.md). */
    static final double STATEMENT_SECONDS = 0.05;
    /** A client whose request failed (429, 53300, 503) waits this long before its next one, as a browser would. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMillis(100);

    private static final String FUNCTIONS_ROLE = "functions";
    private static final String REST_OF_APP_ROLE = "rest_of_app";

    /** A configuration: per function of the stage, its cap (null: none), connections per instance, waves. */
    public record Setup(
            String name,
            Map<String, Integer> maxInstances,
            Map<String, Integer> connectionLimit,
            Map<String, List<Integer>> waves,
            Duration poolTimeout) {}

    /** What one offered concurrency saw. */
    public record Step(
            int concurrency,
            Map<SimulatedFunction.Outcome, Integer> outcomes,
            double p99ServedMs,
            int instances,
            double seconds) {

        public int count(SimulatedFunction.Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }

        public boolean failed() {
            return count(SimulatedFunction.Outcome.REFUSED_53300) + count(SimulatedFunction.Outcome.UNAVAILABLE_503)
                    > 0;
        }
    }

    public record Result(StageBudget budget, Map<String, List<Step>> steps, List<Setup> setups) {}

    private final StageBudget budget;
    private final List<Integer> concurrencies;
    private final Duration stepTime;

    public InstanceSweep(Path config, String stage, List<Integer> concurrencies, Duration stepTime)
            throws java.io.IOException {
        this.budget = StageBudget.read(config, stage);
        this.concurrencies = concurrencies;
        this.stepTime = stepTime;
    }

    /** The three configurations compared, over the stage's functions. */
    List<Setup> setups() {
        Map<String, Integer> noCap = new java.util.LinkedHashMap<>();
        Map<String, Integer> ten = new java.util.LinkedHashMap<>();
        Map<String, Integer> caps = new java.util.LinkedHashMap<>();
        Map<String, Integer> limits = new java.util.LinkedHashMap<>();
        Map<String, List<Integer>> oneStatement = new java.util.LinkedHashMap<>();
        Map<String, List<Integer>> prisma = new java.util.LinkedHashMap<>();
        budget.functions().forEach((name, f) -> {
            noCap.put(name, null);
            ten.put(name, 10);
            caps.put(name, f.maxInstances());
            limits.put(name, f.connectionLimit());
            oneStatement.put(name, List.of(1));
            // ../shared/spec/original-queries.md: agents 2 at once; agent-progress 6; metrics 2, then 1.
            prisma.put(
                    name,
                    switch (name) {
                        case "agents" -> List.of(2);
                        case "agent-progress" -> List.of(6);
                        case "metrics" -> List.of(2, 1);
                        default -> List.of(1);
                    });
        });
        Duration poolTimeout =
                Duration.ofSeconds(budget.functions().values().iterator().next().poolTimeoutSeconds());
        return List.of(
                new Setup(
                        "original app: its statements at once, 10 connections per instance, no instance cap",
                        noCap,
                        ten,
                        prisma,
                        poolTimeout),
                new Setup(
                        "these functions with the original settings: 10 per instance, no instance cap",
                        noCap,
                        ten,
                        oneStatement,
                        poolTimeout),
                new Setup(
                        "these functions with the " + budget.stage() + " budget (config/)",
                        caps,
                        limits,
                        oneStatement,
                        poolTimeout));
    }

    public Result run() throws Exception {
        Map<String, List<Step>> results = new java.util.LinkedHashMap<>();
        List<Setup> setups = setups();
        try (EmbeddedDatabase server = EmbeddedDatabase.start(Map.of(
                "max_connections", Integer.toString(budget.maxConnections()),
                "superuser_reserved_connections", Integer.toString(budget.superuserReservedConnections())))) {
            String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres";
            try (Connection admin = DriverManager.getConnection(server.jdbcUrl());
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE " + FUNCTIONS_ROLE + " LOGIN");
                statement.execute("CREATE ROLE " + REST_OF_APP_ROLE + " LOGIN");
            }
            List<Connection> restOfApp = new ArrayList<>();
            ExecutorService parallel = Executors.newCachedThreadPool();
            try {
                for (int i = 0; i < budget.reservedConnections() - budget.superuserReservedConnections(); i++) {
                    restOfApp.add(DriverManager.getConnection(url + "?user=" + REST_OF_APP_ROLE));
                }
                for (Setup setup : setups) {
                    List<Step> steps = new ArrayList<>();
                    for (int concurrency : concurrencies) {
                        steps.add(step(setup, concurrency, url, server, parallel));
                    }
                    results.put(setup.name(), steps);
                }
            } finally {
                parallel.shutdownNow();
                for (Connection connection : restOfApp) {
                    connection.close();
                }
            }
        }
        return new Result(budget, results, setups);
    }

    private Step step(Setup setup, int concurrency, String url, EmbeddedDatabase server, ExecutorService parallel)
            throws Exception {
        List<SimulatedFunction> functions = new ArrayList<>();
        for (String name : budget.functions().keySet()) {
            functions.add(new SimulatedFunction(
                    name,
                    setup.maxInstances().get(name),
                    setup.connectionLimit().get(name),
                    setup.poolTimeout(),
                    url + "?user=" + FUNCTIONS_ROLE,
                    FUNCTIONS_ROLE,
                    null,
                    setup.waves().get(name),
                    parallel));
        }
        // Traffic in proportion to each function's share of the stage's instances: the mix the budget was planned for.
        List<SimulatedFunction> slots = new ArrayList<>();
        for (SimulatedFunction function : functions) {
            slots.addAll(
                    Collections.nCopies(budget.functions().get(function.name()).maxInstances(), function));
        }
        Map<SimulatedFunction.Outcome, AtomicInteger> counts = new EnumMap<>(SimulatedFunction.Outcome.class);
        for (SimulatedFunction.Outcome outcome : SimulatedFunction.Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
        }
        ConcurrentLinkedQueue<Double> served = new ConcurrentLinkedQueue<>();
        String sql = "SELECT pg_sleep(" + STATEMENT_SECONDS + ")";
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        CountDownLatch start = new CountDownLatch(1);
        long t0;
        try {
            List<Future<?>> running = new ArrayList<>();
            long deadline = System.nanoTime() + stepTime.toNanos();
            for (int c = 0; c < concurrency; c++) {
                SimulatedFunction function = slots.get(c % slots.size());
                running.add(clients.submit(() -> {
                    start.await();
                    while (System.nanoTime() < deadline) {
                        long begin = System.nanoTime();
                        SimulatedFunction.Outcome outcome = function.invoke(sql);
                        counts.get(outcome).incrementAndGet();
                        if (outcome == SimulatedFunction.Outcome.SERVED) {
                            served.add((System.nanoTime() - begin) / 1e6);
                        } else {
                            Thread.sleep(RETRY_AFTER_FAILURE.toMillis());
                        }
                    }
                    return null;
                }));
            }
            t0 = System.nanoTime();
            start.countDown();
            for (Future<?> client : running) {
                client.get(stepTime.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int instances =
                functions.stream().mapToInt(SimulatedFunction::instanceCount).sum();
        functions.forEach(SimulatedFunction::close);
        awaitNoConnections(server);
        Map<SimulatedFunction.Outcome, Integer> outcomes = new EnumMap<>(SimulatedFunction.Outcome.class);
        counts.forEach((outcome, count) -> outcomes.put(outcome, count.get()));
        return new Step(concurrency, outcomes, Stats.percentile(served, 99), instances, seconds);
    }

    private static void awaitNoConnections(EmbeddedDatabase server) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection observer = DriverManager.getConnection(server.jdbcUrl())) {
            while (true) {
                try (Statement statement = observer.createStatement();
                        ResultSet rows = statement.executeQuery(
                                "SELECT count(*) FROM pg_stat_activity WHERE usename = '" + FUNCTIONS_ROLE + "'")) {
                    rows.next();
                    if (rows.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the functions' connections are still open after 10 s");
                }
                Thread.sleep(20);
            }
        }
    }
}
