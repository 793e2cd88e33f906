package com.taskdesk.spam;

import com.taskdesk.db.Database;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * POST /api/manager/tasks/mark-spam ("Send to Spam Review"): the raw messages named, directly or
 * by the id of one of their tasks, go from READY or PROMOTED to SPAM_REVIEW, and their open or
 * resolved tasks with them, as do the raw-less tasks named by their own id (assignee kept, history
 * written). One statement, so all of it happens or none; nothing is deleted; repeating it changes
 * nothing more. A caller who is no longer an active manager in "User" gets 403 and changes nothing.
 */
@LambdaFunction(
        name = "mark-spam",
        // every spam write reads "User" to check its caller, and "Task" to tell task ids from raw ones
        reads = {Table.USER, Table.TASK, Table.RAW_MESSAGE},
        updates = {Table.TASK, Table.RAW_MESSAGE},
        inserts = Table.TASK_HISTORY,
        sampleBody = "{\"ids\": [\"raw-0000003\", \"task-0000040\"]}")
@Path("/api/manager/tasks/mark-spam")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class MarkSpamResource {

    /** Parameters: those of {@link SpamRequest#TARGETS}. COMPLETED tasks are never moved. */
    public static final String SQL = "WITH " + SpamRequest.TARGETS + """
            , moved_raws AS (
                UPDATE "RawMessage" r
                SET "status" = 'SPAM_REVIEW'
                WHERE r."id" IN (SELECT id FROM raw_ids) AND r."status" IN ('READY', 'PROMOTED')
                RETURNING r."id"
            ), tasks_before AS (
                SELECT t."id", t."status", t."rawMessageId"
                FROM "Task" t
                WHERE t."id" IN (SELECT "id" FROM task_ids)
                  AND t."status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED', 'RESOLVED')
                FOR UPDATE
            ), moved_tasks AS (
                UPDATE "Task" t
                SET "status" = 'SPAM_REVIEW', "updatedAt" = now() AT TIME ZONE 'UTC'
                FROM tasks_before b
                WHERE t."id" = b."id"
                RETURNING t."id", b."status" AS prev_status, b."rawMessageId" AS raw_message_id
            ), history AS (
                INSERT INTO "TaskHistory" ("id", "taskId", "actorId", "action", "prevStatus", "newStatus", "note", "createdAt")
                SELECT gen_random_uuid()::text, m."id", caller."id", 'MARKED_SPAM', m.prev_status, 'SPAM_REVIEW',
                       CASE WHEN m.raw_message_id IS NULL THEN 'Moved to spam review by its task id'
                            ELSE 'Moved to spam review with its raw message' END,
                       now() AT TIME ZONE 'UTC'
                FROM moved_tasks m CROSS JOIN caller
            )
            SELECT EXISTS (SELECT 1 FROM caller)  AS caller_may_write,
                   (SELECT count(*) FROM moved_raws)  AS raws_updated,
                   (SELECT count(*) FROM moved_tasks) AS tasks_moved
            """;

    public record MarkSpamResult(boolean success, long rawsUpdated, long tasksMoved) {}

    private final Database database;
    private final JsonWebToken caller;

    MarkSpamResource(Database database, JsonWebToken caller) {
        this.database = database;
        this.caller = caller;
    }

    @POST
    public MarkSpamResult markSpam(String body) {
        return SpamRequest.of(body, caller)
                .write(
                        database,
                        SQL,
                        rows -> new MarkSpamResult(true, rows.getLong("raws_updated"), rows.getLong("tasks_moved")));
    }
}
