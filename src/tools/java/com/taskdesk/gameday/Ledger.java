package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * What every spam write claimed, kept as its answer came, and compared with the database at the
 * end. Revision 2's write rule ("One move, one set of routes"): a move takes the tasks of its raw
 * messages from PENDING, IN_PROGRESS, ASSISTANCE_REQUIRED or RESOLVED to SPAM_REVIEW, a restore
 * takes them from SPAM_REVIEW to PENDING, each task moved gets one history row in the same
 * statement, nothing is deleted, and a raw message with a task is never READY. Each write is sent
 * by a manager of its own, so the history rows that name that manager are that write's.
 */
final class Ledger {

    /** How a write function moves tasks, and which field of its answer counts them. */
    record WriteRule(String function, String action, String tasksClaim, Set<String> from, String to) {}

    static final Set<String> MOVABLE = Set.of("PENDING", "IN_PROGRESS", "ASSISTANCE_REQUIRED", "RESOLVED");
    static final WriteRule MARK_SPAM = new WriteRule("mark-spam", "MARKED_SPAM", "tasksMoved", MOVABLE, "SPAM_REVIEW");
    static final WriteRule RESTORE =
            new WriteRule("spam-restore", "RESTORED_FROM_SPAM", "tasksRestored", Set.of("SPAM_REVIEW"), "PENDING");
    /** Revision 2's Restore button: the same restore, from the Spam Review page. */
    static final WriteRule REVIEW_RESTORE = new WriteRule(
            "spam-review-restore", "RESTORED_FROM_SPAM", "tasksRestored", Set.of("SPAM_REVIEW"), "PENDING");
    /** The rules of the write functions {@link Endpoint#all()} has. */
    static final Map<String, WriteRule> RULES = List.of(MARK_SPAM, RESTORE, REVIEW_RESTORE).stream()
            .filter(rule -> Endpoint.forFunction(rule.function()).isPresent())
            .collect(Collectors.toMap(WriteRule::function, r -> r));

    /** What the check found. */
    record Verdict(
            Map<String, Integer> acknowledged,
            Map<String, Long> tasksClaimed,
            long historyRowsOfAcknowledged,
            int committedThoughNotAcknowledged,
            int tasksChecked,
            int rawsChecked,
            long tasksBefore,
            long tasksAfter,
            long readyWithTask,
            int deskLooks,
            List<String> halfMoves,
            List<String> violations) {

        boolean holds() {
            return violations.isEmpty();
        }
    }

    private record HistoryRow(String taskId, String action, String prev, String next, Timestamp at) {}

    private final ConcurrentLinkedQueue<Outcome> writes = new ConcurrentLinkedQueue<>();
    private Map<String, String> tasksBefore;
    private long taskCountBefore;
    private String taskIdsBefore;

    /** Notes the desk's tasks and every task id before the first write. */
    void opening(Connection connection) throws SQLException {
        tasksBefore = SpamDesk.taskStatuses(connection);
        taskCountBefore = count(connection, "SELECT count(*) FROM \"Task\"");
        taskIdsBefore = text(connection, "SELECT md5(string_agg(\"id\", ',' ORDER BY \"id\")) FROM \"Task\"");
    }

    void record(Outcome write) {
        writes.add(write);
    }

