package com.taskdesk.db;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets statements through to the pool, except while a SnapStart snapshot is being taken:
 * {@link #close} stops new ones and waits for those inside to finish, {@link #open} lets
 * them through again. A statement that arrives while the gate is closed waits for it to
 * open, at most the pool timeout, so none can leave a connection in the snapshot.
 */
@Singleton
public class ConnectionGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean closed;
    private int inside;

    /**
     * Passes the gate (pair it with {@link #leave()}).
     *
     * @return false when the gate stayed closed for the whole wait
     */
    boolean enter(Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (closed) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            inside++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            inside--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the gate and waits, at most {@code drain}, for every statement inside to finish.
     *
     * @return false when some were still inside at the end of the wait
     */
    boolean close(Duration drain) {
        lock.lock();
        try {
            closed = true;
            long nanos = drain.toNanos();
            while (inside > 0 && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return inside == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inside == 0;
        } finally {
            lock.unlock();
        }
    }

    void open() {
        lock.lock();
        try {
            closed = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** For tests and logs: statements between enter and leave right now. */
    int inside() {
        lock.lock();
        try {
            return inside;
        } finally {
            lock.unlock();
        }
    }
}
