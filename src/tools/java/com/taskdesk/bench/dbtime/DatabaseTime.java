package com.taskdesk.bench.dbtime;

import com.taskdesk.agents.AgentsResource;
import com.taskdesk.bench.harness.BenchDatabase;
import com.taskdesk.bench.harness.BenchDatabase.Indexes;
import com.taskdesk.bench.harness.Stats;
import com.taskdesk.dashboard.AgentProgressResource;
import com.taskdesk.dashboard.MetricsResource;
import com.taskdesk.db.DayWindow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 1: database time per dashboard load (agents + agent-progress + metrics) of the original
 * app before its fix, after its fix, and these functions, side by side on the same data, with
 * the indexes production has (V1 + V4), then with each index migration. Client wall time of one
 * load, its statements one after another on one connection with every row read (median of
 * interleaved rounds), and the server's own total_exec_time from pg_stat_statements.
 */
public final class DatabaseTime {

    /** original-before sends 1,059 statements per load; above this size one load takes tens of seconds. */
    private static final int BEFORE_FIX_UP_TO = 100_000;

    record Measured(String load, int statements, double clientMs, double serverMs) {}

    /** One size: for each index set, each load's figures. */
    public record SizeResult(
            int tasks,
            long generatedMs,
            int rounds,
            Map<Indexes, List<Measured>> byIndexes,
            Map<String, Double> statementMs) {

        double clientMs(Indexes indexes, String load) {
            return byIndexes.get(indexes).stream()
                    .filter(m -> m.load().equals(load))
                    .findFirst()
                    .map(Measured::clientMs)
                    .orElse(Double.NaN);
        }
    }

    private final BenchDatabase database;

    public DatabaseTime(BenchDatabase database) {
        this.database = database;
    }

