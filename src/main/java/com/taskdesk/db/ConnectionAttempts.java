package com.taskdesk.db;

import java.sql.Connection;
import java.time.Duration;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.inject.Singleton;

/**
 * The pool's connection attempts still under way. Agroal opens connections on a thread of
 * its own and finishes one even after the request that asked for it gave up (past the pool
 * timeout): before a snapshot, such an attempt must end before the pool is emptied, or its
 * connection would land in the pool after the flush. An attempt starts when the pool asks
 * {@link DatabaseCredentials} and ends when its connection joins the pool; one that fails
 * while connecting is given up after {@code settleTime} (the secret read and the login timeout).
 */
@Singleton
public class ConnectionAttempts implements AgroalPoolInterceptor {

    private long started;
    private long ended;
    private long lastStartNanos;

    synchronized void started() {
        started++;
        lastStartNanos = System.nanoTime();
    }

    /** The attempt ended without a connection (its credentials could not be given). */
    synchronized void failed() {
        ended++;
        notifyAll();
    }

    @Override
    public synchronized void onConnectionCreate(Connection connection) {
        ended++;
        notifyAll();
    }

    /** Waits until no attempt is under way, or the last one started {@code settleTime} ago. */
    synchronized void awaitNoneUnderWay(Duration settleTime) throws InterruptedException {
        while (ended < started) {
            long left = settleTime.toNanos() - (System.nanoTime() - lastStartNanos);
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        ended = started; // an attempt that failed while connecting is over by now
    }
}
