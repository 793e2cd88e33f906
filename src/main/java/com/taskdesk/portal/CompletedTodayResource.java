package com.taskdesk.portal;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.db.Database;
import com.taskdesk.db.DayWindow;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import com.taskdesk.http.BadRequestException;
import com.taskdesk.js.JsText;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * GET /api/agent/completed-today: an agent's completed work of one reporting day (the portal's
 * completed column, every 30 s; contract revision 3, §3.2): the tasks they completed, HOLDS aside,
 * and their productive Holds work sessions, newest first, in one statement that also finds the
 * target user (404) and sees them paused (403).
 */
@LambdaFunction(
        name = "completed-today",
        reads = {Table.USER, Table.TASK, Table.RAW_MESSAGE, Table.TASK_WORK_SESSION},
        sampleQuery = "email=manager-1@taskdesk.example&date=2026-05-20")
@Path("/api/agent/completed-today")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated // any valid token: whose list it may read is the table of TargetEmail
public class CompletedTodayResource {

    /**
     * Parameters: the target's email; the day's start and end in UTC, for the tasks, then for the
     * sessions. A task counts once whether the target is its assignee, its completer or both. One row
     * per entry, or one without (nothing that day, or a paused target), or none (no such user). Ties
     * of end time: tasks before sessions (the app's stable sort of tasks then sessions), then the id
     * the answer shows.
     */
    public static final String SQL = """
            WITH target AS (
                SELECT "id", "isActive" FROM "User" WHERE "email" = ?
            ), completed AS (
                SELECT t."id" AS task_id, NULL AS session_id, t."endTime" AS ended_at
                FROM target u
                JOIN "Task" t ON t."assignedToId" = u."id" OR t."completedBy" = u."id"
                WHERE u."isActive" AND t."status" = 'COMPLETED' AND t."taskType" <> 'HOLDS'
                  AND t."endTime" >= ? AND t."endTime" < ?
                UNION ALL
                SELECT s."taskId", s."id", s."endedAt"
                FROM target u
                JOIN "TaskWorkSession" s ON s."agentId" = u."id"
                WHERE u."isActive" AND s."taskType" = 'HOLDS' AND s."countsTowardProductivity"
                  AND s."endedAt" >= ? AND s."endedAt" < ?
            )
            SELECT u."isActive" AS target_active, c.session_id,
                   t."id", t."status", t."taskType", t."assignedToId", t."brand", t."phone", t."text",
                   t."startTime", t."endTime", t."durationSec", t."disposition", t."createdAt", t."updatedAt",
                   t."holdsStatus", t."holdsOrderNumber", t."holdsCustomerEmail", t."customerName",
                   s."startedAt", s."endedAt", s."durationSec" AS session_duration_sec,
                   s."disposition" AS session_disposition, s."fromQueue", s."toQueue", s."outcomeType",
                   s."isFinalResolution",
                   r."brand" AS raw_brand, r."phone" AS raw_phone, r."text" AS raw_text
            FROM target u
            LEFT JOIN completed c ON true
            LEFT JOIN "Task" t ON t."id" = c.task_id
            LEFT JOIN "TaskWorkSession" s ON s."id" = c.session_id
            LEFT JOIN "RawMessage" r ON r."id" = t."rawMessageId"
            ORDER BY c.ended_at DESC, c.session_id IS NOT NULL,
                     CASE WHEN c.session_id IS NULL THEN c.task_id ELSE 'session:' || c.session_id END
            """;

    /** A calendar date as the page sends it: a 4-digit year, 1- or 2-digit month and day, ASCII digits. */
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

    record CompletedToday(boolean success, List<CompletedWork> tasks) {}

    private final Database database;
    private final JsonWebToken caller;
    private final Clock clock;
    private final ZoneId zone;

    CompletedTodayResource(Database database, JsonWebToken caller, Clock clock, DeskConfig config) {
        this.database = database;
        this.caller = caller;
        this.clock = clock;
        this.zone = config.today().timeZone();
    }

    @GET
    public CompletedToday completed(@QueryParam("email") String email, @QueryParam("date") String date) {
        String target = TargetEmail.forCompletedList(Caller.of(caller), email);
        DayWindow day = reportingDay(date);
        return new CompletedToday(
                true,
                database.query(
                        SQL,
                        statement -> {
                            statement.setString(1, target);
                            statement.setObject(2, day.startUtc());
                            statement.setObject(3, day.endUtc());
                            statement.setObject(4, day.startUtc());
                            statement.setObject(5, day.endUtc());
                        },
                        rows -> TargetRows.entries(rows, CompletedWork::read)));
    }

    /**
     * The day {@code ?date=} names in the configured zone, or today's when it names none; checked
     * before any statement (the app checks it after the user lookup, and rolls 2026-02-30 over to
     * 2 March: a date that is no calendar date is a 400 here).
     */
    private DayWindow reportingDay(String date) {
        String trimmed = JsText.trim(date);
        if (trimmed == null || trimmed.isEmpty()) {
            return DayWindow.today(clock, zone);
        }
        Matcher parts = DATE.matcher(trimmed);
        try {
            if (parts.matches()) {
                return DayWindow.of(
                        LocalDate.of(
                                Integer.parseInt(parts.group(1)),
                                Integer.parseInt(parts.group(2)),
                                Integer.parseInt(parts.group(3))),
                        zone);
            }
        } catch (DateTimeException e) {
            // not a calendar date: refused below
        }
        throw new BadRequestException("Invalid date format. Use YYYY-MM-DD");
    }
}
