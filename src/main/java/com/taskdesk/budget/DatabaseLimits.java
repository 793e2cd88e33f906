package com.taskdesk.budget;

import java.util.Map;

/**
 * One PostgreSQL server as config/ names it. Every stage that names the same database draws
 * on the same budget: {@code maxConnections - reservedConnections}.
 *
 * @param name                identity of the server; stages naming the same one share its budget
 * @param postgresVersion     major version (idle_session_timeout needs 14 or later)
 * @param maxConnections      the server's max_connections
 * @param reservedConnections what is not these functions: superuser_reserved_connections, the rest
 *                            of the application, migrations, a person with psql
 * @param reservedFor         the same, itemised (its values add up to reservedConnections)
 * @param schema              the schema holding the application's tables
 * @param pooler              PgBouncer / RDS Proxy in front of the server, or none
 * @param deployOverlapFactor how many versions' instances may hold connections at once (2: during
 *                            a deploy the old version's instances keep theirs until reaped)
 */
public record DatabaseLimits(String name, int postgresVersion, int maxConnections, int reservedConnections,
                             Map<String, Integer> reservedFor, String schema, Pooler pooler,
                             int deployOverlapFactor) {

    /** Connections the server leaves to the functions (or to the pooler's server side). */
    public int budget() {
        return maxConnections - reservedConnections;
    }

    /** "max_connections 100 - reserved 40 = 60" */
    public String budgetFormula() {
        return "max_connections " + maxConnections + " - reserved " + reservedConnections + " = " + budget();
    }
}
