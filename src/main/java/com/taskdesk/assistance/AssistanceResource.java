package com.taskdesk.assistance;

import com.taskdesk.db.Database;
import com.taskdesk.db.Timestamps;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import com.taskdesk.http.ResultCap;
import com.taskdesk.js.JsNumber;
import com.taskdesk.js.TaskTexts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /api/manager/assistance: every open assistance request, of all six task types, in one
 * statement and one attempt (the app retried up to 27 statements while the database struggled).
 */
@LambdaFunction(
        name = "assistance",
        reads = {Table.TASK, Table.USER, Table.RAW_MESSAGE})
@Path("/api/manager/assistance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"MANAGER", "MANAGER_AGENT"})
public class AssistanceResource {

    /**
     * Parameter: the row limit (the cap and one more). Requests with notes and an assignee, newest
     * update first, then id (the app leaves ties open); the raw message for the text fallbacks.
     * Served by Task("status", "createdAt"): the open set is small, sorted in memory.
     */
    public static final String SQL = """
            SELECT t."id", t."status", t."taskType", t."brand", t."phone", t."text", t."email",
                   t."assistanceNotes", t."managerResponse", t."createdAt", t."updatedAt",
                   t."wodIvcsSource", t."documentNumber", t."customerName", t."amount",
                   t."webOrderDifference", t."purchaseDate", t."emailRequestFor", t."details",
                   t."salesforceCaseNumber", t."customerNameNumber", t."refundAmount", t."paymentMethod",
                   t."refundReason", t."yotpoDateSubmitted", t."yotpoOrderDate", t."yotpoReviewDate",
                   t."yotpoPrOrYotpo", t."yotpoCustomerName", t."yotpoEmail", t."yotpoProduct",
                   t."yotpoIssueTopic", t."yotpoReview", t."yotpoSfOrderLink", t."yotpoImportSource",
                   t."yotpoSubmittedBy", t."holdsOrderDate", t."holdsOrderNumber", t."holdsCustomerEmail",
                   t."holdsStatus", t."holdsPriority", t."holdsDaysInSystem", t."holdsOrderAmount",
                   t."webOrderSubtotal", t."webOrderTotal", t."nsVsWebDiscrepancy", t."netSuiteTotal",
                   t."webTotal", t."webVsNsDifference", t."amountToBeRefunded",
                   u."name" AS agent_name, u."email" AS agent_email,
                   r."brand" AS raw_brand, r."phone" AS raw_phone, r."text" AS raw_text
            FROM "Task" t
            LEFT JOIN "User" u ON u."id" = t."assignedToId"
            LEFT JOIN "RawMessage" r ON r."id" = t."rawMessageId"
            WHERE t."status" = 'ASSISTANCE_REQUIRED'
              AND t."assistanceNotes" IS NOT NULL
              AND t."assignedToId" IS NOT NULL
            ORDER BY t."updatedAt" DESC, t."id"
            LIMIT ?
            """;

    private static final String UNKNOWN = "Unknown";

    private final Database database;
    private final Clock clock;
    private final ResultCap cap;

    AssistanceResource(Database database, Clock clock, ResultCap cap) {
        this.database = database;
        this.clock = clock;
        this.cap = cap;
    }

    @GET
    public Response requests() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<AssistanceRequest> requests = database.query(SQL, statement -> statement.setInt(1, cap.limit()), rows -> {
            List<AssistanceRequest> read = new ArrayList<>();
            while (rows.next()) {
                read.add(request(rows, now));
            }
            return read;
        });
        return cap.ok(requests, list -> new AssistanceResponse(true, list));
    }

    private static AssistanceRequest request(ResultSet rows, Instant now) throws SQLException {
        String taskType = rows.getString("taskType");
        String agentName = rows.getString("agent_name");
        String agentEmail = rows.getString("agent_email");
        return new AssistanceRequest(
                rows.getString("id"),
                rows.getString("status"),
                taskType,
                TaskTexts.assistance(
                        new TaskTexts(rows.getString("brand"), rows.getString("phone"), rows.getString("text")),
                        new TaskTexts(
                                rows.getString("raw_brand"), rows.getString("raw_phone"), rows.getString("raw_text"))),
                rows.getString("email"),
                agentName == null || agentName.isEmpty() ? UNKNOWN : agentName,
                agentEmail == null ? UNKNOWN : agentEmail,
                rows.getString("assistanceNotes"),
                rows.getString("managerResponse"),
                Timestamps.isoUtc(rows, "createdAt"),
                Timestamps.isoUtc(rows, "updatedAt"),
                OrderAge.of(taskType, rows.getObject("purchaseDate", LocalDateTime.class), now),
                rows.getString("wodIvcsSource"),
                rows.getString("documentNumber"),
                rows.getString("customerName"),
                decimal(rows, "amount"),
                decimal(rows, "webOrderDifference"),
                Timestamps.isoUtc(rows, "purchaseDate"),
                rows.getString("emailRequestFor"),
                rows.getString("details"),
                rows.getString("salesforceCaseNumber"),
                rows.getString("customerNameNumber"),
                decimal(rows, "refundAmount"),
                rows.getString("paymentMethod"),
                rows.getString("refundReason"),
                Timestamps.isoUtc(rows, "yotpoDateSubmitted"),
                Timestamps.isoUtc(rows, "yotpoOrderDate"),
                Timestamps.isoUtc(rows, "yotpoReviewDate"),
                rows.getString("yotpoPrOrYotpo"),
                rows.getString("yotpoCustomerName"),
                rows.getString("yotpoEmail"),
                rows.getString("yotpoProduct"),
                rows.getString("yotpoIssueTopic"),
                rows.getString("yotpoReview"),
                rows.getString("yotpoSfOrderLink"),
                rows.getString("yotpoImportSource"),
                rows.getString("yotpoSubmittedBy"),
                Timestamps.isoUtc(rows, "holdsOrderDate"),
                rows.getString("holdsOrderNumber"),
                rows.getString("holdsCustomerEmail"),
                rows.getString("holdsStatus"),
                rows.getObject("holdsPriority", Integer.class),
                rows.getObject("holdsDaysInSystem", Integer.class),
                decimal(rows, "holdsOrderAmount"),
                decimal(rows, "webOrderSubtotal"),
                decimal(rows, "webOrderTotal"),
                decimal(rows, "nsVsWebDiscrepancy"),
                decimal(rows, "netSuiteTotal"),
                decimal(rows, "webTotal"),
                decimal(rows, "webVsNsDifference"),
                decimal(rows, "amountToBeRefunded"));
    }

    private static JsNumber decimal(ResultSet rows, String column) throws SQLException {
        return JsNumber.of(rows.getBigDecimal(column));
    }
}
