package com.taskdesk.gameday;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rest of the task desk (its other endpoints, with their own Prisma pools): it keeps its share
 * of connections open on its own role for the whole game day, straight to the server, and opens
 * them again after a restart or a termination took them.
 */
final class OtherClients implements AutoCloseable {

    private static final long CHECK_EVERY_MS = 500;

    private final GameDayDatabase database;
    private final int count;
    private final List<Connection> held = new ArrayList<>();
    private final Thread keeper;
    private volatile boolean running = true;

    OtherClients(GameDayDatabase database, int count) {
        this.database = database;
        this.count = count;
        this.keeper = new Thread(this::loop, "rest-of-app");
        this.keeper.setDaemon(true);
    }

    OtherClients start() {
        fill();
        keeper.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(CHECK_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
            fill();
        }
    }

    private void fill() {
        synchronized (held) {
            held.removeIf(connection -> !alive(connection));
            while (held.size() < count) {
                try {
                    held.add(database.appClient());
                } catch (SQLException e) {
                    return; // the server is down or full: again at the next check
                }
            }
        }
    }

    private static boolean alive(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already gone
            }
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        keeper.interrupt();
        keeper.join(5_000);
        synchronized (held) {
            for (Connection connection : held) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // already gone
                }
            }
            held.clear();
        }
    }
}
