package com.taskdesk.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the functions send and hold, counted at the JDBC boundary: every statement executed
 * through a pooled connection ({@link CountingDriver}) and every connection checked out of
 * the pool ({@link PoolCheckouts}). Pool validation (Connection.isValid) is not a statement
 * the handler sends, and is not counted.
 */
public final class SqlCounter {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger HELD = new AtomicInteger();
    private static final AtomicInteger MAX_HELD = new AtomicInteger();
    private static final AtomicInteger CHECKOUTS = new AtomicInteger();

    private SqlCounter() {}

    public static void reset() {
        STATEMENTS.clear();
        MAX_HELD.set(HELD.get());
        CHECKOUTS.set(0);
    }

    static void executed(String sql) {
        STATEMENTS.add(sql);
    }

    static void checkedOut() {
        CHECKOUTS.incrementAndGet();
        int held = HELD.incrementAndGet();
        MAX_HELD.accumulateAndGet(held, Math::max);
    }

    static void returned() {
        HELD.decrementAndGet();
    }

    public static List<String> statements() {
        return List.copyOf(STATEMENTS);
    }

    /** Connections out of the pool right now. */
    public static int held() {
        return HELD.get();
    }

    /** Most connections out of the pool at one time since the last reset. */
    public static int maxHeld() {
        return MAX_HELD.get();
    }

    public static int checkouts() {
        return CHECKOUTS.get();
    }
}
