package com.taskdesk.gameday;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Looks at the spam desk every {@link #EVERY_MS} ms, in one snapshot, for what no committed state
 * may show while every write is one statement: a raw message in SPAM_REVIEW with an open task that
 * is not (or the other way round), or a raw message READY with a task. A write that commits half a
 * move shows here even if a later write mends it before the end.
 */
final class DeskWatch implements AutoCloseable {

    static final long EVERY_MS = 500;

    /** A moment the desk was not whole: which raw messages, and how. */
    record Sighting(long ms, String what) {}

    private static final String HALF_MOVED = "SELECT r.\"id\" || ' ' || r.\"status\"::text || ' with tasks '"
            + " || string_agg(t.\"status\"::text, ',' ORDER BY t.\"id\")"
            + " FROM \"RawMessage\" r JOIN \"Task\" t ON t.\"rawMessageId\" = r.\"id\""
            + " WHERE r.\"id\" LIKE '" + SpamDesk.RAW_PREFIX + "%'"
            + " GROUP BY r.\"id\", r.\"status\""
            + " HAVING r.\"status\" = 'READY'"
            + " OR bool_or(t.\"status\" <> 'COMPLETED' AND (t.\"status\" = 'SPAM_REVIEW') <> (r.\"status\" = 'SPAM_REVIEW'))"
            + " ORDER BY r.\"id\" LIMIT 5";

    private final GameDayDatabase database;
    private final GameClock clock;
    private final ConcurrentLinkedQueue<Sighting> sightings = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int looks;
    private Connection connection;

    DeskWatch(GameDayDatabase database, GameClock clock) {
        this.database = database;
        this.clock = clock;
        this.thread = new Thread(this::loop, "desk-watch");
        this.thread.setDaemon(true);
    }

    DeskWatch start() {
        thread.start();
        return this;
    }

    List<Sighting> sightings() {
        return List.copyOf(sightings);
    }

    int looks() {
        return looks;
    }

    private void loop() {
        while (running) {
            look();
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void look() {
        try {
            if (connection == null) {
                connection = database.superuser();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(HALF_MOVED)) {
                StringBuilder found = new StringBuilder();
                while (rows.next()) {
                    found.append(found.length() == 0 ? "" : "; ").append(rows.getString(1));
                }
                if (found.length() > 0) {
                    sightings.add(new Sighting(clock.millis(), found.toString()));
                }
            }
            looks++;
        } catch (SQLException e) {
            // the server is down: look again later
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // gone already
            }
            connection = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        look();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // gone already
            }
        }
    }
}
