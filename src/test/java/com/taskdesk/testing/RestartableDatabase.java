package com.taskdesk.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A PostgreSQL server the tests can stop and start again on the same port with the same
 * data, to play an outage, a restart or a cold start against a database that is down.
 */
public final class RestartableDatabase {

    private final int port;
    private final Path dataDirectory;
    private final Map<String, String> serverConfig;
    private EmbeddedPostgres running;

    public RestartableDatabase(Map<String, String> serverConfig) {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
            this.dataDirectory = Files.createTempDirectory("restartable-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.serverConfig = serverConfig;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    public synchronized RestartableDatabase start() {
        if (running == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false);
                serverConfig.forEach(builder::setServerConfig);
                running = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start PostgreSQL on port " + port, e);
            }
        }
        return this;
    }

    public synchronized RestartableDatabase stop() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            running = null;
        }
        return this;
    }

    /** Creates the app's schema ({@link AppSchema}: the files Flyway applies). */
    public RestartableDatabase createSchema() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute(AppSchema.sql());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }
}
