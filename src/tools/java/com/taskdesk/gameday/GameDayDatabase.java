package com.taskdesk.gameday;

import com.taskdesk.budget.PsqlScript;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.ReservedClient;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.report.RoleSql;
import com.taskdesk.local.ConcurrentIndexMigrations;
import com.taskdesk.testing.RestartableDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The one PostgreSQL of the game day: the stage's database limits from config/ (max_connections,
 * superuser_reserved_connections), the task desk's schema and the local run's demo data (the
 * Flyway migrations and placeholders of application.properties' %dev profile), the functions' roles
 * as the tool's {@code roles} emits them, and a role for the rest of the application, whose
 * connections take the rest of the reserve. It can be restarted on the same port with its data.
 */
final class GameDayDatabase implements AutoCloseable {

    /** The password the roles script gives every function's role; the server trusts local logins anyway. */
    static final String FUNCTION_PASSWORD = SimulationDatabase.PASSWORD;
    /** Migrations, monitoring, people with psql arriving at once (the reserve-taken fault); the app has its own. */
    static final String OTHER_CLIENTS_ROLE = "rest_of_app";

    private static final String DEMO_PLACEHOLDERS = "%dev.quarkus.flyway.placeholders.";

    private final RestartableDatabase server;
    private final DatabaseLimits limits;

    private GameDayDatabase(RestartableDatabase server, DatabaseLimits limits) {
        this.server = server;
        this.limits = limits;
    }

    static GameDayDatabase start(DatabaseLimits limits) {
        RestartableDatabase server = new RestartableDatabase(Map.of(
                        "max_connections", Integer.toString(limits.maxConnections()),
                        "superuser_reserved_connections", Integer.toString(limits.superuserReserved())))
                .start();
        GameDayDatabase database = new GameDayDatabase(server, limits);
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(server.jdbcUrl(), "postgres", null)
                .locations("classpath:db/migration", "classpath:db/demo")
                .placeholders(demoPlaceholders());
        new ConcurrentIndexMigrations().customize(flyway);
        flyway.load().migrate();
        database.execute("CREATE ROLE " + OTHER_CLIENTS_ROLE + " LOGIN");
        try (Connection admin = database.superuser()) {
            SimulationDatabase.createClientRoles(admin, limits);
        } catch (SQLException e) {
            throw new IllegalStateException("the clients' roles", e);
        }
        return database;
    }

    private static Map<String, String> demoPlaceholders() {
        Properties properties = new Properties();
        try (InputStream in = GameDayDatabase.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(DEMO_PLACEHOLDERS)) {
                placeholders.put(name.substring(DEMO_PLACEHOLDERS.length()), properties.getProperty(name));
            }
        }
        return placeholders;
    }

    DatabaseLimits limits() {
        return limits;
    }

    int port() {
        return server.port();
    }

    /** A superuser connection straight to the server (never through the relay or PgBouncer). */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl() + "&connectTimeout=2&socketTimeout=30");
    }

    /** The rest of the task desk (config/'s reservedFor.restOfApp): its share and its role. */
    ReservedClient app() {
        return limits.clients().stream()
                .filter(client -> client.key().equals(GameDay.REST_OF_APP))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("config/ reserves nothing for " + GameDay.REST_OF_APP));
    }

    /** A connection of the rest of the app, on its own role (CONNECTION LIMIT = its share), straight to the server. */
    Connection appClient() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/postgres?user="
                + app().role() + "&connectTimeout=2&ApplicationName=" + app().applicationName());
    }

    /** A connection of the reserve's other clients (migrations, monitoring, people), straight to the server. */
    Connection otherClient() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/postgres?user="
                + OTHER_CLIENTS_ROLE + "&connectTimeout=2&ApplicationName=rest-of-app");
    }

    void execute(String sql) {
        try (Connection connection = superuser();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * The roles {@code roles --stage S} emits, applied as psql would; then, the game day running in
     * minutes what production runs in hours, each role's idle_session_timeout (when the script sets
     * one) shortened to {@code idleTimeout}, or reset when the script sets none (behind a pooler).
     */
    void applyRoles(BudgetConfig config, StageConfig stage, Duration idleTimeout) {
        String script = RoleSql.script(config, stage);
        try (Connection admin = superuser()) {
            PsqlScript.run(admin, script, SimulationDatabase.passwords(stage));
        } catch (SQLException e) {
            throw new IllegalStateException("the roles script failed", e);
        }
        for (var function : stage.functions()) {
            String role = stage.roleName(function.name());
            execute(
                    script.contains("ALTER ROLE \"" + role + "\" SET idle_session_timeout")
                            ? "ALTER ROLE " + role + " SET idle_session_timeout = '" + idleTimeout.toSeconds() + "s'"
                            : "ALTER ROLE " + role + " RESET idle_session_timeout");
        }
    }

    /** Stops the server (fast shutdown: every backend ends at once), leaves it down a while, starts it again with its data. */
    void restart(Duration down) throws InterruptedException {
        server.stop();
        Thread.sleep(down.toMillis());
        server.start();
    }

    @Override
    public void close() {
        server.stop();
    }
}
