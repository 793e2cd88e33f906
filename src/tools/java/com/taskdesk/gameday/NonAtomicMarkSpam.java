package com.taskdesk.gameday;

import com.taskdesk.db.Database;
import com.taskdesk.http.StaleManagerTokenException;
import com.taskdesk.spam.MarkSpamResource.MarkSpamResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately broken mark-spam for {@code -Dgameday.broken=non-atomic-mark-spam}: the same move
 * as the function's, but as the original app made it, one statement after another, each its own
 * transaction (the caller checked, then the raw messages moved, then their tasks, then the history
 * written), on the function's own Database. A failure between two of them leaves the move half
 * done; the game day must catch that.
 */
final class NonAtomicMarkSpam implements FunctionInstance.Handler {

    static final String VARIANT = "non-atomic-mark-spam";

    private static final String CALLER = """
            SELECT EXISTS (SELECT 1 FROM "User" WHERE "id" = ? AND "isActive" AND "role" IN ('MANAGER', 'MANAGER_AGENT'))
            """;
    private static final String RAWS = """
            UPDATE "RawMessage" SET "status" = 'SPAM_REVIEW'
            WHERE "id" = ANY(?::text[]) AND "status" IN ('READY', 'PROMOTED')
            RETURNING "id"
            """;
    private static final String TASKS = """
            WITH before AS (
                SELECT "id", "status" FROM "Task"
                WHERE "rawMessageId" = ANY(?::text[])
                  AND "status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED', 'RESOLVED')
                FOR UPDATE
            )
            UPDATE "Task" t SET "status" = 'SPAM_REVIEW', "updatedAt" = now() AT TIME ZONE 'UTC'
            FROM before b WHERE t."id" = b."id"
            RETURNING t."id", b."status"::text
            """;
    /** RETURNING a constant: the function's role may insert history rows, not read them. */
    private static final String HISTORY = """
            WITH written AS (
                INSERT INTO "TaskHistory" ("id", "taskId", "actorId", "action", "prevStatus", "newStatus", "note", "createdAt")
                SELECT gen_random_uuid()::text, m.id, ?, 'MARKED_SPAM', m.prev::"TaskStatus", 'SPAM_REVIEW',
                       'Moved to spam review with its raw message', now() AT TIME ZONE 'UTC'
                FROM unnest(?::text[], ?::text[]) AS m(id, prev)
                RETURNING 1
            )
            SELECT 1 FROM written
            """;

    private final Database database;

    NonAtomicMarkSpam(Database database) {
        this.database = database;
    }

    @Override
    public Object handle(Call call) {
        String caller = call.callerId();
        boolean mayWrite =
                database.query(CALLER, s -> s.setString(1, caller), rows -> rows.next() && rows.getBoolean(1));
        if (!mayWrite) {
            throw new StaleManagerTokenException();
        }
        Object[] ids = call.ids().toArray();
        long raws = database.query(
                RAWS, s -> s.setArray(1, s.getConnection().createArrayOf("text", ids)), NonAtomicMarkSpam::count);
        List<String[]> moved =
                database.query(TASKS, s -> s.setArray(1, s.getConnection().createArrayOf("text", ids)), rows -> {
                    List<String[]> tasks = new ArrayList<>();
                    while (rows.next()) {
                        tasks.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                    return tasks;
                });
        if (!moved.isEmpty()) {
            database.query(
                    HISTORY,
                    s -> {
                        s.setString(1, caller);
                        s.setArray(
                                2,
                                s.getConnection()
                                        .createArrayOf(
                                                "text",
                                                moved.stream().map(t -> t[0]).toArray()));
                        s.setArray(
                                3,
                                s.getConnection()
                                        .createArrayOf(
                                                "text",
                                                moved.stream().map(t -> t[1]).toArray()));
                    },
                    NonAtomicMarkSpam::count);
        }
        return new MarkSpamResult(true, raws, moved.size());
    }

    private static long count(java.sql.ResultSet rows) throws java.sql.SQLException {
        long n = 0;
        while (rows.next()) {
            n++;
        }
        return n;
    }
}
