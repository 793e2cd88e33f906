package com.taskdesk.budget.report;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.FrozenInstanceSettings;
import com.taskdesk.budget.config.Pooler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pgbouncer.ini settings a database's budget needs, in the order check prints them.
 * [pgbouncer]: transaction pooling, the server pool the budget counts, room for every client, and
 * the startup parameters the functions send that PgBouncer 1.18 refuses unless told to ignore them.
 * [users]: each function's role capped at its share, as its CONNECTION LIMIT is; the shares sum
 * to no more than max_db_connections, so that cap never leaves one role's pool waiting for another
 * role's idle server connection to time out.
 */
public final class PgBouncerSettings {

    /**
     * What the functions' pgjdbc (42.7) puts in its startup packet: it sends application_name there
     * (assumeMinServerVersion, application.properties), and to PostgreSQL 12 or later no
     * extra_float_digits at all (measured: docs/connection-budget.md, "Poolers").
     */
    static final List<String> DRIVER_SENDS =
            List.of("user", "database", "client_encoding", "DateStyle", "TimeZone", "application_name");
    /** pgjdbc sends DATABASE_URL's schema= (currentSchema) at login as this. */
    static final String SEARCH_PATH = "search_path";
    /** The startup parameters PgBouncer 1.18 keeps track of; it refuses any other unless told to ignore it. */
    static final Set<String> PGBOUNCER_KNOWS = Set.of(
            "user",
            "database",
            "client_encoding",
            "DateStyle",
            "TimeZone",
            "application_name",
            "standard_conforming_strings");
    /** Settings whose value is a minimum: more is fine. */
    static final Set<String> MINIMUMS = Set.of("max_client_conn", "default_pool_size");

    private PgBouncerSettings() {}

    /** The startup parameters the functions send, given what their DATABASE_URL carries. */
    public static List<String> startupParameters(DatabaseLimits limits) {
        List<String> names = new ArrayList<>(DRIVER_SENDS);
        if (limits.databaseUrl().schema() != null) {
            names.add(SEARCH_PATH);
        }
        return names;
    }

    /** The startup parameters PgBouncer must ignore for the functions' connections to be accepted; often none. */
    public static List<String> ignoreStartupParameters(DatabaseLimits limits) {
        return startupParameters(limits).stream()
                .filter(name -> !PGBOUNCER_KNOWS.contains(name))
                .toList();
    }

    /** [users]: each function's role (of every stage on the database) to its max_user_connections. */
    public static Map<String, String> users(DatabaseBudget database) {
        Map<String, String> users = new LinkedHashMap<>();
        database.functions()
                .filter(f -> f.function().maxInstances() != null)
                .forEach(f -> users.put(
                        f.stage().roleName(f.function().name()),
                        "max_user_connections=" + database.roleConnectionLimit(f.function())));
        return users;
    }

    /** Every [pgbouncer] setting, name to value (for {@link #MINIMUMS}, the least value that holds the budget). */
    public static Map<String, String> of(DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        int largestRole = database.functions()
                .filter(f -> f.function().maxInstances() != null)
                .mapToInt(f -> f.function().inFlightConnections())
                .max()
                .orElse(0);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pool_mode", "transaction");
        settings.put("max_db_connections", Integer.toString(limits.pooler().serverConnections()));
        settings.put("max_client_conn", Integer.toString(database.clientConnections()));
        settings.put("default_pool_size", Integer.toString(largestRole));
        List<String> ignore = ignoreStartupParameters(limits);
        if (!ignore.isEmpty()) {
            settings.put("ignore_startup_parameters", String.join(",", ignore));
        }
        settings.put("client_idle_timeout", Integer.toString(FrozenInstanceSettings.IDLE_SESSION_TIMEOUT_SECONDS));
        settings.put("server_login_retry", Integer.toString(Pooler.PGBOUNCER_SERVER_LOGIN_RETRY_SECONDS));
        settings.put("tcp_keepalive", "1");
        settings.put("tcp_keepidle", Integer.toString(FrozenInstanceSettings.KEEPALIVES_IDLE_SECONDS));
        settings.put("tcp_keepintvl", Integer.toString(FrozenInstanceSettings.KEEPALIVES_INTERVAL_SECONDS));
        settings.put("tcp_keepcnt", Integer.toString(FrozenInstanceSettings.KEEPALIVES_COUNT));
        return settings;
    }
}
