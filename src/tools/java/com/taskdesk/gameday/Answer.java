package com.taskdesk.gameday;

import jakarta.ws.rs.core.Response;

/**
 * What a simulated instance answered: the status and Retry-After the function would send, the
 * handler's result (a 200's body, before JSON), and what failed (a non-200's cause).
 */
record Answer(int status, String retryAfter, Object entity, Throwable failure) {

    /** Lambda refused the request before any code ran: every instance allowed was busy (the gateway's 429). */
    static final Answer THROTTLED = new Answer(429, null, null, null);

    static Answer of(Object result) {
        if (result instanceof Response response) {
            return new Answer(
                    response.getStatus(), response.getHeaderString("Retry-After"), response.getEntity(), null);
        }
        return new Answer(200, null, result, null);
    }

    static Answer failed(Response response, Throwable failure) {
        return new Answer(response.getStatus(), response.getHeaderString("Retry-After"), response.getEntity(), failure);
    }

    boolean ok() {
        return status == 200;
    }

    /** The failure in one line: its class, SQLState and message, for the report. */
    String why() {
        if (failure == null) {
            return status == 429 ? "throttled: every instance busy" : String.valueOf(entity);
        }
        StringBuilder why = new StringBuilder(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        Throwable root = failure;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            why.append(" <- ").append(cause.getClass().getSimpleName());
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                why.append(" ").append(sql.getSQLState());
            }
            root = cause;
        }
        if (root != failure && root.getMessage() != null) {
            String message = root.getMessage().lines().findFirst().orElse("");
            why.append(": ").append(message, 0, Math.min(message.length(), 160));
        }
        return why.toString();
    }
}
