package com.taskdesk.db;

/**
 * The statement broke a constraint of the database (SQLState class 23) and changed nothing.
 * A handler that knows why a named constraint can fail turns it into its own answer; any
 * other is a fault of ours (500).
 */
public class ConstraintViolationException extends RuntimeException {

    private final String constraint;

    ConstraintViolationException(String constraint, Throwable cause) {
        super("SQL constraint violated: " + constraint, cause);
        this.constraint = constraint;
    }

    /** The constraint's name as the server reported it (e.g. "TaskHistory_actorId_fkey"). */
    public String constraint() {
        return constraint;
    }
}
