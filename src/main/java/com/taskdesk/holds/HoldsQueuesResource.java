package com.taskdesk.holds;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.db.Database;
import com.taskdesk.db.DayWindow;
import com.taskdesk.db.Timestamps;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import com.taskdesk.http.ReadThrough;
import com.taskdesk.js.JsJson;
import com.taskdesk.js.JsNumber;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GET /api/holds/queues: every Holds task by queue, with its aging and work metadata, in one
 * statement; {@code summary=true} the counts alone, in one GROUP BY. The call without parameters
 * (the Holds overview's 30 s poll, the same for every manager) is served from this instance's memory
 * for {@code taskdesk.metrics.cache-seconds}; a call with any parameter is never cached.
 */
@Singleton
@LambdaFunction(
        name = "holds-queues",
        reads = {Table.TASK, Table.USER})
@Path("/api/holds/queues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class HoldsQueuesResource {

    /**
     * Parameter (twice): the queue, or NULL for every Holds task, of every status. One row carries the
     * users a history's mover may name (once, not per task: a join that never matches), then one row
     * per task in the app's order with id as the tie-breaker it lacks.
     */
    public static final String SQL = """
            WITH movers AS (
                SELECT array_agg(u."id" ORDER BY u."createdAt", u."id")   AS mover_ids,
                       array_agg(u."name" ORDER BY u."createdAt", u."id") AS mover_names
                FROM "User" u
                WHERE u."name" <> ''
            ), holds AS (
                SELECT t."id", t."text", t."status", t."holdsStatus", t."holdsOrderNumber",
                       t."holdsCustomerEmail", t."holdsOrderDate", t."holdsPriority", t."holdsDaysInSystem",
                       t."holdsOrderAmount", t."holdsQueueHistory", t."completedBy", t."completedAt",
                       t."createdAt", t."updatedAt",
                       a."id" AS assignee_id, a."name" AS assignee_name, a."email" AS assignee_email,
                       c."id" AS completer_id, c."name" AS completer_name, c."email" AS completer_email
                FROM "Task" t
                LEFT JOIN "User" a ON a."id" = t."assignedToId"
                LEFT JOIN "User" c ON c."id" = t."completedBy"
                WHERE t."taskType" = 'HOLDS'
                  AND (CAST(? AS text) IS NULL OR t."holdsStatus" = ?)
            )
            SELECT *
            FROM movers FULL JOIN holds ON false
            ORDER BY holds."id" IS NOT NULL, holds."holdsOrderDate" ASC NULLS LAST,
                     holds."holdsPriority" DESC NULLS FIRST, holds."createdAt", holds."id"
            """;

    /**
     * summary=true without a filter. Parameters: now − 4 days and now − 3 days (approaching: exactly 3
     * whole days since the order), then the queue (twice) as above.
     */
    public static final String SUMMARY_SQL = """
            SELECT "holdsStatus",
                   count(*) AS total,
                   count(*) FILTER (WHERE "holdsOrderDate" > ? AND "holdsOrderDate" <= ?) AS approaching,
                   count(*) FILTER (WHERE "assignedToId" IS NULL)                          AS unassigned
            FROM "Task"
            WHERE "taskType" = 'HOLDS'
              AND (CAST(? AS text) IS NULL OR "holdsStatus" = ?)
            GROUP BY "holdsStatus"
            """;

    private final Database database;
    private final Clock clock;
    private final DeskConfig config;
    private final ReadThrough<HoldsQueuesResponse> poll;

    HoldsQueuesResource(Database database, Clock clock, DeskConfig config) {
        this.database = database;
        this.clock = clock;
        this.config = config;
        this.poll = new ReadThrough<>(clock, Duration.ofSeconds(config.metrics().cacheSeconds()));
    }

    @GET
    public Response queues(@Context UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        if (query == null || query.isEmpty()) {
            return poll.answer(() -> read(HoldsQueuesQuery.of(uri.getQueryParameters())), answer -> answer);
        }
        return Response.ok(read(HoldsQueuesQuery.of(uri.getQueryParameters()))).build();
    }

    private HoldsQueuesResponse read(HoldsQueuesQuery query) {
        // one instant for every task, in milliseconds as the app's Date
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (query.summary() && query.filter() == null) {
            return new HoldsQueuesResponse(true, QueuesAnswer.ofCounts(counts(query, now)));
        }
        Instant todayStart =
                DayWindow.today(clock, config.today().timeZone()).startUtc().toInstant(ZoneOffset.UTC);
        return new HoldsQueuesResponse(true, QueuesAnswer.of(tasks(query, now), query, todayStart));
    }

    /** The rows, read while the connection is held; the Holds rules run on them after it is back. */
    private record Read(Movers movers, List<HoldsTask.Row> rows) {}

    private List<HoldsTask> tasks(HoldsQueuesQuery query, Instant now) {
        Read read = database.query(
                SQL,
                statement -> {
                    statement.setString(1, query.queue());
                    statement.setString(2, query.queue());
                },
                rows -> {
                    rows.next(); // the movers' row comes first
                    Movers movers = movers(rows);
                    List<HoldsTask.Row> tasks = new ArrayList<>();
                    while (rows.next()) {
                        tasks.add(row(rows));
                    }
                    return new Read(movers, tasks);
                });
        return read.rows().stream()
                .map(row -> HoldsTask.of(row, read.movers(), now))
                .toList();
    }

    private List<QueuesAnswer.StatusCount> counts(HoldsQueuesQuery query, Instant now) {
        return database.query(
                SUMMARY_SQL,
                statement -> {
                    statement.setObject(1, LocalDateTime.ofInstant(now.minus(Duration.ofDays(4)), ZoneOffset.UTC));
                    statement.setObject(2, LocalDateTime.ofInstant(now.minus(Duration.ofDays(3)), ZoneOffset.UTC));
                    statement.setString(3, query.queue());
                    statement.setString(4, query.queue());
                },
                rows -> {
                    List<QueuesAnswer.StatusCount> counts = new ArrayList<>();
                    while (rows.next()) {
                        counts.add(new QueuesAnswer.StatusCount(
                                rows.getString("holdsStatus"),
                                rows.getLong("total"),
                                rows.getLong("approaching"),
                                rows.getLong("unassigned")));
                    }
                    return counts;
                });
    }

    private static Movers movers(ResultSet rows) throws SQLException {
        java.sql.Array ids = rows.getArray("mover_ids");
        if (ids == null) {
            return new Movers(List.of());
        }
        List<String> idList = Arrays.asList((String[]) ids.getArray());
        List<String> names =
                Arrays.asList((String[]) rows.getArray("mover_names").getArray());
        List<Movers.User> users = new ArrayList<>();
        for (int i = 0; i < idList.size(); i++) {
            users.add(new Movers.User(idList.get(i), names.get(i)));
        }
        return new Movers(users);
    }

    private static HoldsTask.Row row(ResultSet rows) throws SQLException {
        SlimTask slim = new SlimTask(
                rows.getString("id"),
                rows.getString("text"),
                rows.getString("status"),
                rows.getString("holdsStatus"),
                rows.getString("holdsOrderNumber"),
                rows.getString("holdsCustomerEmail"),
                Timestamps.isoUtc(rows, "holdsOrderDate"),
                rows.getObject("holdsPriority", Integer.class),
                rows.getObject("holdsDaysInSystem", Integer.class),
                JsNumber.of(rows.getBigDecimal("holdsOrderAmount")),
                JsJson.of(rows.getString("holdsQueueHistory")),
                rows.getString("completedBy"),
                Timestamps.isoUtc(rows, "completedAt"),
                Timestamps.isoUtc(rows, "createdAt"),
                Timestamps.isoUtc(rows, "updatedAt"),
                person(rows, "assignee"),
                person(rows, "completer"));
        return new HoldsTask.Row(
                slim,
                rows.getObject("holdsOrderDate", LocalDateTime.class),
                rows.getObject("completedAt", LocalDateTime.class));
    }

    private static SlimTask.Person person(ResultSet rows, String role) throws SQLException {
        String id = rows.getString(role + "_id");
        return id == null
                ? null
                : new SlimTask.Person(id, rows.getString(role + "_name"), rows.getString(role + "_email"));
    }
}
