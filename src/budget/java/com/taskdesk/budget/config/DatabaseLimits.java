package com.taskdesk.budget.config;

import java.util.Map;

/**
 * One PostgreSQL server of config/databases.yaml. Every stage that names it draws on the same
 * budget: {@code maxConnections - reservedConnections}.
 *
 * @param reservedFor         what is not these functions, itemised: superuser_reserved_connections,
 *                            the rest of the application, migrations, a person with psql
 * @param deployOverlapFactor how many versions' instances may hold connections at once (2: during
 *                            a deploy the old version's instances keep theirs until reaped)
 * @param databaseUrl         what the stages' DATABASE_URL secret carries that changes what the driver sends
 */
public record DatabaseLimits(
        String name,
        int postgresVersion,
        int maxConnections,
        Map<String, Integer> reservedFor,
        String schema,
        Pooler pooler,
        int deployOverlapFactor,
        DatabaseUrlParameters databaseUrl) {

    /** The reservedFor item that stands for the connections PostgreSQL keeps from non-superuser roles. */
    public static final String SUPERUSER_RESERVED = "superuserReservedConnections";

    public int reservedConnections() {
        return reservedFor.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What config/ reserves for superuser_reserved_connections (and reserved_connections): 0 when it names none. */
    public int superuserReserved() {
        return reservedFor.getOrDefault(SUPERUSER_RESERVED, 0);
    }

    /** Connections the server leaves to the functions (or to the pooler's server side). */
    public int budget() {
        return maxConnections - reservedConnections();
    }

    /** "max_connections 100 - reserved 40 = 60" */
    public String budgetFormula() {
        return "max_connections " + maxConnections + " - reserved " + reservedConnections() + " = " + budget();
    }

    /** The same server with other limits, for plan's what-ifs (null keeps config/'s). */
    public DatabaseLimits withLimits(Integer newMaxConnections, Integer newReserved) {
        return new DatabaseLimits(
                name,
                postgresVersion,
                newMaxConnections == null ? maxConnections : newMaxConnections,
                newReserved == null ? reservedFor : Map.of("--reserved", newReserved),
                schema,
                pooler,
                deployOverlapFactor,
                databaseUrl);
    }
}
