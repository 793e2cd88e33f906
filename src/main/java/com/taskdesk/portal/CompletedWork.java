package com.taskdesk.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.taskdesk.db.Timestamps;
import com.taskdesk.js.TaskTexts;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One entry of the completed column (contract revision 3, §3.2): a completed task, or a Holds work
 * session on a task. The two have different keys, and a session leaves out the keys the app leaves
 * {@code undefined} (its NULL start, duration, disposition and queues).
 */
sealed interface CompletedWork {

    static CompletedWork read(ResultSet rows) throws SQLException {
        TaskTexts texts = TaskTexts.agentPortal(
                new TaskTexts(rows.getString("brand"), rows.getString("phone"), rows.getString("text")),
                new TaskTexts(rows.getString("raw_brand"), rows.getString("raw_phone"), rows.getString("raw_text")));
        return rows.getString("session_id") == null ? Task.read(rows, texts) : Session.read(rows, texts);
    }

    record Task(
            String id,
            String status,
            String taskType,
            String assignedToId,
            @JsonUnwrapped TaskTexts texts,
            String startTime,
            String endTime,
            Integer durationSec,
            String disposition,
            String createdAt,
            String updatedAt,
            String holdsStatus,
            String holdsOrderNumber,
            String holdsCustomerEmail,
            String customerName,
            String completionSource)
            implements CompletedWork {

        static Task read(ResultSet rows, TaskTexts texts) throws SQLException {
            return new Task(
                    rows.getString("id"),
                    rows.getString("status"),
                    rows.getString("taskType"),
                    rows.getString("assignedToId"),
                    texts,
                    Timestamps.isoUtc(rows, "startTime"),
                    Timestamps.isoUtc(rows, "endTime"),
                    rows.getObject("durationSec", Integer.class),
                    rows.getString("disposition"),
                    Timestamps.isoUtc(rows, "createdAt"),
                    Timestamps.isoUtc(rows, "updatedAt"),
                    rows.getString("holdsStatus"),
                    rows.getString("holdsOrderNumber"),
                    rows.getString("holdsCustomerEmail"),
                    rows.getString("customerName"),
                    "TASK");
        }
    }

    /** Always COMPLETED, whatever its task's status; its times, duration and disposition are the session's. */
    record Session(
            String id,
            String taskId,
            String workSessionId,
            String completionSource,
            String status,
            String taskType,
            String assignedToId,
            @JsonUnwrapped TaskTexts texts,
            @JsonInclude(Include.NON_NULL) String startTime,
            String endTime,
            @JsonInclude(Include.NON_NULL) Integer durationSec,
            @JsonInclude(Include.NON_NULL) String disposition,
            String createdAt,
            String updatedAt,
            @JsonInclude(Include.NON_NULL) String holdsStatus,
            @JsonInclude(Include.NON_NULL) String holdsFromQueue,
            @JsonInclude(Include.NON_NULL) String holdsToQueue,
            String outcomeType,
            @JsonProperty("isFinalResolution") boolean isFinalResolution,
            String holdsOrderNumber,
            String holdsCustomerEmail,
            String customerName)
            implements CompletedWork {

        static Session read(ResultSet rows, TaskTexts texts) throws SQLException {
            String sessionId = rows.getString("session_id");
            String assignee = rows.getString("assignedToId");
            String toQueue = rows.getString("toQueue");
            String taskQueue = rows.getString("holdsStatus");
            return new Session(
                    "session:" + sessionId,
                    rows.getString("id"),
                    sessionId,
                    "TASK_WORK_SESSION",
                    "COMPLETED",
                    rows.getString("taskType"),
                    assignee == null ? "" : assignee,
                    texts,
                    Timestamps.isoUtc(rows, "startedAt"),
                    Timestamps.isoUtc(rows, "endedAt"),
                    rows.getObject("session_duration_sec", Integer.class),
                    rows.getString("session_disposition"),
                    Timestamps.isoUtc(rows, "createdAt"),
                    Timestamps.isoUtc(rows, "updatedAt"),
                    toQueue != null ? toQueue : taskQueue,
                    rows.getString("fromQueue"),
                    toQueue,
                    rows.getString("outcomeType"),
                    rows.getBoolean("isFinalResolution"),
                    rows.getString("holdsOrderNumber"),
                    rows.getString("holdsCustomerEmail"),
                    rows.getString("customerName"));
        }
    }
}
