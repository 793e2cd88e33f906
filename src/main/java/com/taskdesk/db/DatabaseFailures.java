package com.taskdesk.db;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.postgresql.util.PSQLException;

/**
 * Sorts a JDBC failure into "retry soon" (503), a named constraint the handler may explain,
 * or "a fault of ours" (500).
 */
final class DatabaseFailures {

    private DatabaseFailures() {}

    static RuntimeException classify(SQLException e) {
        String reason = retryableReason(e);
        if (reason != null) {
            return new DatabaseUnavailableException(reason, e);
        }
        String constraint = violatedConstraint(e);
        if (constraint != null) {
            return new ConstraintViolationException(constraint, e);
        }
        return new IllegalStateException("SQL failure " + e.getSQLState(), e);
    }

    /** The constraint an integrity violation names, or null. */
    private static String violatedConstraint(SQLException e) {
        if (e instanceof PSQLException psql
                && e.getSQLState() != null
                && e.getSQLState().startsWith("23")
                && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getConstraint();
        }
        return null;
    }

    /** Agroal found no free connection within the pool timeout ("Sorry, acquisition timeout!"). */
    static boolean isPoolTimeout(SQLException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }

    /**
     * Opening a connection failed on an interrupt: Agroal cancels an attempt that outlived a request's
     * pool timeout by interrupting its own thread, and the interrupt can outlive that attempt (a socket
     * that never answered ignores it) and fail the next ones, in Quarkus' blocking wait for the
     * credentials provider, as a CompletionException (the game day found it: docs/gameday.md).
     */
    static boolean interrupted(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL refused the password (28P01) or the role (28000): a rotated secret, perhaps. */
    static boolean credentialsRefused(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("28P01".equals(sql.getSQLState()) || "28000".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Why a retry may succeed, or null when it would fail the same way. */
    static String retryableReason(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null) {
                    if (state.equals("28P01") || state.equals("28000")) {
                        return "the database refused the function's credentials";
                    }
                    if (state.equals("53300")) {
                        return "the database has no free connection (too many clients)";
                    }
                    if (state.equals("57014")) {
                        return "the statement timed out";
                    }
                    if (state.startsWith("08")
                            || state.equals("57P01")
                            || state.equals("57P02")
                            || state.equals("57P03")
                            || state.equals("53000")
                            || state.equals("53200")) {
                        return "the database is unreachable or restarting";
                    }
                    if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
                        return "the database is busy with conflicting work";
                    }
                }
                if (t instanceof SQLTransientConnectionException || t instanceof SQLTimeoutException) {
                    return "no database connection was free in time";
                }
                if (isPoolTimeout(sql)) {
                    return "no pooled connection was free within the pool timeout";
                }
            }
        }
        return null;
    }
}
