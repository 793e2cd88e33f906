package com.taskdesk.bench.dbtime;

import com.taskdesk.bench.harness.BenchDatabase;
import com.taskdesk.bench.harness.BenchDatabase.Indexes;
import com.taskdesk.bench.harness.Stats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each index costs and what it saves, on the data as it is (with every index migration): per index,
 * the functions' dashboard load with and without it, and a task status update and a task
 * insert with and without it: the server's own time and WAL bytes per statement, from
 * pg_stat_statements (each statement its own transaction; synchronous_commit off, so the
 * disk's flush latency does not drown the index's own work). Also the indexes a later migration
 * drops (V2's ("status", "endTime"), V3's covering index): kept beside what replaced them, they
 * would cost every write and save nothing.
 */
public final class WriteCost {

    private static final Pattern CREATE =
            Pattern.compile("CREATE INDEX (?:IF NOT EXISTS )?\"(\\w+)\"[^;]*;", Pattern.DOTALL);
    private static final Pattern DROP = Pattern.compile("DROP INDEX (?:IF EXISTS )?\"(\\w+)\"");
    private static final String COMPLETE = """
            UPDATE "Task" SET "status" = 'COMPLETED', "endTime" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC'
            WHERE "id" = ?""";
    private static final String INSERT = """
            INSERT INTO "Task" ("id", "taskType", "status", "assignedToId", "updatedAt")
            VALUES (?, 'TEXT_CLUB', 'PENDING', ?, now() AT TIME ZONE 'UTC')""";

    public record Cost(
            String index,
            String origin,
            long sizeBytes,
            double loadWithMs,
            double loadWithoutMs,
            double updateWithUs,
            double updateWithoutUs,
            double updateWalWith,
            double updateWalWithout,
            double insertWithUs,
            double insertWithoutUs,
            double insertWalWith,
            double insertWalWithout) {}

    /** Batches with the index and without it, alternately; each figure is the median of the batches' means. */
    private static final int REPEATS = 4;

    private final BenchDatabase database;
    private final int batch;
    private int inserted;

    public WriteCost(BenchDatabase database, int batch) {
        this.database = database;
        this.batch = batch;
    }

    /** Each CREATE INDEX of a migration, by index name. */
    static Map<String, String> indexesOf(Indexes migration) {
        Map<String, String> indexes = new LinkedHashMap<>();
        Matcher matcher = CREATE.matcher(migration.sql());
        while (matcher.find()) {
            indexes.put(matcher.group(1), matcher.group());
        }
        return indexes;
    }

    public List<Cost> measure(int loadRounds) throws SQLException {
        List<Cost> costs = new ArrayList<>();
        try (Connection connection = database.connect()) {
            BenchDatabase.execute(connection, "SET synchronous_commit = off");
            int next = 0;
            // The "Task" indexes of V3 and later (the task writes below touch no other table), named by
            // their migration, and those a later migration drops, measured beside what replaced them.
            Map<String, String> candidates = new LinkedHashMap<>();
            Map<String, String> origins = new LinkedHashMap<>();
            Set<String> dropped = new HashSet<>();
            for (Indexes migration : Indexes.values()) {
                if (migration == Indexes.V1) {
                    continue;
                }
                indexesOf(migration).forEach((name, sql) -> {
                    if (sql.contains(" ON \"Task\"")) {
                        candidates.put(name, sql);
                        origins.put(name, migration.name());
                    }
                });
                Matcher drops = DROP.matcher(migration.sql());
                while (drops.find()) {
                    dropped.add(drops.group(1));
                    origins.merge(drops.group(1), ", dropped by " + migration.name(), String::concat);
                }
            }
            // V2's lasting index is older than these questions: only the one V3 dropped stays in
            candidates.keySet().removeIf(name -> origins.get(name).equals("V2"));
            List<String> inProgress = inProgressTasks(connection, batch * 2 * REPEATS * candidates.size());
            for (Map.Entry<String, String> candidate : candidates.entrySet()) {
                String name = candidate.getKey();
                boolean shipped = !dropped.contains(name);
                if (!shipped) {
                    BenchDatabase.execute(connection, candidate.getValue());
                }
                long size = size(connection, name);
                BenchDatabase.execute(connection, "VACUUM \"Task\"");
                double loadWith = loadMs(connection, loadRounds);
                List<double[]> with = new ArrayList<>();
                List<double[]> without = new ArrayList<>();
                for (int repeat = 0; repeat < REPEATS; repeat++) {
                    with.add(writes(connection, inProgress.subList(next, next + batch)));
                    next += batch;
                    BenchDatabase.execute(connection, "DROP INDEX \"" + name + "\"");
                    without.add(writes(connection, inProgress.subList(next, next + batch)));
                    next += batch;
                    BenchDatabase.execute(connection, candidate.getValue());
                }
                BenchDatabase.execute(connection, "DROP INDEX \"" + name + "\"");
                BenchDatabase.execute(connection, "VACUUM \"Task\"");
                double loadWithout = loadMs(connection, loadRounds);
                if (shipped) {
                    BenchDatabase.execute(connection, candidate.getValue());
                    BenchDatabase.execute(connection, "VACUUM ANALYZE \"Task\"");
                }
                costs.add(new Cost(
                        name,
                        origins.get(name),
                        size,
                        loadWith,
                        loadWithout,
                        median(with, 0),
                        median(without, 0),
                        median(with, 1),
                        median(without, 1),
                        median(with, 2),
                        median(without, 2),
                        median(with, 3),
                        median(without, 3)));
            }
        }
        return costs;
    }

