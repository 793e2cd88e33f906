package com.taskdesk.spam;

import com.taskdesk.db.Database;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /api/manager/spam/counts: raw messages waiting (READY) and in spam review, in one statement. */
@LambdaFunction(name = "spam-counts", reads = Table.RAW_MESSAGE)
@Path("/api/manager/spam/counts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class SpamCountsResource {

    public static final String SQL = """
            SELECT count(*) FILTER (WHERE "status" = 'READY')       AS ready,
                   count(*) FILTER (WHERE "status" = 'SPAM_REVIEW') AS spam_review
            FROM "RawMessage"
            WHERE "status" IN ('READY', 'SPAM_REVIEW')
            """;

    public record SpamCounts(boolean success, long ready, long spamReview) {}

    private final Database database;

    SpamCountsResource(Database database) {
        this.database = database;
    }

    @GET
    public SpamCounts counts() {
        return database.query(SQL, rows -> {
            rows.next();
            return new SpamCounts(true, rows.getLong("ready"), rows.getLong("spam_review"));
        });
    }
}