    static LocalDateTime todayStart() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay();
    }

    /** Loads the data at this size and measures; leaves the database with every index migration. */
    public SizeResult measure(int tasks, int rounds, StringBuilder plans) throws SQLException {
        long generated = database.load(tasks);
        List<DashboardLoad> loads = new ArrayList<>();
        if (tasks <= BEFORE_FIX_UP_TO) {
            loads.add(new OriginalBeforeFix());
        }
        loads.add(new OriginalAfterFix());
        loads.add(new OneStatementPerEndpoint());
        Map<Indexes, List<Measured>> results = new LinkedHashMap<>();
        for (Indexes indexes : Indexes.values()) {
            if (indexes != Indexes.V1) {
                database.apply(indexes);
            }
            results.put(indexes, measure(loads, rounds));
        }
        Map<String, Double> statementMs = functionStatements(rounds, plans, tasks);
        return new SizeResult(tasks, generated, rounds, results, statementMs);
    }

    private List<Measured> measure(List<DashboardLoad> loads, int rounds) throws SQLException {
        LocalDateTime start = todayStart();
        LocalDateTime end = start.plusDays(1);
        Map<String, double[]> millis = new LinkedHashMap<>();
        Map<String, Integer> statements = new LinkedHashMap<>();
        try (Connection connection = database.connect()) {
            for (DashboardLoad load : loads) {
                statements.put(load.name(), load.run(connection, start, end)); // warm-up
                millis.put(load.name(), new double[rounds]);
            }
            for (int round = 0; round < rounds; round++) {
                for (DashboardLoad load : loads) {
                    long t0 = System.nanoTime();
                    load.run(connection, start, end);
                    millis.get(load.name())[round] = (System.nanoTime() - t0) / 1e6;
                }
            }
            List<Measured> results = new ArrayList<>();
            for (DashboardLoad load : loads) {
                BenchDatabase.execute(connection, "SELECT pg_stat_statements_reset()");
                int serverRounds = Math.min(rounds, 3);
                for (int i = 0; i < serverRounds; i++) {
                    load.run(connection, start, end);
                }
                double server = ((Number) DashboardLoad.execute(
                                                connection,
                                                "SELECT COALESCE(sum(total_exec_time), 0)::float8 "
                                                        + "FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'")
                                        .get(0))
                                .doubleValue()
                        / serverRounds;
                results.add(new Measured(
                        load.name(), statements.get(load.name()), Stats.median(millis.get(load.name())), server));
            }
            return results;
        }
    }

    /** The functions' three statements one by one (every index): where a load's time goes; their plans into {@code plans}. */
    private Map<String, Double> functionStatements(int rounds, StringBuilder plans, int tasks) throws SQLException {
        LocalDateTime start = todayStart();
        LocalDateTime end = start.plusDays(1);
        Map<String, Object[]> statements = new LinkedHashMap<>();
        statements.put("agents", new Object[] {AgentsResource.SQL, OneStatementPerEndpoint.NO_FILTER});
        statements.put(
                "agent-progress",
                concat(AgentProgressResource.SQL, AgentProgressResource.parameters(new DayWindow(start, end))));
        statements.put("metrics", new Object[] {MetricsResource.SQL, start, end});
        Map<String, Double> medians = new LinkedHashMap<>();
        plans.append(String.format(Locale.ROOT, "%n## %,d tasks%n", tasks));
        try (Connection connection = database.connect()) {
            for (Map.Entry<String, Object[]> statement : statements.entrySet()) {
                Object[] call = statement.getValue();
                Object[] parameters = java.util.Arrays.copyOfRange(call, 1, call.length);
                double[] millis = new double[rounds];
                DashboardLoad.execute(connection, (String) call[0], parameters);
                for (int round = 0; round < rounds; round++) {
                    long t0 = System.nanoTime();
                    DashboardLoad.execute(connection, (String) call[0], parameters);
                    millis[round] = (System.nanoTime() - t0) / 1e6;
                }
                medians.put(statement.getKey(), Stats.median(millis));
                plans.append("\n### ").append(statement.getKey()).append("\n\n```\n");
                DashboardLoad.execute(connection, "EXPLAIN (ANALYZE, BUFFERS) " + call[0], parameters)
                        .forEach(line -> plans.append(line).append('\n'));
                plans.append("```\n");
            }
        }
        return medians;
    }

    /** A statement and its parameters, as one array. */
    private static Object[] concat(String sql, Object[] parameters) {
        Object[] call = new Object[parameters.length + 1];
        call[0] = sql;
        System.arraycopy(parameters, 0, call, 1, parameters.length);
        return call;
    }

    public static String table(SizeResult size) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "#### %,d tasks (%,d raw messages, %d agents; generated in %.1f s)%n%n",
                size.tasks(),
                size.tasks() / 2,
                BenchDatabase.AGENTS,
                size.generatedMs() / 1000.0));
        out.append("| load | statements |");
        for (Indexes indexes : size.byIndexes().keySet()) {
            out.append(" client ms, ").append(indexes.label()).append(" | server ms |");
        }
        out.append(" ÷ functions, same indexes |\n|---|---|");
        size.byIndexes().keySet().forEach(i -> out.append("---|---|"));
        out.append("---|\n");
        List<Measured> first = size.byIndexes().get(Indexes.V1);
        for (int row = 0; row < first.size(); row++) {
            Measured m = first.get(row);
            out.append("| ")
                    .append(m.load())
                    .append(" | ")
                    .append(m.statements())
                    .append(" |");
            List<String> ratios = new ArrayList<>();
            for (Indexes indexes : size.byIndexes().keySet()) {
                Measured here = size.byIndexes().get(indexes).get(row);
                out.append(String.format(Locale.ROOT, " %.1f | %.1f |", here.clientMs(), here.serverMs()));
                ratios.add(String.format(Locale.ROOT, "%.1fx", here.clientMs() / size.clientMs(indexes, "functions")));
            }
            out.append(' ').append(String.join(" / ", ratios)).append(" |\n");
        }
        out.append(String.format(
                Locale.ROOT,
                "%nMedian of %d interleaved rounds; server ms: mean of 3 loads. "
                        + "The functions' statements alone (all indexes, median ms):",
                size.rounds()));
        size.statementMs().forEach((name, ms) -> out.append(String.format(Locale.ROOT, " %s %.1f;", name, ms)));
        out.setLength(out.length() - 1);
        out.append(".\n\n");
        return out.toString();
    }

    /** functions ÷ original-after, both with every index migration: the goal is at most 0.05. */
    public static double headlineRatio(SizeResult size) {
        return size.clientMs(Indexes.ALL, "functions") / size.clientMs(Indexes.ALL, "original-after");
    }

    /** The same ratio on the server's own execution time (pg_stat_statements). */
    public static double serverRatio(SizeResult size) {
        return server(size, "functions") / server(size, "original-after");
    }

    private static double server(SizeResult size, String load) {
        return size.byIndexes().get(Indexes.ALL).stream()
                .filter(m -> m.load().equals(load))
                .findFirst()
                .map(Measured::serverMs)
                .orElse(Double.NaN);
    }
}
