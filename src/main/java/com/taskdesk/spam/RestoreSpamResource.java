package com.taskdesk.spam;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.taskdesk.db.Database;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * POST /api/manager/spam/restore: the tasks of these raw messages in SPAM_REVIEW go back to
 * PENDING (assignee kept, history written); the raw messages in SPAM_REVIEW go back to
 * PROMOTED when one of their tasks came back (so the owning app does not promote them
 * again), else to READY. One statement: all of it or none.
 */
@Path("/api/manager/spam/restore")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class RestoreSpamResource {

    /** Parameters: the ids (text[]), the caller's user id. */
    public static final String SQL = """
            WITH ids AS (
                SELECT DISTINCT unnest(?::text[]) AS id
            ), restored_tasks AS (
                UPDATE "Task" t
                SET "status" = 'PENDING', "updatedAt" = now() AT TIME ZONE 'UTC'
                WHERE t."rawMessageId" IN (SELECT id FROM ids) AND t."status" = 'SPAM_REVIEW'
                RETURNING t."id", t."rawMessageId"
            ), restored_raws AS (
                UPDATE "RawMessage" r
                SET "status" = CASE WHEN EXISTS (SELECT 1 FROM restored_tasks rt WHERE rt."rawMessageId" = r."id")
                                    THEN 'PROMOTED' ELSE 'READY' END::"RawStatus"
                FROM ids
                WHERE r."id" = ids.id AND r."status" = 'SPAM_REVIEW'
                RETURNING r."id"
            ), history AS (
                INSERT INTO "TaskHistory" ("id", "taskId", "actorId", "action", "prevStatus", "newStatus", "note", "createdAt")
                SELECT gen_random_uuid()::text, rt."id", ?, 'RESTORED_FROM_SPAM', 'SPAM_REVIEW', 'PENDING',
                       'Restored from spam review with its raw message', now() AT TIME ZONE 'UTC'
                FROM restored_tasks rt
            )
            SELECT (SELECT count(*) FROM restored_raws)  AS restored,
                   (SELECT count(*) FROM restored_tasks) AS tasks_restored
            """;

    public record RestoreResult(boolean success, long restored, long tasksRestored) {
    }

    private final Database database;
    private final JsonWebToken caller;

    RestoreSpamResource(Database database, JsonWebToken caller) {
        this.database = database;
        this.caller = caller;
    }

    @POST
    public RestoreResult restore(String body) {
        return database.query(SQL, SpamRequest.of(body, caller), rows -> {
            rows.next();
            return new RestoreResult(true, rows.getLong("restored"), rows.getLong("tasks_restored"));
        });
    }
}
