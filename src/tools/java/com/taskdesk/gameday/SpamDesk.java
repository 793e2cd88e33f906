package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What the spam writes of the game day work on, beside the demo data: raw messages of their own
 * ({@code gd-raw-NNN}), each READY without a task or PROMOTED with one or two tasks in every status
 * a move meets (PENDING assigned and not, IN_PROGRESS, ASSISTANCE_REQUIRED, RESOLVED, and COMPLETED,
 * which no move may touch), and a few tasks without a raw message ({@code gd-task-solo-NN}); the
 * managers who poll the dashboard; and one manager per write ({@code gd-writer-NNNNN}), so every
 * history row names the one request that wrote it. Writes pick their ids from a window of a few raw
 * messages that slides along the list (the requests of a burst overlap, and over a run every raw
 * message is hit); as the bulk button does, some send a task's id for its raw message, and some a
 * task without one by its own id.
 */
final class SpamDesk {

    static final String RAW_PREFIX = "gd-raw-";
    static final String TASK_PREFIX = "gd-task-";
    static final String WRITER_PREFIX = "gd-writer-";
    static final String MANAGER_PREFIX = "gd-manager-";
    /** Tasks without a raw message (revision 2 moves them by their own id). */
    static final String SOLO_PREFIX = TASK_PREFIX + "solo-";

    static final int SOLO_TASKS = 12;
    static final int RAW_MESSAGES = 120;
    /** The raw messages the writes of one moment choose from. */
    static final int WINDOW = 12;
    /** How far the window moves, and how often. */
    static final int WINDOW_STEP = 4;

    static final long WINDOW_STEP_MS = 20_000;

    private final List<String> raws;
    private final int writers;
    private final AtomicInteger nextWriter = new AtomicInteger();
    private final int managers;
    private final GameClock clock;

    private SpamDesk(List<String> raws, int writers, int managers, GameClock clock) {
        this.raws = raws;
        this.writers = writers;
        this.managers = managers;
        this.clock = clock;
    }

    /** Inserts the raw messages, their tasks, the dashboard's managers and {@code writers} managers who write. */
    static SpamDesk create(GameDayDatabase database, int managers, int writers, GameClock clock) {
        database.execute("INSERT INTO \"ImportBatch\" (\"id\", \"sourceName\") VALUES ('gd-batch', 'game-day.csv')");
        database.execute("INSERT INTO \"RawMessage\" (\"id\", \"importBatchId\", \"status\", \"hashKey\", \"text\")"
                + " SELECT '" + RAW_PREFIX + "' || lpad(i::text, 3, '0'), 'gd-batch',"
                + " CASE WHEN i % 5 = 0 THEN 'READY' ELSE 'PROMOTED' END::\"RawStatus\","
                + " 'gd-hash-' || i, 'Game day message ' || i FROM generate_series(1, " + RAW_MESSAGES + ") AS i");
        // Per raw message i: i % 5 = 1 a COMPLETED task and a PENDING one; 2 IN_PROGRESS; 3 ASSISTANCE_REQUIRED
        // and RESOLVED; 4 PENDING without an assignee; 0 none (READY).
        database.execute("INSERT INTO \"Task\" (\"id\", \"taskType\", \"status\", \"assignedToId\", \"rawMessageId\","
                + " \"endTime\", \"updatedAt\")"
                + " SELECT '" + TASK_PREFIX + "' || lpad(i::text, 3, '0') || '-' || k, 'TEXT_CLUB', s::\"TaskStatus\","
                + " CASE WHEN i % 5 = 4 THEN NULL ELSE 'agent-' || lpad((1 + i % 50)::text, 4, '0') END,"
                + " '" + RAW_PREFIX + "' || lpad(i::text, 3, '0'),"
                + " CASE WHEN s = 'COMPLETED' THEN now() AT TIME ZONE 'UTC' - interval '2 days' END,"
                + " now() AT TIME ZONE 'UTC'"
                + " FROM generate_series(1, " + RAW_MESSAGES + ") AS i,"
                + " LATERAL (VALUES (1, CASE i % 5 WHEN 1 THEN 'COMPLETED' WHEN 2 THEN 'IN_PROGRESS'"
                + "   WHEN 3 THEN 'ASSISTANCE_REQUIRED' WHEN 4 THEN 'PENDING' END),"
                + "   (2, CASE i % 5 WHEN 1 THEN 'PENDING' WHEN 3 THEN 'RESOLVED' END)) AS t(k, s)"
                + " WHERE s IS NOT NULL");
        database.execute("INSERT INTO \"Task\" (\"id\", \"taskType\", \"status\", \"assignedToId\", \"endTime\","
                + " \"updatedAt\") SELECT '" + SOLO_PREFIX + "' || lpad(i::text, 2, '0'), 'EMAIL_REQUESTS',"
                + " (ARRAY['PENDING', 'IN_PROGRESS', 'RESOLVED', 'COMPLETED'])[1 + i % 4]::\"TaskStatus\","
                + " 'agent-' || lpad((1 + i % 50)::text, 4, '0'),"
                + " CASE WHEN i % 4 = 3 THEN now() AT TIME ZONE 'UTC' - interval '1 day' END, now() AT TIME ZONE 'UTC'"
                + " FROM generate_series(1, " + SOLO_TASKS + ") AS i");
        insertManagers(database, MANAGER_PREFIX, "%03d", managers);
        insertManagers(database, WRITER_PREFIX, "%05d", writers);
        List<String> raws = new ArrayList<>();
        for (int i = 1; i <= RAW_MESSAGES; i++) {
            raws.add(RAW_PREFIX + String.format("%03d", i));
        }
        return new SpamDesk(raws, writers, managers, clock);
    }

