package com.taskdesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.taskdesk.local.EmbeddedDatabase;

/**
 * Database time per dashboard load (agents + agent-progress + metrics) for the original
 * app before its fix, after its fix, and these functions, side by side in one run on the
 * same data (the pinned mix of ../shared/spec/original-queries.md, 50 agents), first with
 * the indexes the database has today, then with the indexes this project proposes
 * (db/migration/V2). Client wall time per load (statements run one after another on one
 * connection, every row read; median of interleaved rounds) and the server's own
 * total_exec_time from pg_stat_statements.
 *
 * <pre>./mvnw -q test-compile exec:java@benchmark -Dexec.args="10000 100000 1000000"</pre>
 * With {@code --explain} first, it also prints each of the functions' plans (EXPLAIN ANALYZE).
 */
public final class DashboardBenchmark {

    private static final Path SCHEMA = Path.of("src/main/resources/db/migration/V1__prisma_schema.sql");
    private static final Path INDEXES = Path.of("src/main/resources/db/migration/V2__dashboard_indexes.sql");
    private static final Path DATA = Path.of("src/main/resources/db/demo/V1000__demo_data.sql");
    private static final int AGENTS = 50;

    private final List<DashboardLoad> loads = List.of(new OriginalBeforeFix(), new OriginalAfterFix(),
            new OneStatementPerEndpoint());

    private final boolean explain;

    private DashboardBenchmark(boolean explain) {
        this.explain = explain;
    }

    public static void main(String[] args) throws Exception {
        boolean explain = args.length > 0 && args[0].equals("--explain");
        List<String> numbers = Arrays.asList(args).subList(explain ? 1 : 0, args.length);
        List<Integer> sizes = numbers.isEmpty() ? List.of(10_000, 100_000) : numbers.stream().map(Integer::parseInt).toList();
        new DashboardBenchmark(explain).run(sizes);
    }

    private record Result(String load, int statements, double clientMs, double serverMs) {
    }

    private void run(List<Integer> sizes) throws Exception {
        System.out.printf(Locale.ROOT, "# Dashboard load benchmark, %s, PostgreSQL 16 (embedded), %s, %d cores%n%n",
                LocalDate.now(ZoneOffset.UTC), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(Map.of(
                "shared_preload_libraries", "pg_stat_statements", "timezone", "UTC"));
             Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
            execute(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            for (int tasks : sizes) {
                long loaded = load(connection, tasks);
                System.out.printf(Locale.ROOT, "## %,d tasks (%,d raw messages, %d agents; generated in %.1f s)%n%n",
                        tasks, tasks / 2, AGENTS, loaded / 1000.0);
                int rounds = Math.max(3, Math.min(15, 200_000 / tasks));
                List<Result> current = measure(connection, rounds);
                execute(connection, Files.readString(INDEXES).replace("CONCURRENTLY ", ""));
                execute(connection, "ANALYZE \"Task\"");
                List<Result> proposed = measure(connection, rounds);
                print(current, proposed, rounds);
                printEndpoints(connection, rounds, explain);
            }
        }
    }

    private static long load(Connection connection, int tasks) throws Exception {
        long start = System.currentTimeMillis();
        execute(connection, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        execute(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        execute(connection, Files.readString(SCHEMA));
        execute(connection, Files.readString(DATA).replace("${agentCount}", Integer.toString(AGENTS))
                .replace("${taskCount}", Integer.toString(tasks)));
        execute(connection, "VACUUM ANALYZE");
        return System.currentTimeMillis() - start;
    }

    private List<Result> measure(Connection connection, int rounds) throws SQLException {
        LocalDateTime start = LocalDate.now(ZoneOffset.UTC).atStartOfDay();
        LocalDateTime end = start.plusDays(1);
        Map<String, double[]> millis = new LinkedHashMap<>();
        Map<String, Integer> statements = new LinkedHashMap<>();
        for (DashboardLoad load : loads) {
            statements.put(load.name(), load.run(connection, start, end));   // warm-up
            millis.put(load.name(), new double[rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            for (DashboardLoad load : loads) {
                long t0 = System.nanoTime();
                load.run(connection, start, end);
                millis.get(load.name())[round] = (System.nanoTime() - t0) / 1e6;
            }
        }
        List<Result> results = new ArrayList<>();
        for (DashboardLoad load : loads) {
            execute(connection, "SELECT pg_stat_statements_reset()");
            int serverRounds = Math.min(rounds, 3);
            for (int i = 0; i < serverRounds; i++) {
                load.run(connection, start, end);
            }
            double server = (double) DashboardLoad.execute(connection, "SELECT COALESCE(sum(total_exec_time), 0)::float8 "
                    + "FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'").get(0) / serverRounds;
            results.add(new Result(load.name(), statements.get(load.name()), median(millis.get(load.name())), server));
        }
        return results;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void print(List<Result> current, List<Result> proposed, int rounds) {
        double ours = current.get(2).clientMs();
        double oursIndexed = proposed.get(2).clientMs();
        System.out.printf(Locale.ROOT, "| load | statements | client ms, today's indexes | server ms | "
                + "client ms, with V2 indexes | server ms | x functions (today's / V2) |%n|---|---|---|---|---|---|---|%n");
        for (int i = 0; i < current.size(); i++) {
            Result now = current.get(i);
            Result indexed = proposed.get(i);
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f |%n", now.load(),
                    now.statements(), now.clientMs(), now.serverMs(), indexed.clientMs(), indexed.serverMs(),
                    now.clientMs() / ours, indexed.clientMs() / oursIndexed);
        }
        System.out.printf(Locale.ROOT, "%nMedian of %d interleaved rounds; server time: mean of 3 loads.%n%n", rounds);
    }

    /** The functions' three statements one by one (with the V2 indexes): where a load's time goes. */
    private static void printEndpoints(Connection connection, int rounds, boolean explain) throws SQLException {
        LocalDateTime start = LocalDate.now(ZoneOffset.UTC).atStartOfDay();
        LocalDateTime end = start.plusDays(1);
        Map<String, Object[]> statements = new LinkedHashMap<>();
        statements.put("agents", new Object[] {com.taskdesk.agents.AgentsResource.SQL});
        statements.put("agent-progress", new Object[] {com.taskdesk.dashboard.AgentProgressResource.SQL, start, end, start, end});
        statements.put("metrics", new Object[] {com.taskdesk.dashboard.MetricsResource.SQL, start, end});
        StringBuilder line = new StringBuilder("Functions, one statement each (V2 indexes, median ms):");
        for (Map.Entry<String, Object[]> statement : statements.entrySet()) {
            Object[] call = statement.getValue();
            Object[] parameters = Arrays.copyOfRange(call, 1, call.length);
            double[] millis = new double[rounds];
            DashboardLoad.execute(connection, (String) call[0], parameters);
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                DashboardLoad.execute(connection, (String) call[0], parameters);
                millis[round] = (System.nanoTime() - t0) / 1e6;
            }
            line.append(String.format(Locale.ROOT, " %s %.1f;", statement.getKey(), median(millis)));
            if (explain) {
                System.out.println("### " + statement.getKey() + "\n```");
                DashboardLoad.execute(connection, "EXPLAIN (ANALYZE, BUFFERS) " + call[0], parameters)
                        .forEach(System.out::println);
                System.out.println("```");
            }
        }
        System.out.println(line.substring(0, line.length() - 1) + "\n");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
