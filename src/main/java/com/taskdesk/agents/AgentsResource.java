package com.taskdesk.agents;

import com.taskdesk.db.Database;
import com.taskdesk.db.Timestamps;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GET /api/manager/agents: the agents with the open tasks of each type, in one statement; with
 * {@code ?filter=<task type>} only the active agents who may take that type (assign pages ask so).
 */
@LambdaFunction(
        name = "agents",
        reads = {Table.USER, Table.TASK},
        sampleQuery = "filter=HOLDS&_=1795705200000")
@Path("/api/manager/agents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class AgentsResource {

    /**
     * Parameter: the filter's task type, or NULL for every agent. With one, only active agents whose
     * "agentTypes" holds it; for TEXT_CLUB also those with none (empty or NULL: agents from before
     * specializations). Open = PENDING, IN_PROGRESS, ASSISTANCE_REQUIRED, of any of the six types.
     * The aggregate runs before the join, so each agent's row is built from one index range.
     */
    public static final String SQL = """
            WITH filter AS (
                SELECT CAST(? AS text) AS task_type
            )
            SELECT u."id", u."email", u."name", u."isLive", u."lastSeen", u."rosterTeam",
                   COALESCE(u."agentTypes", '{}')   AS agent_types,
                   COALESCE(o.email_requests, 0) AS email_requests,
                   COALESCE(o.text_club, 0)      AS text_club,
                   COALESCE(o.wod_ivcs, 0)       AS wod_ivcs,
                   COALESCE(o.refunds, 0)        AS refunds,
                   COALESCE(o.yotpo, 0)          AS yotpo,
                   COALESCE(o.holds, 0)          AS holds
            FROM "User" u
            CROSS JOIN filter f
            LEFT JOIN (
                SELECT t."assignedToId" AS agent_id,
                       count(*) FILTER (WHERE t."taskType" = 'EMAIL_REQUESTS')     AS email_requests,
                       count(*) FILTER (WHERE t."taskType" = 'TEXT_CLUB')          AS text_club,
                       count(*) FILTER (WHERE t."taskType" = 'WOD_IVCS')           AS wod_ivcs,
                       count(*) FILTER (WHERE t."taskType" = 'STANDALONE_REFUNDS') AS refunds,
                       count(*) FILTER (WHERE t."taskType" = 'YOTPO')              AS yotpo,
                       count(*) FILTER (WHERE t."taskType" = 'HOLDS')              AS holds
                FROM "Task" t
                WHERE t."status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED')
                  AND t."assignedToId" IS NOT NULL
                GROUP BY t."assignedToId"
            ) o ON o.agent_id = u."id"
            WHERE u."role" IN ('AGENT', 'MANAGER_AGENT')
              AND (f.task_type IS NULL
                   OR u."isActive"
                      AND (u."agentTypes" @> ARRAY[f.task_type]
                           OR f.task_type = 'TEXT_CLUB' AND COALESCE(cardinality(u."agentTypes"), 0) = 0))
            ORDER BY u."createdAt", u."id"
            """;

    private final Database database;

    AgentsResource(Database database) {
        this.database = database;
    }

    @GET
    public AgentsResponse agents(@QueryParam("filter") String filter) {
        String taskType = Specialization.ofFilter(filter).map(Enum::name).orElse(null);
        return new AgentsResponse(true, database.query(SQL, statement -> statement.setString(1, taskType), rows -> {
            List<Agent> agents = new ArrayList<>();
            while (rows.next()) {
                String email = rows.getString("email");
                String name = rows.getString("name");
                long emailRequests = rows.getLong("email_requests");
                long textClub = rows.getLong("text_club");
                long wodIvcs = rows.getLong("wod_ivcs");
                long refunds = rows.getLong("refunds");
                long yotpo = rows.getLong("yotpo");
                long holds = rows.getLong("holds");
                agents.add(new Agent(
                        rows.getString("id"),
                        email,
                        name != null ? name : email,
                        emailRequests + textClub + wodIvcs + refunds + yotpo + holds,
                        emailRequests,
                        textClub,
                        wodIvcs,
                        refunds,
                        yotpo,
                        holds,
                        rows.getBoolean("isLive"),
                        Timestamps.isoUtc(rows, "lastSeen"),
                        Arrays.asList((String[]) rows.getArray("agent_types").getArray()),
                        rows.getString("rosterTeam")));
            }
            return agents;
        }));
    }
}
