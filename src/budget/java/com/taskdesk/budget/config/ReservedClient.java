package com.taskdesk.budget.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A client of a database that is not these functions, with its share of the connections
 * (config/databases.yaml, reservedFor) and how it connects. Its role carries CONNECTION LIMIT = its
 * share ({@code roles}), so PostgreSQL refuses it past its share ("too many connections for role")
 * and it never takes another client's.
 *
 * @param key             its item in reservedFor (restOfApp)
 * @param role            its database role; null: it has none of its own, so nothing enforces its share
 * @param applicationName what its connections say in pg_stat_activity (default: the key)
 * @param connectionLimit Prisma's connection_limit: per instance (netlify, pgbouncer) or per replica
 *                        (longRunning); 0 for the kinds that are not the app
 * @param replicas        longRunning: processes at once, a rolling deploy's extra one included; else 0
 */
public record ReservedClient(
        String key,
        Kind kind,
        int share,
        String role,
        String applicationName,
        int connectionLimit,
        int replicas,
        int poolTimeoutSeconds,
        int connectTimeoutSeconds) {

    /**
     * How long the app waits for a pooled connection, and for a new one (Prisma's pool_timeout and
     * connect_timeout): together 6 s, inside the 10 s a Netlify synchronous function runs by default,
     * where Prisma's own defaults (10 s and 5 s) outlast the function.
     */
    public static final int DEFAULT_POOL_TIMEOUT_SECONDS = 3;

    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 3;
    /** pg's (Prisma 7's driver) idleTimeoutMillis default, written out so a later pg release cannot change it. */
    public static final int IDLE_TIMEOUT_SECONDS = 10;

    /** How a client connects, which decides what its share counts. */
    public enum Kind {
        /** The app's serverless instances (Netlify functions, on Lambda: one request at a time each). */
        NETLIFY("netlify", "Netlify functions (the app's serverless instances)"),
        /** The app as a long-running service (the planned Railway one): replicas x its pool. */
        LONG_RUNNING("longRunning", "a long-running service (replicas x pool)"),
        /** The app through a PgBouncer in transaction mode: the pooler's pool_size is the share. */
        PGBOUNCER("pgbouncer", "the app through PgBouncer (pool_size = the share)"),
        MIGRATIONS("migrations", "migrations during a release"),
        MONITORING("monitoring", "monitoring and backups"),
        PEOPLE("people", "people with psql");

        private final String configName;
        private final String description;

        Kind(String configName, String description) {
            this.configName = configName;
            this.description = description;
        }

        public String configName() {
            return configName;
        }

        public String description() {
            return description;
        }

        /** The app's own kinds: render writes their DATABASE_URL parameters, and they need a role. */
        public boolean app() {
            return this == NETLIFY || this == LONG_RUNNING || this == PGBOUNCER;
        }

        @JsonCreator
        static Kind fromConfig(String text) {
            for (Kind kind : values()) {
                if (kind.configName.equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(
                    "must be netlify, longRunning, pgbouncer, migrations, monitoring or people; got "
                            + Names.quoted(text));
        }
    }

    /** What its own settings let it open at once; netlify and pgbouncer: one instance (the share caps how many). */
    public int canOpen() {
        return switch (kind) {
            case LONG_RUNNING -> replicas * connectionLimit;
            case NETLIFY, PGBOUNCER -> connectionLimit;
            default -> share;
        };
    }

    /** "3 replicas x connectionLimit 13 = 39" */
    public String canOpenFormula() {
        return switch (kind) {
            case LONG_RUNNING -> replicas + " replicas x connectionLimit " + connectionLimit + " = " + canOpen();
            case NETLIFY, PGBOUNCER -> "connectionLimit " + connectionLimit + " per instance";
            default -> Integer.toString(share);
        };
    }

    /** Netlify instances (or PgBouncer clients) that may hold a connection at once: the share over each one's pool. */
    public int instancesAtOnce() {
        return connectionLimit == 0 ? 0 : share / connectionLimit;
    }

    /**
     * Whether the server should close its idle sessions: a frozen Netlify instance keeps its
     * connection open, and under CONNECTION LIMIT such dead connections would fill the app's share.
     */
    public boolean reapsIdleSessions() {
        return kind == Kind.NETLIFY;
    }

    /** Whether the app reaches PostgreSQL through PgBouncer (its URL then says pgbouncer=true). */
    public boolean pooled() {
        return kind == Kind.PGBOUNCER;
    }
}
