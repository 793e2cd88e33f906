package com.taskdesk.agents;

import com.taskdesk.db.Database;
import com.taskdesk.db.Timestamps;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** GET /api/manager/agents: every agent with the open tasks of each type, in one statement. */
@LambdaFunction(
        name = "agents",
        reads = {Table.USER, Table.TASK},
        sampleQuery = "_=1795705200000")
@Path("/api/manager/agents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class AgentsResource {

    /**
     * Open = PENDING, IN_PROGRESS, ASSISTANCE_REQUIRED; HOLDS is not counted. The
     * aggregate runs before the join, so each agent's row is built from one index range.
     */
    public static final String SQL = """
            SELECT u."id", u."email", u."name", u."isLive", u."lastSeen",
                   COALESCE(o.email_requests, 0) AS email_requests,
                   COALESCE(o.text_club, 0)      AS text_club,
                   COALESCE(o.wod_ivcs, 0)       AS wod_ivcs,
                   COALESCE(o.refunds, 0)        AS refunds
            FROM "User" u
            LEFT JOIN (
                SELECT t."assignedToId" AS agent_id,
                       count(*) FILTER (WHERE t."taskType" = 'EMAIL_REQUESTS')     AS email_requests,
                       count(*) FILTER (WHERE t."taskType" = 'TEXT_CLUB')          AS text_club,
                       count(*) FILTER (WHERE t."taskType" = 'WOD_IVCS')           AS wod_ivcs,
                       count(*) FILTER (WHERE t."taskType" = 'STANDALONE_REFUNDS') AS refunds
                FROM "Task" t
                WHERE t."status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED')
                  AND t."taskType" <> 'HOLDS'
                  AND t."assignedToId" IS NOT NULL
                GROUP BY t."assignedToId"
            ) o ON o.agent_id = u."id"
            WHERE u."role" IN ('AGENT', 'MANAGER_AGENT')
            ORDER BY u."createdAt", u."id"
            """;

    private final Database database;

    AgentsResource(Database database) {
        this.database = database;
    }

    @GET
    public AgentsResponse agents() {
        return new AgentsResponse(true, database.query(SQL, rows -> {
            List<Agent> agents = new ArrayList<>();
            while (rows.next()) {
                String email = rows.getString("email");
                String name = rows.getString("name");
                long emailRequests = rows.getLong("email_requests");
                long textClub = rows.getLong("text_club");
                long wodIvcs = rows.getLong("wod_ivcs");
                long refunds = rows.getLong("refunds");
                agents.add(new Agent(
                        rows.getString("id"),
                        email,
                        name != null ? name : email,
                        emailRequests + textClub + wodIvcs + refunds,
                        emailRequests,
                        textClub,
                        wodIvcs,
                        refunds,
                        rows.getBoolean("isLive"),
                        Timestamps.isoUtc(rows, "lastSeen")));
            }
            return agents;
        }));
    }
}
