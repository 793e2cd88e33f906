package com.taskdesk.health;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.db.Database;
import com.taskdesk.db.DatabaseUnavailableException;
import com.taskdesk.db.PoolFigures;
import com.taskdesk.function.LambdaFunction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * GET /api/health: liveness and the pool of the instance that answers. Opens no
 * connection unless asked with {@code ?check=database}. Open to all; shows no secret.
 */
@LambdaFunction(name = "health", sampleQuery = "check=database")
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    public static final String SQL = "SELECT 1";

    public record Health(boolean success, String status, String function, PoolFigures pool, String database) {}

    private final Database database;
    private final PoolFigures.Source pool;
    private final DeskConfig config;

    HealthResource(Database database, PoolFigures.Source pool, DeskConfig config) {
        this.database = database;
        this.pool = pool;
        this.config = config;
    }

    @GET
    public Response health(@QueryParam("check") String check) {
        if (!"database".equals(check)) {
            return Response.ok(new Health(
                            true, "UP", config.functionName(), pool.now(), "not checked (ask with ?check=database)"))
                    .build();
        }
        try {
            database.query(SQL, rows -> rows.next());
            return Response.ok(new Health(true, "UP", config.functionName(), pool.now(), "UP"))
                    .build();
        } catch (DatabaseUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", config.db().retryAfterSeconds())
                    .entity(new Health(false, "DOWN", config.functionName(), pool.now(), "DOWN: " + e.getMessage()))
                    .build();
        }
    }
}
