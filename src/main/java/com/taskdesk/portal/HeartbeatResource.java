package com.taskdesk.portal;

import com.taskdesk.db.Database;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import com.taskdesk.http.RefusedException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * POST /api/manager/users/heartbeat: the agent portal says it is open (every 30 s), and the caller's
 * "User" row gets "lastSeen" = now (contract revision 3, §3.5). The exception to /api/manager's
 * manager-only rule: any staff token, for its own address only. One UPDATE; no task changes, so no
 * history row. An address with no row (deleted, or stored with capitals) still answers success, as
 * the app does (the page ignores the answer), with a warning in the log.
 */
@LambdaFunction(
        name = "heartbeat",
        reads = Table.USER,
        updates = Table.USER,
        sampleBody = "{\"email\": \"manager-1@taskdesk.example\"}")
@Path("/api/manager/users/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated // staff only, checked below with the app's own 403 text
public class HeartbeatResource {

    /**
     * Parameters: now (UTC) twice, the address. Prisma's updateMany sets the {@code @updatedAt} column
     * too. The address is unique: 0 or 1 row.
     */
    public static final String SQL = """
            UPDATE "User" SET "lastSeen" = ?, "updatedAt" = ?
            WHERE "email" = ?
            RETURNING "id"
            """;

    private static final Logger LOG = Logger.getLogger(HeartbeatResource.class);

    record Heartbeat(boolean success) {}

    private final Database database;
    private final JsonWebToken caller;
    private final Clock clock;

    HeartbeatResource(Database database, JsonWebToken caller, Clock clock) {
        this.database = database;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    public Heartbeat heartbeat(String body) {
        Caller staff = Caller.of(caller);
        if (!staff.isAgent() && !staff.isManager()) {
            throw RefusedException.forbidden("Forbidden: staff access required");
        }
        String email = HeartbeatEmail.of(body);
        if (staff.email().isEmpty() || !email.equals(staff.email())) {
            throw RefusedException.forbidden(TargetEmail.FORBIDDEN);
        }
        LocalDateTime now =
                LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        boolean matched = database.query(
                SQL,
                statement -> {
                    statement.setObject(1, now);
                    statement.setObject(2, now);
                    statement.setString(3, email);
                },
                rows -> rows.next());
        if (!matched) {
            LOG.warnf(
                    "Heartbeat of user %s matched no \"User\" row by its token's address (deleted, or stored with"
                            + " capitals): nothing was recorded",
                    caller.getSubject());
        }
        return new Heartbeat(true);
    }
}
