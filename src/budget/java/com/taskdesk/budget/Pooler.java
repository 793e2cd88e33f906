package com.taskdesk.budget;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What sits between the functions and PostgreSQL. Behind a pooler in transaction mode the
 * database sees the pooler's server-side pool, not the functions' connections: the budget
 * applies to {@code serverConnections}, and the functions' client connections must fit the
 * pooler's {@code maxClientConnections} (PgBouncer's max_client_conn).
 */
public record Pooler(Kind kind, Integer serverConnections, Integer maxClientConnections) {

    public enum Kind {
        NONE("none"), PGBOUNCER("pgbouncer"), RDS_PROXY("rds-proxy");

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

    public boolean pools() {
        return kind != Kind.NONE;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case PGBOUNCER -> "pgbouncer (transaction mode, server pool " + serverConnections
                    + ", max_client_conn " + maxClientConnections + ")";
            case RDS_PROXY -> "rds-proxy (server pool " + serverConnections + ")";
        };
    }
}
