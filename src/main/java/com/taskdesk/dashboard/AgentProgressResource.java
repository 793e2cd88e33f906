package com.taskdesk.dashboard;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.db.Database;
import com.taskdesk.db.DayWindow;
import com.taskdesk.db.Timestamps;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /api/manager/dashboard/agent-progress: per agent and task type, in one statement. */
@LambdaFunction(
        name = "agent-progress",
        reads = {Table.USER, Table.TASK})
@Path("/api/manager/dashboard/agent-progress")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class AgentProgressResource {

    /**
     * One row per agent and counted type (HOLDS and YOTPO are never counted). Parameters: {@link
     * #parameters}. A task completed today is credited to its assignee and to the agent in
     * "completedBy", once to an agent who is both. Open, completed-today (one aggregate per credited
     * column) and sent-back counts are separate aggregates so each reads its own index alone; last
     * activity is one index probe per agent.
     */
    public static final String SQL = """
            WITH agents AS (
                SELECT "id", "email", "name", "isLive"
                FROM "User"
                WHERE "role" IN ('AGENT', 'MANAGER_AGENT')
            ), open_tasks AS (
                SELECT "assignedToId" AS agent_id, "taskType" AS task_type,
                       count(*)                                      AS assigned,
                       count(*) FILTER (WHERE "status" = 'PENDING')     AS not_started,
                       count(*) FILTER (WHERE "status" = 'IN_PROGRESS') AS in_progress
                FROM "Task"
                WHERE "status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED')
                  AND "assignedToId" IS NOT NULL
                GROUP BY 1, 2
            ), completed_today AS (
                SELECT agent_id, task_type, sum(n) AS n
                FROM (
                    SELECT "assignedToId" AS agent_id, "taskType" AS task_type, count(*) AS n
                    FROM "Task"
                    WHERE "status" = 'COMPLETED' AND "endTime" >= ? AND "endTime" < ?
                      AND "assignedToId" IS NOT NULL
                    GROUP BY 1, 2
                    UNION ALL
                    SELECT "completedBy", "taskType", count(*)
                    FROM "Task"
                    WHERE "status" = 'COMPLETED' AND "endTime" >= ? AND "endTime" < ?
                      AND "completedBy" IS NOT NULL AND "completedBy" IS DISTINCT FROM "assignedToId"
                    GROUP BY 1, 2
                ) credited
                GROUP BY 1, 2
            ), sent_back_today AS (
                SELECT "sentBackBy" AS agent_id, "taskType" AS task_type, count(*) AS n
                FROM "Task"
                WHERE "status" = 'PENDING' AND "endTime" >= ? AND "endTime" < ?
                  AND "sentBackBy" IS NOT NULL
                GROUP BY 1, 2
            )
            SELECT a."id", a."email", a."name", a."isLive", activity.last_activity,
                   types.task_type::text                            AS task_type,
                   COALESCE(o.assigned, 0)                          AS assigned,
                   COALESCE(o.not_started, 0)                       AS not_started,
                   COALESCE(o.in_progress, 0)                       AS in_progress,
                   COALESCE(c.n, 0) + COALESCE(s.n, 0)              AS completed_today
            FROM agents a
            CROSS JOIN unnest('{TEXT_CLUB,WOD_IVCS,EMAIL_REQUESTS,STANDALONE_REFUNDS}'::"TaskType"[]) AS types(task_type)
            LEFT JOIN open_tasks o      ON o.agent_id = a."id" AND o.task_type = types.task_type
            LEFT JOIN completed_today c ON c.agent_id = a."id" AND c.task_type = types.task_type
            LEFT JOIN sent_back_today s ON s.agent_id = a."id" AND s.task_type = types.task_type
            LEFT JOIN LATERAL (
                SELECT max(t."updatedAt") AS last_activity FROM "Task" t WHERE t."assignedToId" = a."id"
            ) activity ON true
            ORDER BY a."id"
            """;

    /** The statement's parameters: today's start and end in UTC, once for each of its three day ranges. */
    public static Object[] parameters(DayWindow today) {
        return new Object[] {
            today.startUtc(), today.endUtc(), today.startUtc(), today.endUtc(), today.startUtc(), today.endUtc()
        };
    }

    private static final Comparator<AgentProgress> DASHBOARD_ORDER = Comparator.comparingLong(
                    AgentProgress::completedToday)
            .reversed()
            .thenComparing(Comparator.comparingLong(AgentProgress::assigned).reversed())
            .thenComparing(AgentProgress::id);

    private final Database database;
    private final Clock clock;
    private final DeskConfig config;

    AgentProgressResource(Database database, Clock clock, DeskConfig config) {
        this.database = database;
        this.clock = clock;
        this.config = config;
    }

    @GET
    public AgentProgressResponse agentProgress() {
        DayWindow today = DayWindow.today(clock, config.today().timeZone());
        List<AgentProgress> progress = database.query(
                SQL,
                statement -> {
                    Object[] parameters = parameters(today);
                    for (int i = 0; i < parameters.length; i++) {
                        statement.setObject(i + 1, parameters[i]);
                    }
                },
                rows -> {
                    Map<String, AgentProgress.Builder> agents = new LinkedHashMap<>();
                    while (rows.next()) {
                        String id = rows.getString("id");
                        AgentProgress.Builder agent = agents.get(id);
                        if (agent == null) {
                            String name = rows.getString("name");
                            agent = new AgentProgress.Builder(
                                    id,
                                    name == null || name.isEmpty() ? "Unknown" : name,
                                    rows.getString("email"),
                                    rows.getBoolean("isLive"),
                                    Timestamps.isoUtc(rows, "last_activity"));
                            agents.put(id, agent);
                        }
                        agent.add(
                                rows.getString("task_type"),
                                new TypeProgress(
                                        rows.getLong("assigned"),
                                        rows.getLong("not_started"),
                                        rows.getLong("in_progress"),
                                        rows.getLong("completed_today")));
                    }
                    List<AgentProgress> built = new ArrayList<>(agents.size());
                    agents.values().forEach(builder -> built.add(builder.build()));
                    return built;
                });
        progress.sort(DASHBOARD_ORDER);
        return new AgentProgressResponse(true, progress);
    }
}
