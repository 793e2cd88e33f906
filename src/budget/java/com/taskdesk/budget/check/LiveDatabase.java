package com.taskdesk.budget.check;

import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.config.DatabaseUrl;
import com.taskdesk.config.InvalidSettingException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a PostgreSQL server says now about the connection budget, read by {@code check --live} in
 * one read-only transaction that it rolls back: its limits, the functions' roles and the client
 * backends open per role and application_name. Nothing here writes.
 *
 * @param reservedConnections PostgreSQL 16's reserved_connections; null on older servers
 * @param roles               the roles asked for that exist, by name
 * @param backends            client backends now, by role, then by application_name
 * @param superusers          the roles among those of the backends that are superusers
 */
public record LiveDatabase(
        String serverVersion,
        int maxConnections,
        int superuserReservedConnections,
        Integer reservedConnections,
        Map<String, Role> roles,
        Map<String, Map<String, Integer>> backends,
        Set<String> superusers) {

    /** A role as pg_roles has it; connectionLimit -1 is none, and never binds a superuser. */
    public record Role(String name, boolean canLogin, int connectionLimit, boolean superuser) {}

    /** Connections the server keeps from non-superuser roles. */
    public int keptFromNonSuperusers() {
        return superuserReservedConnections + (reservedConnections == null ? 0 : reservedConnections);
    }

    public int backendsOf(String role) {
        return backends.getOrDefault(role, Map.of()).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** The administrator's DATABASE_URL (Prisma-style), as the tool prints it: never its password. */
    public static DatabaseUrl parse(String databaseUrl) {
        try {
            return DatabaseUrl.parse(databaseUrl);
        } catch (InvalidSettingException e) {
            throw BudgetException.usage("check --live: " + e.getMessage());
        }
    }

    /** A connection whose every statement runs in a read-only transaction (pgjdbc sends BEGIN READ ONLY). */
    public static Connection connect(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        String sslMode = url.parameters().get("sslmode");
        if (sslMode != null) {
            properties.setProperty("sslmode", sslMode);
        }
        properties.setProperty("ApplicationName", "taskdesk-budget check --live");
        properties.setProperty("connectTimeout", "10");
        Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + url.hostAndPort() + "/" + url.database(), properties);
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        return connection;
    }

    /** Reads everything in one read-only transaction, then rolls it back. */
    public static LiveDatabase read(Connection connection, List<String> roleNames) throws SQLException {
        try {
            String version;
            int maxConnections;
            int superuserReserved;
            Integer reserved;
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_setting('server_version'),"
                            + " current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int,"
                            + " current_setting('reserved_connections', true)::int")) {
                row.next();
                version = row.getString(1);
                maxConnections = row.getInt(2);
                superuserReserved = row.getInt(3);
                reserved = (Integer) row.getObject(4);
            }
            Map<String, Role> roles = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT rolname, rolcanlogin, rolconnlimit, rolsuper FROM pg_catalog.pg_roles WHERE rolname = ANY (?)")) {
                statement.setArray(1, connection.createArrayOf("text", roleNames.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        roles.put(
                                rows.getString(1),
                                new Role(rows.getString(1), rows.getBoolean(2), rows.getInt(3), rows.getBoolean(4)));
                    }
                }
            }
            Map<String, Map<String, Integer>> backends = new LinkedHashMap<>();
            Set<String> superusers = new TreeSet<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT a.usename, coalesce(a.application_name, ''),"
                            + " coalesce(r.rolsuper, false), count(*) FROM pg_catalog.pg_stat_activity a"
                            + " LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.usesysid"
                            + " WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()"
                            + " GROUP BY 1, 2, 3 ORDER BY 1, 2")) {
                while (rows.next()) {
                    String role = String.valueOf(rows.getString(1));
                    backends.computeIfAbsent(role, name -> new LinkedHashMap<>())
                            .merge(rows.getString(2), rows.getInt(4), Integer::sum);
                    if (rows.getBoolean(3)) {
                        superusers.add(role);
                    }
                }
            }
            return new LiveDatabase(version, maxConnections, superuserReserved, reserved, roles, backends, superusers);
        } finally {
            connection.rollback();
        }
    }
}
