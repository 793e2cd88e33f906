package com.taskdesk.local;

import io.quarkus.runtime.LaunchMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

/**
 * The local run and the tests get their own PostgreSQL: in dev mode when neither
 * DATABASE_URL nor QUARKUS_DATASOURCE_JDBC_URL is set, and always in tests. The server
 * starts the first time its URL is asked for, once per JVM (its URL is kept in a system
 * property, so a live reload reuses it), and Flyway then creates the schema (and, in dev
 * mode, the demo data). Ordinal 150: anything the user configures wins.
 *
 * <p>Registered through {@link Provider} (META-INF/services in src/local/resources), a service
 * file of its own: in the local run both resource folders land in one target/classes, where a
 * second ConfigSource service file would replace the application's.
 */
public class LocalDatabaseConfigSource implements ConfigSource {

    static final String URL_PROPERTY = "embedded-postgres.jdbc-url";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String MIGRATE_AT_START = "quarkus.flyway.migrate-at-start";
    /** Flyway gets its own connection: the pool (capped at one) stays untouched by start-up. */
    private static final String FLYWAY_JDBC_URL = "quarkus.flyway.jdbc-url";

    private static final String FLYWAY_USERNAME = "quarkus.flyway.username";
    /** The embedded server trusts local connections; Quarkus only insists that one is set. */
    private static final String FLYWAY_PASSWORD = "quarkus.flyway.password";

    /** Server settings: UTC-independent SQL is proven by a session time zone far from UTC. */
    static final Map<String, String> SERVER_CONFIG = Map.of(
            "timezone", "Pacific/Auckland",
            "max_connections", "100",
            "shared_preload_libraries", "pg_stat_statements");

    private final boolean active;

    public LocalDatabaseConfigSource() {
        LaunchMode mode = LaunchMode.current();
        this.active = mode == LaunchMode.TEST
                || (mode == LaunchMode.DEVELOPMENT && blank("DATABASE_URL") && blank("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    private static boolean blank(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank();
    }

    @Override
    public int getOrdinal() {
        return 150;
    }

    @Override
    public Set<String> getPropertyNames() {
        return active
                ? Set.of(JDBC_URL, FLYWAY_JDBC_URL, FLYWAY_USERNAME, FLYWAY_PASSWORD, MIGRATE_AT_START)
                : Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (!active) {
            return null;
        }
        return switch (propertyName) {
            case JDBC_URL, FLYWAY_JDBC_URL -> jdbcUrl();
            case FLYWAY_USERNAME, FLYWAY_PASSWORD -> "postgres";
            case MIGRATE_AT_START -> "true";
            default -> null;
        };
    }

    private static synchronized String jdbcUrl() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            url = EmbeddedDatabase.start(SERVER_CONFIG).jdbcUrl();
            System.setProperty(URL_PROPERTY, url);
        }
        return url;
    }

    @Override
    public String getName() {
        return "embedded PostgreSQL for the local run and tests";
    }

    /** The service this source is registered as: only the local run and the tests have it. */
    public static final class Provider implements ConfigSourceProvider {

        @Override
        public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
            return List.of(new LocalDatabaseConfigSource());
        }
    }
}