    /** The end: every write's claim against the history, every task and raw message, and what the watch saw meanwhile. */
    Verdict close(Connection connection, DeskWatch watch) throws SQLException {
        List<String> violations = new ArrayList<>();
        List<String> halfMoves = watch.sightings().stream()
                .map(s -> "at " + com.taskdesk.gameday.Verdict.seconds(s.ms()) + " s the desk showed a move half done: "
                        + s.what())
                .toList();
        Map<String, List<HistoryRow>> byActor = history(connection);
        Map<String, String> tasksAfter = SpamDesk.taskStatuses(connection);
        Map<String, String> rawsAfter = SpamDesk.rawStatuses(connection);

        Map<String, Integer> acknowledged = new LinkedHashMap<>();
        Map<String, Long> claimed = new LinkedHashMap<>();
        long matched = 0;
        int committedAnyway = 0;
        Set<String> actors = new HashSet<>();
        for (Outcome write : writes) {
            String actor = write.call().callerId();
            actors.add(actor);
            WriteRule rule = RULES.get(write.function());
            List<HistoryRow> rows = byActor.getOrDefault(actor, List.of());
            String what = write.function() + " by " + actor + " " + write.call().ids();
            if (rule == null) {
                violations.add("no ledger rule for " + write.function() + ": the game day cannot check its writes");
                continue;
            }
            if (write.status() == 200) {
                long tasks = claim(write, rule);
                acknowledged.merge(write.function(), 1, Integer::sum);
                claimed.merge(write.function(), tasks, Long::sum);
                if (rows.size() != tasks) {
                    violations.add(what + " answered 200 with " + rule.tasksClaim() + "=" + tasks + ", but "
                            + rows.size() + " history row(s) name it");
                } else {
                    matched += rows.size();
                }
            } else if (!rows.isEmpty()) {
                committedAnyway++;
            }
            checkRows(what, rule, write.call().ids(), rows, violations);
        }
        byActor.keySet().stream()
                .filter(actor -> !actors.contains(actor))
                .forEach(actor -> violations.add("history rows name " + actor + ", whom no request was sent for"));

        checkTasks(byActor, tasksAfter, violations);
        checkRaws(tasksAfter, rawsAfter, violations);
        long tasksNow = count(connection, "SELECT count(*) FROM \"Task\"");
        if (tasksNow != taskCountBefore
                || !taskIdsBefore.equals(
                        text(connection, "SELECT md5(string_agg(\"id\", ',' ORDER BY \"id\")) FROM \"Task\""))) {
            violations.add("tasks deleted or added: " + taskCountBefore + " before, " + tasksNow + " after");
        }
        long readyWithTask = count(
                connection,
                "SELECT count(*) FROM \"RawMessage\" r WHERE r.\"status\" = 'READY'"
                        + " AND EXISTS (SELECT 1 FROM \"Task\" t WHERE t.\"rawMessageId\" = r.\"id\")");
        if (readyWithTask > 0) {
            violations.add(readyWithTask + " raw message(s) READY while a task references them");
        }
        return new Verdict(
                acknowledged,
                claimed,
                matched,
                committedAnyway,
                tasksAfter.size(),
                rawsAfter.size(),
                taskCountBefore,
                tasksNow,
                readyWithTask,
                watch.looks(),
                halfMoves,
                violations);
    }

    private static long claim(Outcome write, WriteRule rule) {
        Object entity = write.answer().entity();
        try {
            return ((Number) entity.getClass().getMethod(rule.tasksClaim()).invoke(entity)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    write.function() + "'s answer " + entity + " has no " + rule.tasksClaim() + ": update its rule", e);
        }
    }

    /** One write's history rows: its action, statuses, one statement, distinct tasks of the ids it sent. */
    private static void checkRows(
            String what, WriteRule rule, List<String> ids, List<HistoryRow> rows, List<String> violations) {
        Set<String> tasks = new HashSet<>();
        Set<Timestamp> statements = new HashSet<>();
        for (HistoryRow row : rows) {
            statements.add(row.at());
            if (!tasks.add(row.taskId())) {
                violations.add(what + " wrote two history rows for " + row.taskId());
            }
            if (!row.action().equals(rule.action())
                    || !rule.from().contains(row.prev())
                    || !rule.to().equals(row.next())) {
                violations.add(what + " wrote " + row.action() + " " + row.prev() + " -> " + row.next() + " for "
                        + row.taskId() + "; its rule is " + rule.action() + " " + rule.from() + " -> " + rule.to());
            }
            if (!SpamDesk.named(row.taskId(), ids)) {
                violations.add(what + " moved " + row.taskId() + ", which is not a task of the ids it sent");
            }
        }
        if (statements.size() > 1) {
            violations.add(what + "'s history rows come from " + statements.size() + " statements, not one");
        }
    }