    private static void insertManagers(GameDayDatabase database, String prefix, String format, int count) {
        int digits = Integer.parseInt(format.replaceAll("\\D", ""));
        database.execute("INSERT INTO \"User\" (\"id\", \"email\", \"name\", \"role\", \"updatedAt\")"
                + " SELECT '" + prefix + "' || lpad(i::text, " + digits + ", '0'),"
                + " '" + prefix + "' || lpad(i::text, " + digits + ", '0') || '@taskdesk.example', 'Game day ' || i,"
                + " 'MANAGER', now()"
                + " FROM generate_series(1, " + count + ") AS i");
    }

    /** A manager of the dashboard: who polls it. */
    Bearer manager(int i) {
        return Bearer.manager(MANAGER_PREFIX + String.format("%03d", 1 + i % managers));
    }

    /** A write: a manager never used before, and {@code count} ids of the current window (once in a while an unknown one). */
    Call write(Endpoint endpoint, int count, String source) {
        int writer = nextWriter.incrementAndGet();
        if (writer > writers) {
            throw new IllegalStateException("The game day ran out of writers (" + writers + "): give it more");
        }
        List<String> ids = ids(count);
        String body = ids.stream()
                .map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(
                        ", ",
                        "{\"ids\": [",
                        // the Spam Review page's Restore sends the phrases it matched, which the function ignores
                        endpoint.functionName().equals(Ledger.REVIEW_RESTORE.function())
                                ? "], \"whitelist\": []}"
                                : "]}"));
        return new Call(
                endpoint,
                Map.of(),
                body,
                Bearer.manager(WRITER_PREFIX + String.format("%05d", writer)),
                List.copyOf(ids),
                source);
    }

    private List<String> ids(int count) {
        int offset = (int) ((clock.millis() / WINDOW_STEP_MS) * WINDOW_STEP % raws.size());
        List<String> window = new ArrayList<>();
        for (int i = 0; i < WINDOW; i++) {
            window.add(raws.get((offset + i) % raws.size()));
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> ids = new ArrayList<>();
        while (ids.size() < Math.min(count, WINDOW)) {
            String id = window.get(random.nextInt(window.size()));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        // The bulk button sends a task's id where the row has a task: it stands for its raw message.
        for (int i = 0; i < ids.size(); i++) {
            if (random.nextInt(4) == 0) {
                String raw = ids.get(i);
                int n = Integer.parseInt(raw.substring(RAW_PREFIX.length()));
                if (n % 5 != 0) { // READY ones have no task
                    ids.set(i, TASK_PREFIX + raw.substring(RAW_PREFIX.length()) + "-1");
                }
            }
        }
        if (random.nextInt(6) == 0) {
            int soloWindow = (int) (clock.millis() / WINDOW_STEP_MS % (SOLO_TASKS / 3));
            ids.add(SOLO_PREFIX + String.format("%02d", 1 + soloWindow * 3 + random.nextInt(3)));
        }
        if (random.nextInt(10) == 0) {
            ids.add(RAW_PREFIX + "unknown-" + random.nextInt(1000));
        }
        return ids;
    }

    /** Every task of the desk's raw messages with its status now. */
    static Map<String, String> taskStatuses(Connection connection) throws SQLException {
        return statuses(
                connection,
                "SELECT \"id\", \"status\"::text FROM \"Task\" WHERE \"id\" LIKE '" + TASK_PREFIX
                        + "%' ORDER BY \"id\"");
    }

    /** Every raw message of the desk with its status now. */
    static Map<String, String> rawStatuses(Connection connection) throws SQLException {
        return statuses(
                connection,
                "SELECT \"id\", \"status\"::text FROM \"RawMessage\" WHERE \"id\" LIKE '" + RAW_PREFIX
                        + "%' ORDER BY \"id\"");
    }

    private static Map<String, String> statuses(Connection connection, String sql) throws SQLException {
        Map<String, String> statuses = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        }
        return statuses;
    }

    /** The raw message a task of the desk belongs to: gd-task-007-2 -> gd-raw-007; none for gd-task-solo-03. */
    static String rawOf(String taskId) {
        if (!taskId.startsWith(TASK_PREFIX) || taskId.startsWith(SOLO_PREFIX)) {
            return null;
        }
        return RAW_PREFIX + taskId.substring(TASK_PREFIX.length(), taskId.lastIndexOf('-'));
    }

    /**
     * Whether a write of these ids may move this task (revision 2): its own id, its raw message's,
     * or the id of another task of that raw message (which stands for the raw message).
     */
    static boolean named(String taskId, List<String> ids) {
        String raw = rawOf(taskId);
        return ids.contains(taskId)
                || (raw != null && (ids.contains(raw) || ids.stream().anyMatch(id -> raw.equals(rawOf(id)))));
    }
}