    private static double median(List<double[]> batches, int figure) {
        return Stats.median(batches.stream().mapToDouble(b -> b[figure]).toArray());
    }

    private static List<String> inProgressTasks(Connection connection, int needed) throws SQLException {
        List<Object> ids = DashboardLoad.execute(
                connection,
                "SELECT \"id\" FROM \"Task\" WHERE \"status\" = 'IN_PROGRESS' "
                        + "AND \"assignedToId\" IS NOT NULL ORDER BY md5(\"id\")");
        if (ids.size() < needed) {
            throw new IllegalStateException(ids.size() + " tasks in progress; the write measurement needs " + needed);
        }
        return ids.stream().map(String.class::cast).toList();
    }

    /** A batch of status updates then as many inserts: µs and WAL bytes per statement, for each. */
    private double[] writes(Connection connection, List<String> tasks) throws SQLException {
        double[] update =
                timed(connection, COMPLETE, tasks.size(), (statement, i) -> statement.setString(1, tasks.get(i)));
        double[] insert = timed(connection, INSERT, tasks.size(), (statement, i) -> {
            statement.setString(1, "bench-insert-" + (inserted++));
            statement.setString(2, "agent-" + String.format(Locale.ROOT, "%04d", 1 + i % BenchDatabase.AGENTS));
        });
        return new double[] {update[0], update[1], insert[0], insert[1]};
    }

    private interface Binder {
        void bind(PreparedStatement statement, int i) throws SQLException;
    }

    /** Runs the statement {@code count} times; the server's own mean µs and WAL bytes per call (pg_stat_statements). */
    private static double[] timed(Connection connection, String sql, int count, Binder binder) throws SQLException {
        BenchDatabase.execute(connection, "SELECT pg_stat_statements_reset()");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                binder.bind(statement, i);
                statement.executeUpdate();
            }
        }
        try (PreparedStatement stats = connection.prepareStatement("SELECT sum(total_exec_time) / sum(calls) * 1000, "
                + "sum(wal_bytes)::float8 / sum(calls) FROM pg_stat_statements WHERE starts_with(query, ?)")) {
            stats.setString(1, normalisedPrefix(sql));
            try (ResultSet rows = stats.executeQuery()) {
                rows.next();
                return new double[] {rows.getDouble(1), rows.getDouble(2)};
            }
        }
    }

    /** The statement up to its first parameter or constant: pg_stat_statements keeps it as it is up to there. */
    private static String normalisedPrefix(String sql) {
        int end = sql.length();
        for (char c : new char[] {'?', '\''}) {
            int at = sql.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return sql.substring(0, end);
    }

    private static long size(Connection connection, String index) throws SQLException {
        return ((Number) DashboardLoad.execute(connection, "SELECT pg_relation_size(?::regclass)", "\"" + index + "\"")
                        .get(0))
                .longValue();
    }

    private static double loadMs(Connection connection, int rounds) throws SQLException {
        java.time.LocalDateTime start = DatabaseTime.todayStart();
        DashboardLoad functions = new OneStatementPerEndpoint();
        functions.run(connection, start, start.plusDays(1));
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            functions.run(connection, start, start.plusDays(1));
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        return Stats.median(millis);
    }

    public static String table(List<Cost> costs, int batch) {
        StringBuilder out = new StringBuilder("| index | from | size | functions' load, ms: with / without | "
                + "status update, µs: with / without | WAL bytes | task insert, µs: with / without | WAL bytes |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Cost c : costs) {
            out.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %s | %.1f MB | %.1f / %.1f | %.0f / %.0f (%+.0f%%) | %.0f / %.0f "
                            + "| %.0f / %.0f (%+.0f%%) | %.0f / %.0f |%n",
                    c.index(),
                    c.origin(),
                    c.sizeBytes() / 1048576.0,
                    c.loadWithMs(),
                    c.loadWithoutMs(),
                    c.updateWithUs(),
                    c.updateWithoutUs(),
                    100 * (c.updateWithUs() / c.updateWithoutUs() - 1),
                    c.updateWalWith(),
                    c.updateWalWithout(),
                    c.insertWithUs(),
                    c.insertWithoutUs(),
                    100 * (c.insertWithUs() / c.insertWithoutUs() - 1),
                    c.insertWalWith(),
                    c.insertWalWithout()));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nWrites: %d batches of %d of each with the index and as many without, "
                        + "alternately; server time and WAL per statement from pg_stat_statements, median of the batches. "
                        + "The update completes a task in progress (status, endTime, updatedAt), the insert adds an assigned "
                        + "pending Text Club task.%n",
                REPEATS,
                batch));
        return out.toString();
    }
}
