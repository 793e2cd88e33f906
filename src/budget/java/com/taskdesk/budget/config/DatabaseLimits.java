package com.taskdesk.budget.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL server of config/databases.yaml. Every stage that names it draws on the same
 * budget: {@code maxConnections - reservedConnections}.
 *
 * @param superuserReserved   what PostgreSQL keeps from non-superuser roles (superuser_reserved_connections,
 *                            and reserved_connections on 16+): reservedFor's one plain number
 * @param clients             everything else that is not these functions, each with its share and role
 * @param deployOverlapFactor how many versions' instances may hold connections at once (2: during
 *                            a deploy the old version's instances keep theirs until reaped)
 * @param databaseUrl         what the stages' DATABASE_URL secret carries that changes what the driver sends
 */
public record DatabaseLimits(
        String name,
        int postgresVersion,
        int maxConnections,
        int superuserReserved,
        List<ReservedClient> clients,
        String schema,
        Pooler pooler,
        int deployOverlapFactor,
        DatabaseUrlParameters databaseUrl) {

    /** The reservedFor item that stands for the connections PostgreSQL keeps from non-superuser roles. */
    public static final String SUPERUSER_RESERVED = "superuserReservedConnections";

    public int reservedConnections() {
        return superuserReserved
                + clients.stream().mapToInt(ReservedClient::share).sum();
    }

    /** reservedFor itemised, superuser slots first (when there are any): name to connections. */
    public Map<String, Integer> reservedFor() {
        Map<String, Integer> items = new LinkedHashMap<>();
        if (superuserReserved > 0) {
            items.put(SUPERUSER_RESERVED, superuserReserved);
        }
        clients.forEach(client -> items.put(client.key(), client.share()));
        return items;
    }

    /** Connections the server leaves to the functions (or to the pooler's server side). */
    public int budget() {
        return maxConnections - reservedConnections();
    }

    /** "max_connections 100 - reserved 40 = 60" */
    public String budgetFormula() {
        return "max_connections " + maxConnections + " - reserved " + reservedConnections() + " = " + budget();
    }

    /** The same server with other limits, for plan's what-ifs (null keeps config/'s; a new reserve is one item). */
    public DatabaseLimits withLimits(Integer newMaxConnections, Integer newReserved) {
        return new DatabaseLimits(
                name,
                postgresVersion,
                newMaxConnections == null ? maxConnections : newMaxConnections,
                newReserved == null ? superuserReserved : 0,
                newReserved == null
                        ? clients
                        : List.of(new ReservedClient(
                                "--reserved", ReservedClient.Kind.PEOPLE, newReserved, null, "--reserved", 0, 0, 0, 0)),
                schema,
                pooler,
                deployOverlapFactor,
                databaseUrl);
    }

    /** The same server behind another pooler (the game day puts prod's behind PgBouncer). */
    public DatabaseLimits withPooler(Pooler newPooler, DatabaseUrlParameters newDatabaseUrl) {
        return new DatabaseLimits(
                name,
                postgresVersion,
                maxConnections,
                superuserReserved,
                clients,
                schema,
                newPooler,
                deployOverlapFactor,
                newDatabaseUrl);
    }
}
