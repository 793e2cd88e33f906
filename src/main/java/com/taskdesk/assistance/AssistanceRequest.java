package com.taskdesk.assistance;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.taskdesk.js.JsNumber;
import com.taskdesk.js.TaskTexts;

/**
 * One open assistance request as the app's transformAssistanceTask answers it: 53 keys, always present
 * ({@code null} when the column is NULL); brand, phone and text by the assistance fallback rule; the
 * assignee's name and email, "Unknown" when missing.
 */
public record AssistanceRequest(
        String id,
        String status,
        String taskType,
        @JsonUnwrapped TaskTexts texts,
        String email,
        String agentName,
        String agentEmail,
        String assistanceNotes,
        String managerResponse,
        String createdAt,
        String updatedAt,
        String orderAge,
        // WOD/IVCS
        String wodIvcsSource,
        String documentNumber,
        String customerName,
        JsNumber amount,
        JsNumber webOrderDifference,
        String purchaseDate,
        // Email requests and refunds
        String emailRequestFor,
        String details,
        String salesforceCaseNumber,
        String customerNameNumber,
        JsNumber refundAmount,
        String paymentMethod,
        String refundReason,
        // Yotpo
        String yotpoDateSubmitted,
        String yotpoOrderDate,
        String yotpoReviewDate,
        String yotpoPrOrYotpo,
        String yotpoCustomerName,
        String yotpoEmail,
        String yotpoProduct,
        String yotpoIssueTopic,
        String yotpoReview,
        String yotpoSfOrderLink,
        String yotpoImportSource,
        String yotpoSubmittedBy,
        // Holds
        String holdsOrderDate,
        String holdsOrderNumber,
        String holdsCustomerEmail,
        String holdsStatus,
        Integer holdsPriority,
        Integer holdsDaysInSystem,
        JsNumber holdsOrderAmount,
        // WOD/IVCS totals and the refund's amount
        JsNumber webOrderSubtotal,
        JsNumber webOrderTotal,
        JsNumber nsVsWebDiscrepancy,
        JsNumber netSuiteTotal,
        JsNumber webTotal,
        JsNumber webVsNsDifference,
        JsNumber amountToBeRefunded) {}
