package com.taskdesk.spam;

import com.taskdesk.db.Database;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import com.taskdesk.http.BadRequestException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * POST /api/manager/spam/restore: what {@link SpamRestore} says, and the restored raw messages'
 * "previewMatches" become [] (as the owning app does). The app's addToWhitelist + addMatched
 * (create disabled rules from the matched phrases) is refused, as is disablePhrases: rules are
 * changed by /spam/review/restore alone. One statement: all of it or none. A caller who is no
 * longer an active manager in "User" gets 403 and changes nothing.
 */
@LambdaFunction(
        name = "spam-restore",
        reads = {Table.USER, Table.TASK, Table.RAW_MESSAGE},
        updates = {Table.TASK, Table.RAW_MESSAGE},
        inserts = Table.TASK_HISTORY,
        sampleBody = "{\"ids\": [\"raw-0000051\"]}")
@Path("/api/manager/spam/restore")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class RestoreSpamResource {

    /** Parameters: those of {@link SpamRequest#TARGETS}, then true (clear "previewMatches"). */
    public static final String SQL = "WITH " + SpamRequest.TARGETS + SpamRestore.CTES + SpamRestore.ANSWER;

    private final Database database;
    private final JsonWebToken caller;

    RestoreSpamResource(Database database, JsonWebToken caller) {
        this.database = database;
        this.caller = caller;
    }

    @POST
    public RestoreResult restore(String body) {
        SpamRequest request = SpamRequest.of(body, caller);
        if (request.body().flag("addToWhitelist") && request.body().flag("addMatched")) {
            throw new BadRequestException("Adding the matched phrases to the whitelist (addToWhitelist with addMatched)"
                    + " is not done here, so nothing was restored: send the ids without them.");
        }
        if (request.body().flag("disablePhrases")) {
            throw new BadRequestException("disablePhrases is done by /api/manager/spam/review/restore (the Spam Review"
                    + " page's Restore), not here, so nothing was restored: send it there.");
        }
        return request.write(
                database,
                SQL,
                rows -> new RestoreResult(true, rows.getLong("restored"), rows.getLong("tasks_restored"), null),
                true);
    }
}
