package com.taskdesk.request;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one request did, noted where it happens: com.taskdesk.db.Database times the connection
 * checkout and the statement and counts the statements; the error mapper notes a 500's error id.
 * com.taskdesk.telemetry.RequestLog reads it when the answer is ready.
 */
@RequestScoped
public class RequestFigures {

    private long startNanos = System.nanoTime();
    private int statements;
    private long connectionWaitNanos;
    private long databaseNanos;
    private String errorId;

    /** The request has arrived: its total time counts from now. */
    public void start() {
        startNanos = System.nanoTime();
    }

    /** Time spent getting a pooled connection (waiting for one, opening or validating it), whether one came or not. */
    public void waitedForConnection(long nanos) {
        connectionWaitNanos += nanos;
    }

    /** A statement is about to be sent to the database. */
    public void statementSent() {
        statements++;
    }

    /** Time a connection was held for a statement: prepare, execute, read the rows, give it back. */
    public void usedDatabase(long nanos) {
        databaseNanos += nanos;
    }

    /** The request failed unexpectedly (500); the answer and the log carry this id. */
    public void failed(String errorId) {
        this.errorId = errorId;
    }

    public int statements() {
        return statements;
    }

    public double connectionWaitMs() {
        return milliseconds(connectionWaitNanos);
    }

    public double databaseMs() {
        return milliseconds(databaseNanos);
    }

    public double totalMs() {
        return milliseconds(System.nanoTime() - startNanos);
    }

    public String errorId() {
        return errorId;
    }

    /** Milliseconds to the microsecond: a fast statement reads 0.412, not 0. */
    private static double milliseconds(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
