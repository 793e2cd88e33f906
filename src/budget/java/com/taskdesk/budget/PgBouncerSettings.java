package com.taskdesk.budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The [pgbouncer] settings of pgbouncer.ini that a database's budget needs, in the order check
 * prints them: transaction pooling, the server pool the budget counts, room for every client, and
 * the startup parameters pgjdbc sends that PgBouncer 1.18 refuses unless told to ignore them.
 */
public final class PgBouncerSettings {

    /** pgjdbc always sends it at login; PgBouncer knows only client_encoding, DateStyle, TimeZone, application_name, ... */
    static final String EXTRA_FLOAT_DIGITS = "extra_float_digits";
    /** pgjdbc sends DATABASE_URL's schema= (currentSchema) at login as this. */
    static final String SEARCH_PATH = "search_path";
    /** Settings whose value is a minimum: more is fine. */
    static final Set<String> MINIMUMS = Set.of("max_client_conn", "default_pool_size");

    private PgBouncerSettings() {
    }

    /** The startup parameters PgBouncer must ignore for the functions' connections to be accepted. */
    public static List<String> ignoreStartupParameters(DatabaseLimits limits) {
        List<String> names = new ArrayList<>(List.of(EXTRA_FLOAT_DIGITS));
        if (limits.databaseUrl().schema() != null) {
            names.add(SEARCH_PATH);
        }
        return names;
    }

    /** Every setting, name to value (for {@link #MINIMUMS}, the least value that holds the budget). */
    public static Map<String, String> of(DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        int largestRole = database.functions().filter(f -> f.function().maxInstances() != null)
                .mapToInt(f -> f.function().inFlightConnections()).max().orElse(0);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pool_mode", "transaction");
        settings.put("max_db_connections", Integer.toString(limits.pooler().serverConnections()));
        settings.put("max_client_conn", Integer.toString(database.clientConnections()));
        settings.put("default_pool_size", Integer.toString(largestRole));
        settings.put("ignore_startup_parameters", String.join(",", ignoreStartupParameters(limits)));
        settings.put("client_idle_timeout", Integer.toString(Advice.IDLE_SESSION_TIMEOUT_SECONDS));
        settings.put("tcp_keepalive", "1");
        settings.put("tcp_keepidle", Integer.toString(Advice.KEEPALIVES_IDLE_SECONDS));
        settings.put("tcp_keepintvl", Integer.toString(Advice.KEEPALIVES_INTERVAL_SECONDS));
        settings.put("tcp_keepcnt", Integer.toString(Advice.KEEPALIVES_COUNT));
        return settings;
    }
}
