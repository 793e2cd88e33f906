package com.taskdesk.budget.config;

/**
 * What the stages' database-url secret says after its '?' that changes what the functions' driver
 * sends at login (config/databases.yaml {@code databaseUrl}): config/ never reads the secret, it says
 * what the secret carries, so the check can tell whether a pooler accepts it.
 *
 * @param pgbouncer Prisma's {@code pgbouncer=true}: the functions prepare no named server-side statement
 * @param schema    Prisma's {@code schema=}: sent at login as the startup parameter search_path; null when absent
 */
public record DatabaseUrlParameters(boolean pgbouncer, String schema) {

    public static final DatabaseUrlParameters NONE = new DatabaseUrlParameters(false, null);

    /** "?pgbouncer=true&amp;schema=app", or "" for none. */
    public String query() {
        String query = (pgbouncer ? "&pgbouncer=true" : "") + (schema == null ? "" : "&schema=" + schema);
        return query.isEmpty() ? "" : "?" + query.substring(1);
    }
}
