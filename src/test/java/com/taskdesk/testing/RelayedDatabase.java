package com.taskdesk.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For network fault tests: a PostgreSQL of its own that the functions reach only through a
 * {@link TcpRelay}, which the tests can turn into a dead network. The timeouts are the
 * functions' defaults; fixtures connect directly ({@link #directJdbcUrl()}).
 */
public class RelayedDatabase implements QuarkusTestResourceLifecycleManager {

    private static RestartableDatabase database;
    private static TcpRelay relay;

    public static TcpRelay relay() {
        return relay;
    }

    public static String directJdbcUrl() {
        return database.jdbcUrl();
    }

    @Override
    public Map<String, String> start() {
        database = new RestartableDatabase(Map.of()).start().createSchema();
        relay = new TcpRelay("localhost", database.port());
        return Map.of(
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://localhost:" + relay.port() + "/postgres?user=postgres",
                "quarkus.flyway.migrate-at-start",
                "false",
                "taskdesk.metrics.cache-seconds",
                "0");
    }

    @Override
    public void stop() {
        relay.close();
        database.stop();
    }
}
