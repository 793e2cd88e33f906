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
 * POST /api/manager/spam/review/restore, the Spam Review page's "Restore": what {@link SpamRestore}
 * says, and with {@code "disablePhrases": true}, in the same statement, the enabled spam rules that
 * matched those raw messages are disabled. The page's {@code whitelist} is accepted and ignored, as
 * the owning app ignores it. One statement: all of it or none. A caller who is no longer an active
 * manager in "User" gets 403 and changes nothing.
 */
@LambdaFunction(
        name = "spam-review-restore",
        reads = {Table.USER, Table.TASK, Table.RAW_MESSAGE, Table.SPAM_RULE},
        // the only function that changes "SpamRule"
        updates = {Table.TASK, Table.RAW_MESSAGE, Table.SPAM_RULE},
        inserts = Table.TASK_HISTORY,
        sampleBody =
                "{\"ids\": [\"raw-0000001\"], \"whitelist\": [\"win big\", \"crypto deal\"], \"disablePhrases\": true}")
@Path("/api/manager/spam/review/restore")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class ReviewRestoreResource {

    /**
     * Parameters: those of {@link SpamRequest#TARGETS}, false ("previewMatches" stay), then
     * disablePhrases. A phrase is each string of a named raw message's "previewMatches" (an array
     * of strings, or one string), normalised as the app writes "patternNorm": lower case, runs of
     * whitespace as one space, trimmed. An enabled rule with that "patternNorm" is disabled when it
     * has no brand, or the brand of a raw message it matched.
     */
    public static final String SQL = "WITH " + SpamRequest.TARGETS + SpamRestore.CTES + """
            , phrases AS (
                SELECT DISTINCT r."brand", btrim(regexp_replace(lower(m.phrase #>> '{}'), '\\s+', ' ', 'g')) AS norm
                FROM "RawMessage" r
                CROSS JOIN LATERAL jsonb_array_elements(
                    CASE jsonb_typeof(r."previewMatches")
                        WHEN 'array' THEN r."previewMatches"
                        WHEN 'string' THEN jsonb_build_array(r."previewMatches")
                        ELSE '[]'::jsonb END
                ) AS m(phrase)
                WHERE ?::boolean AND r."id" IN (SELECT id FROM raw_ids) AND jsonb_typeof(m.phrase) = 'string'
            ), disabled_rules AS (
                UPDATE "SpamRule" s
                SET "enabled" = false, "updatedAt" = now() AT TIME ZONE 'UTC'
                WHERE s."enabled"
                  AND EXISTS (SELECT 1 FROM phrases p
                              WHERE p.norm <> '' AND p.norm = s."patternNorm"
                                AND (s."brand" IS NULL OR s."brand" = p."brand"))
                RETURNING s."id"
            )""" + SpamRestore.ANSWER + """
            ,
                   (SELECT count(*) FROM disabled_rules) AS rules_disabled""";

    private final Database database;
    private final JsonWebToken caller;

    ReviewRestoreResource(Database database, JsonWebToken caller) {
        this.database = database;
        this.caller = caller;
    }

    @POST
    public RestoreResult restore(String body) {
        SpamRequest request = SpamRequest.of(body, caller);
        boolean disablePhrases = request.body().flag("disablePhrases");
        return request.write(
                database,
                SQL,
                rows -> new RestoreResult(
                        true,
                        rows.getLong("restored"),
                        rows.getLong("tasks_restored"),
                        disablePhrases ? rows.getLong("rules_disabled") : null),
                false,
                disablePhrases);
    }
}
