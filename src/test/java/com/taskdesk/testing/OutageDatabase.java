package com.taskdesk.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For fault tests: a database with a small max_connections, created, then stopped before
 * the application starts (a cold start while the database is down). Tests reach it
 * through {@link #database()} to bring it back, restart it or fill it.
 */
public class OutageDatabase implements QuarkusTestResourceLifecycleManager {

    public static final int MAX_CONNECTIONS = 8;
    private static RestartableDatabase database;

    public static RestartableDatabase database() {
        return database;
    }

    @Override
    public Map<String, String> start() {
        database = new RestartableDatabase(Map.of(
                        "max_connections", Integer.toString(MAX_CONNECTIONS), "superuser_reserved_connections", "0"))
                .start()
                .createSchema()
                .stop();
        return Map.of(
                "quarkus.datasource.jdbc.url",
                database.jdbcUrl(),
                "quarkus.flyway.migrate-at-start",
                "false",
                "quarkus.datasource.jdbc.acquisition-timeout",
                "2S",
                "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout",
                "1",
                "quarkus.datasource.jdbc.additional-jdbc-properties.loginTimeout",
                "1",
                "taskdesk.db.statement-timeout-seconds",
                "1",
                "taskdesk.metrics.cache-seconds",
                "0");
    }

    @Override
    public void stop() {
        database.stop();
    }
}
