package com.taskdesk.portal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.taskdesk.db.Timestamps;
import com.taskdesk.js.JsNumber;
import com.taskdesk.js.TaskTexts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One task of the agent's list (contract revision 3, §3.1): 65 of its columns, every key always
 * present (null when NULL), brand, phone and text with the agent portal's fallbacks to the raw
 * message, Decimals as numbers, "holdsQueueHistory" as the JSON it holds, and its order's age.
 * The columns come in the groups the app's select has them in, each one flat in the JSON.
 */
record AgentTask(
        String id,
        String status,
        String taskType,
        String assignedToId,
        @JsonUnwrapped TaskTexts texts,
        String startTime,
        String endTime,
        Integer durationSec,
        String disposition,
        String assistanceNotes,
        String managerResponse,
        Integer assistancePausedDurationSec,
        String assistanceRequestedAt,
        String createdAt,
        String updatedAt,
        @JsonUnwrapped Holds holds,
        @JsonUnwrapped WodIvcs wodIvcs,
        @JsonUnwrapped Requests requests,
        @JsonUnwrapped Yotpo yotpo,
        Long orderAgeDays,
        String orderAge) {

    private static final long DAY_MS = 86_400_000L;

    /** The row's task, its order's age reckoned at {@code now}. */
    static AgentTask read(ResultSet rows, Instant now) throws SQLException {
        LocalDateTime purchaseDate = rows.getObject("purchaseDate", LocalDateTime.class);
        // whole 24-hour periods since the purchase, not calendar days; negative for a date to come
        Long orderAgeDays = purchaseDate == null
                ? null
                : Math.floorDiv(
                        Duration.between(purchaseDate.toInstant(ZoneOffset.UTC), now)
                                .toMillis(),
                        DAY_MS);
        return new AgentTask(
                rows.getString("id"),
                rows.getString("status"),
                rows.getString("taskType"),
                rows.getString("assignedToId"),
                TaskTexts.agentPortal(
                        new TaskTexts(rows.getString("brand"), rows.getString("phone"), rows.getString("text")),
                        new TaskTexts(
                                rows.getString("raw_brand"), rows.getString("raw_phone"), rows.getString("raw_text"))),
                Timestamps.isoUtc(rows, "startTime"),
                Timestamps.isoUtc(rows, "endTime"),
                rows.getObject("durationSec", Integer.class),
                rows.getString("disposition"),
                rows.getString("assistanceNotes"),
                rows.getString("managerResponse"),
                rows.getObject("assistancePausedDurationSec", Integer.class),
                Timestamps.isoUtc(rows, "assistanceRequestedAt"),
                Timestamps.isoUtc(rows, "createdAt"),
                Timestamps.isoUtc(rows, "updatedAt"),
                Holds.read(rows),
                WodIvcs.read(rows),
                Requests.read(rows),
                Yotpo.read(rows),
                orderAgeDays,
                orderAgeDays == null
                        ? null
                        : orderAgeDays == 0 ? "Today" : orderAgeDays == 1 ? "1 day old" : orderAgeDays + " days old");
    }

    record Holds(
            String holdsOrderDate,
            String holdsOrderNumber,
            String holdsCustomerEmail,
            Integer holdsPriority,
            Integer holdsDaysInSystem,
            String holdsStatus,
            String holdsNotes,
            @JsonRawValue String holdsQueueHistory) {

        static Holds read(ResultSet rows) throws SQLException {
            return new Holds(
                    Timestamps.isoUtc(rows, "holdsOrderDate"),
                    rows.getString("holdsOrderNumber"),
                    rows.getString("holdsCustomerEmail"),
                    rows.getObject("holdsPriority", Integer.class),
                    rows.getObject("holdsDaysInSystem", Integer.class),
                    rows.getString("holdsStatus"),
                    rows.getString("holdsNotes"),
                    // jsonb's text is JSON; its null and SQL NULL both answer null
                    rows.getString("holdsQueueHistory"));
        }
    }

    record WodIvcs(
            String wodIvcsSource,
            String documentNumber,
            String warehouseEdgeStatus,
            String webOrder,
            String customerName,
            String shippingCountry,
            String shippingState,
            JsNumber amount,
            JsNumber webOrderDifference,
            JsNumber webOrderSubtotal,
            JsNumber webOrderTotal,
            JsNumber nsVsWebDiscrepancy,
            JsNumber netSuiteTotal,
            JsNumber webTotal,
            JsNumber webVsNsDifference,
            String purchaseDate) {

        static WodIvcs read(ResultSet rows) throws SQLException {
            return new WodIvcs(
                    rows.getString("wodIvcsSource"),
                    rows.getString("documentNumber"),
                    rows.getString("warehouseEdgeStatus"),
                    rows.getString("webOrder"),
                    rows.getString("customerName"),
                    rows.getString("shippingCountry"),
                    rows.getString("shippingState"),
                    JsNumber.of(rows.getBigDecimal("amount")),
                    JsNumber.of(rows.getBigDecimal("webOrderDifference")),
                    JsNumber.of(rows.getBigDecimal("webOrderSubtotal")),
                    JsNumber.of(rows.getBigDecimal("webOrderTotal")),
                    JsNumber.of(rows.getBigDecimal("nsVsWebDiscrepancy")),
                    JsNumber.of(rows.getBigDecimal("netSuiteTotal")),
                    JsNumber.of(rows.getBigDecimal("webTotal")),
                    JsNumber.of(rows.getBigDecimal("webVsNsDifference")),
                    Timestamps.isoUtc(rows, "purchaseDate"));
        }
    }

    /** Email requests and standalone refunds (the app's select mixes them). */
    record Requests(
            String emailRequestFor,
            String details,
            String salesforceCaseNumber,
            String customerNameNumber,
            String salesOrderId,
            String verifiedRefund,
            String paymentMethod,
            String refundReason,
            String productSku,
            String timestamp,
            String completionTime,
            Integer quantity,
            JsNumber amountToBeRefunded,
            JsNumber refundAmount) {

        static Requests read(ResultSet rows) throws SQLException {
            return new Requests(
                    rows.getString("emailRequestFor"),
                    rows.getString("details"),
                    rows.getString("salesforceCaseNumber"),
                    rows.getString("customerNameNumber"),
                    rows.getString("salesOrderId"),
                    rows.getString("verifiedRefund"),
                    rows.getString("paymentMethod"),
                    rows.getString("refundReason"),
                    rows.getString("productSku"),
                    Timestamps.isoUtc(rows, "timestamp"),
                    Timestamps.isoUtc(rows, "completionTime"),
                    rows.getObject("quantity", Integer.class),
                    JsNumber.of(rows.getBigDecimal("amountToBeRefunded")),
                    JsNumber.of(rows.getBigDecimal("refundAmount")));
        }
    }

    record Yotpo(
            String yotpoDateSubmitted,
            String yotpoOrderDate,
            String yotpoReviewDate,
            String yotpoPrOrYotpo,
            String yotpoCustomerName,
            String yotpoEmail,
            String yotpoProduct,
            String yotpoIssueTopic,
            String yotpoReview,
            String yotpoSfOrderLink) {

        static Yotpo read(ResultSet rows) throws SQLException {
            return new Yotpo(
                    Timestamps.isoUtc(rows, "yotpoDateSubmitted"),
                    Timestamps.isoUtc(rows, "yotpoOrderDate"),
                    Timestamps.isoUtc(rows, "yotpoReviewDate"),
                    rows.getString("yotpoPrOrYotpo"),
                    rows.getString("yotpoCustomerName"),
                    rows.getString("yotpoEmail"),
                    rows.getString("yotpoProduct"),
                    rows.getString("yotpoIssueTopic"),
                    rows.getString("yotpoReview"),
                    rows.getString("yotpoSfOrderLink"));
        }
    }
}
