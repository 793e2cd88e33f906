package com.taskdesk.spam;

import com.taskdesk.db.ConstraintViolationException;
import com.taskdesk.db.Database;
import com.taskdesk.http.StaleManagerTokenException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What every spam write takes, in this order: the caller's user id (checked against "User" by the
 * statement itself) and the distinct ids of its body (text[]), then what the write adds.
 */
record SpamRequest(String callerId, SpamBody body) {

    /** "TaskHistory"."actorId" -> "User": the caller each history row names. */
    static final String HISTORY_ACTOR = "TaskHistory_actorId_fkey";

    /**
     * The common-table expressions every spam write starts with (after {@code WITH}), reading
     * parameters 1 (the caller) and 2 (the ids). {@code caller} is the caller while "User" still
     * holds them as an active manager, else no row, and then {@code ids} is empty and nothing moves.
     * An id names a raw message or a task: a task id stands for its raw message when the task has
     * one (as if that raw message's id had been sent), and a task without one for itself. So
     * {@code raw_ids} are the raw messages the request names, and {@code task_ids} the tasks of
     * those raw messages and the raw-less tasks it names: the same ids reach the same rows in
     * mark-spam and in both restores, and whatever mark-spam moved, a restore of those ids brings back.
     */
    static final String TARGETS = """
            caller AS (
                SELECT "id" FROM "User"
                WHERE "id" = ? AND "isActive" AND "role" IN ('MANAGER', 'MANAGER_AGENT')
            ), ids AS (
                SELECT DISTINCT unnest(?::text[]) AS id FROM caller
            ), named_tasks AS (
                SELECT t."id", t."rawMessageId" FROM "Task" t WHERE t."id" IN (SELECT id FROM ids)
            ), raw_ids AS (
                SELECT id FROM ids
                UNION
                SELECT "rawMessageId" FROM named_tasks WHERE "rawMessageId" IS NOT NULL
            ), task_ids AS (
                SELECT t."id" FROM "Task" t WHERE t."rawMessageId" IN (SELECT id FROM raw_ids)
                UNION
                SELECT "id" FROM named_tasks WHERE "rawMessageId" IS NULL
            )""";

    /** @throws com.taskdesk.http.BadRequestException when the body is not a valid ids request */
    static SpamRequest of(String body, JsonWebToken caller) {
        return new SpamRequest(caller.getClaim("userId"), SpamBody.parse(body));
    }

    /**
     * Runs a spam write whose statement begins with {@link #TARGETS} and answers {@code
     * caller_may_write} beside its counts; {@code more} are its parameters after the ids. A caller
     * who is no longer an active manager in "User" changed nothing: 403. So did one removed while
     * the statement ran, after it checked them: the history row's foreign key then refuses the
     * whole statement.
     */
    <T> T write(Database database, String sql, Database.Rows<T> counts, Object... more) {
        try {
            return database.query(sql, statement -> bind(statement, more), rows -> {
                rows.next();
                if (!rows.getBoolean("caller_may_write")) {
                    throw new StaleManagerTokenException();
                }
                return counts.read(rows);
            });
        } catch (ConstraintViolationException e) {
            if (HISTORY_ACTOR.equals(e.constraint())) {
                throw new StaleManagerTokenException();
            }
            throw e;
        }
    }

    private void bind(PreparedStatement statement, Object... more) throws SQLException {
        statement.setString(1, callerId);
        statement.setArray(
                2, statement.getConnection().createArrayOf("text", body.ids().toArray()));
        for (int i = 0; i < more.length; i++) {
            statement.setObject(3 + i, more[i]);
        }
    }
}
