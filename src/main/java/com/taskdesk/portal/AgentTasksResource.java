package com.taskdesk.portal;

import com.taskdesk.db.Database;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import com.taskdesk.http.ResultCap;
import com.taskdesk.js.JsText;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * GET /api/agent/tasks: the agent portal's task list, polled every 5 s by every open portal. An
 * agent's own open tasks, or with {@code ?email=} a manager's look at anyone's (contract revision 3,
 * §3.1), in one statement that also finds the target user (404) and sees them paused (403).
 */
@LambdaFunction(
        name = "agent-tasks",
        reads = {Table.USER, Table.TASK, Table.RAW_MESSAGE},
        sampleQuery = "email=manager-1@taskdesk.example&order=asc")
@Path("/api/agent/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated // any valid token: whose list it may read is the table of TargetEmail
public class AgentTasksResource {

    /**
     * Parameters: the target's email, newest first (boolean), the row limit. One row per task, or one
     * row without a task (no open task, or a paused target), or none (no such user). The order is the
     * contract's, so the limit cuts it where the answer does: by "createdAt" (asked direction), then
     * id; the HOLDS tasks keep the places they take in that order but fill them by queue priority
     * (exact "holdsStatus" names, others last; then the same order): the app's comparator is no
     * consistent order once HOLDS and other tasks mix, and this is identical to it wherever it is.
     */
    public static final String SQL = """
            WITH target AS (
                SELECT "id", "isActive" FROM "User" WHERE "email" = ?
            ), open_tasks AS (
                SELECT t."id", t."taskType", t."holdsStatus",
                       row_number() OVER (ORDER BY CASE WHEN CAST(? AS boolean) THEN t."createdAt" END DESC,
                                                   t."createdAt", t."id") AS by_time
                FROM target u
                JOIN "Task" t ON t."assignedToId" = u."id"
                WHERE u."isActive"
                  AND t."status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED', 'RESOLVED')
            ), holds_places AS (
                SELECT by_time, row_number() OVER (ORDER BY by_time) AS nth
                FROM open_tasks
                WHERE "taskType" = 'HOLDS'
            ), holds_by_queue AS (
                SELECT "id", row_number() OVER (ORDER BY CASE "holdsStatus"
                                                             WHEN 'Escalated Call 4+ Day' THEN 1
                                                             WHEN 'Customer Contact' THEN 2
                                                             WHEN 'Agent Research' THEN 3
                                                             WHEN 'Duplicates' THEN 4
                                                             WHEN 'Completed' THEN 5
                                                             ELSE 999 END,
                                                         by_time) AS nth
                FROM open_tasks
                WHERE "taskType" = 'HOLDS'
            ), ordered AS (
                SELECT o."id", COALESCE(p.by_time, o.by_time) AS place
                FROM open_tasks o
                LEFT JOIN holds_by_queue q ON q."id" = o."id"
                LEFT JOIN holds_places p ON p.nth = q.nth
            ), page AS ( -- the cap before the wide columns: only the rows answered read them
                SELECT "id", place FROM ordered ORDER BY place LIMIT ?
            )
            SELECT u."isActive" AS target_active,
                   t."id", t."status", t."taskType", t."assignedToId", t."brand", t."phone", t."text",
                   t."startTime", t."endTime", t."durationSec", t."disposition", t."assistanceNotes",
                   t."managerResponse", t."assistancePausedDurationSec", t."assistanceRequestedAt",
                   t."createdAt", t."updatedAt",
                   t."holdsOrderDate", t."holdsOrderNumber", t."holdsCustomerEmail", t."holdsPriority",
                   t."holdsDaysInSystem", t."holdsStatus", t."holdsNotes", t."holdsQueueHistory",
                   t."wodIvcsSource", t."documentNumber", t."warehouseEdgeStatus", t."webOrder", t."customerName",
                   t."shippingCountry", t."shippingState", t."amount", t."webOrderDifference", t."webOrderSubtotal",
                   t."webOrderTotal", t."nsVsWebDiscrepancy", t."netSuiteTotal", t."webTotal", t."webVsNsDifference",
                   t."purchaseDate",
                   t."emailRequestFor", t."details", t."salesforceCaseNumber", t."customerNameNumber",
                   t."salesOrderId", t."verifiedRefund", t."paymentMethod", t."refundReason", t."productSku",
                   t."timestamp", t."completionTime", t."quantity", t."amountToBeRefunded", t."refundAmount",
                   t."yotpoDateSubmitted", t."yotpoOrderDate", t."yotpoReviewDate", t."yotpoPrOrYotpo",
                   t."yotpoCustomerName", t."yotpoEmail", t."yotpoProduct", t."yotpoIssueTopic", t."yotpoReview",
                   t."yotpoSfOrderLink",
                   r."brand" AS raw_brand, r."phone" AS raw_phone, r."text" AS raw_text
            FROM target u
            LEFT JOIN page o ON true
            LEFT JOIN "Task" t ON t."id" = o."id"
            LEFT JOIN "RawMessage" r ON r."id" = t."rawMessageId"
            ORDER BY o.place
            """;

    record AgentTasks(boolean success, List<AgentTask> tasks) {}

    private final Database database;
    private final JsonWebToken caller;
    private final Clock clock;
    private final ResultCap cap;

    AgentTasksResource(Database database, JsonWebToken caller, Clock clock, ResultCap cap) {
        this.database = database;
        this.caller = caller;
        this.clock = clock;
        this.cap = cap;
    }

    @GET
    public Response tasks(@QueryParam("email") String email, @QueryParam("order") String order) {
        String target = TargetEmail.forTaskList(Caller.of(caller), email);
        boolean newestFirst = "desc".equals(JsText.lowerCase(order));
        Instant now = clock.instant();
        List<AgentTask> tasks = database.query(
                SQL,
                statement -> {
                    statement.setString(1, target);
                    statement.setBoolean(2, newestFirst);
                    statement.setInt(3, cap.limit());
                },
                rows -> TargetRows.entries(rows, row -> AgentTask.read(row, now)));
        return cap.ok(tasks, first -> new AgentTasks(true, first));
    }
}
