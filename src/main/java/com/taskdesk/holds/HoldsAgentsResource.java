package com.taskdesk.holds;

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
import java.util.Arrays;
import java.util.List;

/** GET /api/holds/agents: the active Holds specialists with their open Holds tasks, in one statement. */
@LambdaFunction(
        name = "holds-agents",
        reads = {Table.USER, Table.TASK})
@Path("/api/holds/agents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class HoldsAgentsResource {

    /**
     * Agents and manager-agents, active, with HOLDS among their "agentTypes" (NULL never qualifies),
     * by name in the database's collation, NULLs last, then id (the app has no tie-breaker). Open =
     * PENDING, IN_PROGRESS, ASSISTANCE_REQUIRED (not RESOLVED); counted per agent on Task("assignedToId").
     */
    public static final String SQL = """
            SELECT u."id", u."email", u."name", u."isLive", u."lastSeen", u."agentTypes",
                   (SELECT count(*) FROM "Task" t
                     WHERE t."assignedToId" = u."id" AND t."taskType" = 'HOLDS'
                       AND t."status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED')) AS holds_count
            FROM "User" u
            WHERE u."role" IN ('AGENT', 'MANAGER_AGENT')
              AND u."isActive"
              AND 'HOLDS' = ANY (u."agentTypes")
            ORDER BY u."name" ASC NULLS LAST, u."id"
            """;

    private final Database database;

    HoldsAgentsResource(Database database) {
        this.database = database;
    }

    @GET
    public HoldsAgentsResponse agents() {
        return new HoldsAgentsResponse(true, database.query(SQL, rows -> {
            List<HoldsAgent> agents = new ArrayList<>();
            while (rows.next()) {
                agents.add(new HoldsAgent(
                        rows.getString("id"),
                        rows.getString("email"),
                        rows.getString("name"),
                        rows.getBoolean("isLive"),
                        Timestamps.isoUtc(rows, "lastSeen"),
                        Arrays.asList((String[]) rows.getArray("agentTypes").getArray()),
                        rows.getLong("holds_count")));
            }
            return agents;
        }));
    }
}
