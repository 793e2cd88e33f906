package com.taskdesk.budget.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What sits between the functions and PostgreSQL. Behind a pooler in transaction mode the
 * database sees the pooler's server-side pool, not the functions' connections: the budget
 * applies to {@code serverConnections}, and the functions' client connections must fit the
 * pooler's {@code maxClientConnections} (PgBouncer's max_client_conn).
 */
public record Pooler(Kind kind, Integer serverConnections, Integer maxClientConnections) {

    public enum Kind {
        NONE("none"),
        PGBOUNCER("pgbouncer"),
        RDS_PROXY("rds-proxy");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        @JsonCreator
        static Kind fromConfig(String text) {
            for (Kind kind : values()) {
                if (kind.configName.equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("must be none, pgbouncer or rds-proxy; got '" + text + "'");
        }
    }

    public static final Pooler NONE = new Pooler(Kind.NONE, null, null);

    /**
     * Server connections PgBouncer keeps free of the functions' statements in flight. When they fill
     * max_db_connections, PgBouncer 1.18 (which evicts before it checks max_user_connections) closes
     * one role's idle server connection to open another role's, and PostgreSQL may refuse that login
     * while the closed backend still counts against the role's CONNECTION LIMIT: measured in
     * PgBouncerTest, 7 to 18 such replacements per burst at a full pool, none with one to spare.
     */
    static final int PGBOUNCER_SPARE = 1;

    /**
     * After a failed login to the server (PostgreSQL restarting, say) PgBouncer fails every client at
     * once until it tries again, by default 15 s later: the game day measured 15 s of 503s after a
     * restart of 3 s (docs/gameday.md). Retried each second, a 2 s pool timeout spans a retry.
     */
    public static final int PGBOUNCER_SERVER_LOGIN_RETRY_SECONDS = 1;

    /** The statements in flight the server pool takes: all of it, or all but the spare behind PgBouncer. */
    public int statementsInFlight() {
        return kind == Kind.PGBOUNCER ? serverConnections - PGBOUNCER_SPARE : serverConnections;
    }

    /** "pgbouncer server pool 9 - 1 kept free = 8", or "rds-proxy server pool 30". */
    public String statementsInFlightFormula() {
        return kind.configName() + " server pool " + serverConnections
                + (kind == Kind.PGBOUNCER ? " - " + PGBOUNCER_SPARE + " kept free = " + statementsInFlight() : "");
    }

    public boolean pools() {
        return kind != Kind.NONE;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case PGBOUNCER ->
                "pgbouncer (transaction mode, server pool " + serverConnections + ", max_client_conn "
                        + maxClientConnections + ")";
            case RDS_PROXY -> "rds-proxy (server pool " + serverConnections + ")";
        };
    }
}