    /**
     * Each task of the desk: moves and restores alternate from its first status, the first move
     * starts from that status and every later one from PENDING (where a restore leaves it), and its
     * status now is where its history says it is. A task moved without its history row, or a history
     * row without its move, breaks this.
     */
    private void checkTasks(
            Map<String, List<HistoryRow>> byActor, Map<String, String> tasksAfter, List<String> violations) {
        Map<String, List<HistoryRow>> byTask = new LinkedHashMap<>();
        byActor.values()
                .forEach(rows -> rows.forEach(row -> byTask.computeIfAbsent(row.taskId(), t -> new ArrayList<>())
                        .add(row)));
        for (Map.Entry<String, String> task : tasksBefore.entrySet()) {
            String id = task.getKey();
            String before = task.getValue();
            String after = tasksAfter.get(id);
            List<HistoryRow> rows = byTask.getOrDefault(id, List.of());
            long moves = rows.stream()
                    .filter(r -> r.action().equals(MARK_SPAM.action()))
                    .count();
            long restores = rows.size() - moves;
            long fromFirst = rows.stream()
                    .filter(r ->
                            r.action().equals(MARK_SPAM.action()) && r.prev().equals(before))
                    .count();
            long fromPending = rows.stream()
                    .filter(r ->
                            r.action().equals(MARK_SPAM.action()) && r.prev().equals("PENDING"))
                    .count();
            String expected = moves == restores + 1 ? MARK_SPAM.to() : moves == 0 ? before : RESTORE.to();
            boolean alternates = moves == restores || moves == restores + 1;
            boolean startsRight = moves == 0
                    || (before.equals("PENDING") ? fromFirst == moves : fromFirst == 1 && fromPending == moves - 1);
            if (after == null) {
                violations.add("task " + id + " is gone");
            } else if (!alternates || !startsRight || !expected.equals(after)) {
                violations.add("task " + id + " was " + before + ", is " + after + ", with " + moves + " move(s) and "
                        + restores + " restore(s) in its history");
            }
        }
    }

    /** A raw message of the desk and its open tasks move together; one with a task is never READY. */
    private static void checkRaws(
            Map<String, String> tasksAfter, Map<String, String> rawsAfter, List<String> violations) {
        Map<String, List<String>> openTasks = new LinkedHashMap<>();
        Set<String> withTasks = new HashSet<>();
        tasksAfter.forEach((task, status) -> {
            if (SpamDesk.rawOf(task) == null) {
                return; // a task without a raw message moves by itself
            }
            withTasks.add(SpamDesk.rawOf(task));
            if (!status.equals("COMPLETED")) {
                openTasks
                        .computeIfAbsent(SpamDesk.rawOf(task), r -> new ArrayList<>())
                        .add(status);
            }
        });
        rawsAfter.forEach((raw, status) -> {
            List<String> open = openTasks.getOrDefault(raw, List.of());
            boolean inReview = status.equals("SPAM_REVIEW");
            if (status.equals("READY") && withTasks.contains(raw)) {
                violations.add("raw message " + raw + " is READY with a task");
            } else if (!withTasks.contains(raw) && status.equals("PROMOTED")) {
                violations.add("raw message " + raw + " is PROMOTED without a task");
            } else if (open.stream().anyMatch(s -> s.equals("SPAM_REVIEW") != inReview)) {
                violations.add("raw message " + raw + " is " + status + " but its open tasks are " + open);
            }
        });
    }

    private static Map<String, List<HistoryRow>> history(Connection connection) throws SQLException {
        Map<String, List<HistoryRow>> byActor = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT \"actorId\", \"taskId\", \"action\", \"prevStatus\"::text, \"newStatus\"::text,"
                                + " \"createdAt\" FROM \"TaskHistory\" WHERE \"actorId\" LIKE '"
                                + SpamDesk.WRITER_PREFIX + "%' ORDER BY \"createdAt\", \"id\"");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                byActor.computeIfAbsent(rows.getString(1), a -> new ArrayList<>())
                        .add(new HistoryRow(
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getTimestamp(6)));
            }
        }
        return byActor;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        return Long.parseLong(text(connection, sql));
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
