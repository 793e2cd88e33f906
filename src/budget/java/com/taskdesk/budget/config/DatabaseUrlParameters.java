package com.taskdesk.budget.config;

/**
 * What the stages' database-url secret says after its '?' that changes what the functions' driver
 * sends at login (config/databases.yaml {@code databaseUrl}): config/ never reads the secret, it says
 * what the secret carries, so the check can tell whether a pooler accepts it and whether the driver
 * verifies the server it talks to.
 *
 * @param pgbouncer   Prisma's {@code pgbouncer=true}: the functions prepare no named server-side statement
 * @param schema      Prisma's {@code schema=}: sent at login as the startup parameter search_path; null when absent
 * @param sslmode     pgjdbc's {@code sslmode}; null when absent (pgjdbc then tries TLS and may fall back to plain text)
 * @param sslrootcert pgjdbc's {@code sslrootcert}: the CA bundle the server's certificate must chain to; null when absent
 */
public record DatabaseUrlParameters(boolean pgbouncer, String schema, String sslmode, String sslrootcert) {

    public static final DatabaseUrlParameters NONE = new DatabaseUrlParameters(false, null, null, null);

    /** The URL's TLS verifies the server's name against a CA bundle the function carries. */
    public boolean verifiesServer() {
        return "verify-full".equals(sslmode) && sslrootcert != null;
    }

    /** "?pgbouncer=true&amp;schema=app&amp;sslmode=verify-full&amp;sslrootcert=...", or "" for none. */
    public String query() {
        String query = (pgbouncer ? "&pgbouncer=true" : "")
                + (schema == null ? "" : "&schema=" + schema)
                + (sslmode == null ? "" : "&sslmode=" + sslmode)
                + (sslrootcert == null ? "" : "&sslrootcert=" + sslrootcert);
        return query.isEmpty() ? "" : "?" + query.substring(1);
    }
}
