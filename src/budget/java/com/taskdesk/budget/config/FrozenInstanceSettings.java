package com.taskdesk.budget.config;

/**
 * What the database's side needs to let go of a frozen or discarded instance's connections (Lambda
 * freezes an idle instance with its pool open, and drops it without closing anything): an idle
 * timeout that reaps the connection, and TCP keepalives that notice a peer gone. Why each: docs/
 * connection-budget.md, "Frozen and discarded instances". Advice prints them for PostgreSQL and RDS
 * Proxy, PgBouncerSettings for pgbouncer.ini, and the roles SQL sets the idle timeout per role.
 */
public final class FrozenInstanceSettings {

    /** Reaps a frozen or superseded instance's idle connection; a thawed instance reconnects. */
    public static final int IDLE_SESSION_TIMEOUT_SECONDS = 300;

    public static final int KEEPALIVES_IDLE_SECONDS = 60;
    public static final int KEEPALIVES_INTERVAL_SECONDS = 10;
    public static final int KEEPALIVES_COUNT = 6;

    private FrozenInstanceSettings() {}
}
