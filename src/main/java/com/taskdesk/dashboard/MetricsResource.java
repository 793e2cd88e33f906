package com.taskdesk.dashboard;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.db.Database;
import com.taskdesk.db.DayWindow;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import com.taskdesk.http.ReadThrough;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;

/**
 * GET /api/manager/dashboard/metrics: the Text Club counts in one statement, or from this
 * instance's memory for {@code taskdesk.metrics.cache-seconds} (then no statement at all).
 */
@Singleton
@LambdaFunction(
        name = "metrics",
        reads = {Table.TASK, Table.RAW_MESSAGE})
@Path("/api/manager/dashboard/metrics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class MetricsResource {

    /**
     * Parameters: today's start and end in UTC. Completed today includes the tasks an agent sent back
     * today (PENDING again, with "sentBackBy" and "endTime"). In spam review: the tasks in SPAM_REVIEW
     * but those whose raw message was archived (the app's archive moves raw messages only; archived
     * spam is no longer in review). Unassigned PENDING = PENDING - assigned PENDING, two counts of one
     * snapshot. Each count is read from an index alone (V3, V5); each status total is its own range of
     * ("taskType", "status"), so the Text Club tasks of no total (spam review, the others) are never read
     * (cheaper than one pass counting FILTERs: docs/benchmarks.md).
     */
    public static final String SQL = """
            SELECT (SELECT count(*) FROM "RawMessage" WHERE "status" = 'READY') AS pending_raw_messages,
                   (SELECT count(*) FROM "Task"
                     WHERE "taskType" = 'TEXT_CLUB' AND "status" IN ('COMPLETED', 'PENDING')
                       AND "endTime" >= ? AND "endTime" < ?
                       AND ("status" = 'COMPLETED' OR "sentBackBy" IS NOT NULL))         AS completed_today,
                   (SELECT count(*) FROM "Task"
                     WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'PENDING'
                       AND "assignedToId" IS NOT NULL)                                  AS assigned_not_started,
                   (SELECT count(*) FROM "Task" t
                     WHERE t."taskType" = 'TEXT_CLUB' AND t."status" = 'SPAM_REVIEW'
                       AND NOT EXISTS (SELECT 1 FROM "RawMessage" r
                                       WHERE r."id" = t."rawMessageId" AND r."status" = 'SPAM_ARCHIVED'))
                                                                                        AS spam_review,
                   (SELECT count(*) FROM "Task"
                     WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'PENDING')             AS pending_tasks,
                   (SELECT count(*) FROM "Task"
                     WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'COMPLETED')           AS total_completed,
                   (SELECT count(*) FROM "Task"
                     WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'IN_PROGRESS')         AS in_progress,
                   (SELECT count(*) FROM "Task"
                     WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'ASSISTANCE_REQUIRED') AS assistance_required
            """;

    private final Database database;
    private final Clock clock;
    private final DeskConfig config;
    private final ReadThrough<Metrics> cache;

    MetricsResource(Database database, Clock clock, DeskConfig config) {
        this.database = database;
        this.clock = clock;
        this.config = config;
        this.cache =
                new ReadThrough<>(clock, Duration.ofSeconds(config.metrics().cacheSeconds()));
    }

    @GET
    public Response metrics() {
        return cache.answer(this::read, metrics -> new MetricsResponse(true, metrics));
    }

    private Metrics read() {
        DayWindow today = DayWindow.today(clock, config.today().timeZone());
        return database.query(
                SQL,
                statement -> {
                    statement.setObject(1, today.startUtc());
                    statement.setObject(2, today.endUtc());
                },
                rows -> {
                    rows.next();
                    long assignedNotStarted = rows.getLong("assigned_not_started");
                    return Metrics.of(
                            rows.getLong("pending_raw_messages"),
                            rows.getLong("pending_tasks") - assignedNotStarted,
                            assignedNotStarted,
                            rows.getLong("spam_review"),
                            rows.getLong("completed_today"),
                            rows.getLong("total_completed"),
                            rows.getLong("in_progress"),
                            rows.getLong("assistance_required"));
                });
    }
}
