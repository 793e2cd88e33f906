package com.taskdesk.db;

/**
 * The database cannot serve the request now, but may in a moment: no pooled connection
 * within the pool timeout, the server unreachable or out of connections (53300), or the
 * statement timeout reached. Answered with 503 and Retry-After.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
