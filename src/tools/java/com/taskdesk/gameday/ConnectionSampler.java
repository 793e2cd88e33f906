package com.taskdesk.gameday;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The server's client connections by role, every {@link #EVERY_MS} ms, read by a superuser
 * connection of its own (monitoring, in the reserve): the functions' roles one by one, everything
 * else together. While the server is down a sample says so, and the next one connects again.
 */
final class ConnectionSampler implements AutoCloseable {

    static final long EVERY_MS = 100;

    /**
     * One reading.
     *
     * @param byRole each function role's client connections (roles with none are absent)
     * @param others every other client connection: the rest of the app, the game day's own
     * @param down   the server could not be read
     */
    record Sample(long ms, Map<String, Integer> byRole, int others, boolean down) {

        int functions() {
            return byRole.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final GameDayDatabase database;
    private final String rolePrefix;
    private final GameClock clock;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;

    /** @param rolePrefix what the functions' role names start with (taskdesk_prod_) */
    ConnectionSampler(GameDayDatabase database, String rolePrefix, GameClock clock) {
        this.database = database;
        this.rolePrefix = rolePrefix;
        this.clock = clock;
        this.thread = new Thread(this::loop, "connection-sampler");
        this.thread.setDaemon(true);
    }

    ConnectionSampler start() {
        thread.start();
        return this;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void loop() {
        long next = clock.millis();
        while (running) {
            samples.add(read());
            next = Math.max(next + EVERY_MS, clock.millis());
            try {
                clock.sleepUntil(next);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Sample read() {
        long at = clock.millis();
        try {
            if (connection == null) {
                connection = database.superuser();
            }
            Map<String, Integer> byRole = new LinkedHashMap<>();
            int others = 0;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT usename, count(*) FROM pg_stat_activity"
                            + " WHERE backend_type = 'client backend' GROUP BY usename")) {
                while (rows.next()) {
                    String role = rows.getString(1);
                    if (role != null && role.startsWith(rolePrefix)) {
                        byRole.put(role, rows.getInt(2));
                    } else {
                        others += rows.getInt(2);
                    }
                }
            }
            return new Sample(at, byRole, others, false);
        } catch (SQLException e) {
            closeConnection();
            return new Sample(at, Map.of(), 0, true);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the server is gone: nothing to close
            }
            connection = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        closeConnection();
    }
}
