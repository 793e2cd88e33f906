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
 * POST /api/manager/spam/restore: the tasks of these raw messages in SPAM_REVIEW go back to
 * PENDING (assignee kept, history written); the raw messages in SPAM_REVIEW go back to
 * PROMOTED when any task references them (so the owning app does not promote them again and
 * create a duplicate task), else to READY. One statement: all of it or none. A caller who is
 * no longer an active manager in "User" gets 403 and changes nothing.
 */
@LambdaFunction(
        name = "spam-restore",
        reads = {Table.USER, Table.TASK, Table.RAW_MESSAGE},
        updates = {Table.TASK, Table.RAW_MESSAGE},
        inserts = Table.TASK_HISTORY,
        sampleBody = "{\"ids\": [\"raw-0000003\"]}")
@Path("/api/manager/spam/restore")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class RestoreSpamResource {

    /**
     * Parameters: the caller's user id, the ids (text[]); the caller is checked as in
     * {@link MarkSpamResource#SQL}. A raw message goes back to PROMOTED when any task references
     * it, whatever that task's status (it was promoted once), else to READY.
     */
    public static final String SQL = """
            WITH caller AS (
                SELECT "id" FROM "User"
                WHERE "id" = ? AND "isActive" AND "role" IN ('MANAGER', 'MANAGER_AGENT')
            ), ids AS (
                SELECT DISTINCT unnest(?::text[]) AS id FROM caller
            ), restored_tasks AS (
                UPDATE "Task" t
                SET "status" = 'PENDING', "updatedAt" = now() AT TIME ZONE 'UTC'
                WHERE t."rawMessageId" IN (SELECT id FROM ids) AND t."status" = 'SPAM_REVIEW'
                RETURNING t."id"
            ), restored_raws AS (
                UPDATE "RawMessage" r
                SET "status" = CASE WHEN EXISTS (SELECT 1 FROM "Task" t WHERE t."rawMessageId" = r."id")
                                    THEN 'PROMOTED' ELSE 'READY' END::"RawStatus"
                FROM ids
                WHERE r."id" = ids.id AND r."status" = 'SPAM_REVIEW'
                RETURNING r."id"
            ), history AS (
                INSERT INTO "TaskHistory" ("id", "taskId", "actorId", "action", "prevStatus", "newStatus", "note", "createdAt")
                SELECT gen_random_uuid()::text, rt."id", caller."id", 'RESTORED_FROM_SPAM', 'SPAM_REVIEW', 'PENDING',
                       'Restored from spam review with its raw message', now() AT TIME ZONE 'UTC'
                FROM restored_tasks rt CROSS JOIN caller
            )
            SELECT EXISTS (SELECT 1 FROM caller)     AS caller_may_write,
                   (SELECT count(*) FROM restored_raws)  AS restored,
                   (SELECT count(*) FROM restored_tasks) AS tasks_restored
            """;

    public record RestoreResult(boolean success, long restored, long tasksRestored) {}

    private final Database database;
    private final JsonWebToken caller;

    RestoreSpamResource(Database database, JsonWebToken caller) {
        this.database = database;
        this.caller = caller;
    }

    @POST
    public RestoreResult restore(String body) {
        return SpamRequest.of(body, caller)
                .write(
                        database,
                        SQL,
                        rows -> new RestoreResult(true, rows.getLong("restored"), rows.getLong("tasks_restored")));
    }
}
