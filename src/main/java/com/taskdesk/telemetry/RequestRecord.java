package com.taskdesk.telemetry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One finished request as a platform engineer reads it: who answered ({@code requestId} is the
 * Lambda request id), what it cost the database, and how the pool stood right after.
 */
record RequestRecord(
        String requestId,
        String function,
        String route,
        int status,
        int statements,
        double connectionWaitMs,
        double databaseMs,
        double totalMs,
        boolean coldStart,
        String errorId,
        long poolActive,
        long poolAwaiting) {

    /** The fields of the request's log line, in this order; an unknown request id and no error id are left out. */
    Map<String, Object> logFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (requestId != null) {
            fields.put("requestId", requestId);
        }
        fields.put("function", function);
        fields.put("route", route);
        fields.put("status", status);
        fields.put("statements", statements);
        fields.put("connectionWaitMs", connectionWaitMs);
        fields.put("databaseMs", databaseMs);
        fields.put("totalMs", totalMs);
        fields.put("coldStart", coldStart);
        if (errorId != null) {
            fields.put("errorId", errorId);
        }
        return fields;
    }

    /** The log line's message, for a person reading it (local runs and tests show only this). */
    String summary() {
        return String.format(
                Locale.ROOT,
                "%s %d in %.1f ms (%d statement%s, %.1f ms for a connection, " + "%.1f ms in the database%s)",
                route,
                status,
                totalMs,
                statements,
                statements == 1 ? "" : "s",
                connectionWaitMs,
                databaseMs,
                coldStart ? ", cold start" : "");
    }
}
