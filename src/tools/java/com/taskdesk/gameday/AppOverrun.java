package com.taskdesk.gameday;

import com.taskdesk.budget.config.ReservedClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rest of the app overruns its share, as the original app's burst did: on top of the pools it
 * holds, it asks for three times its share, one new connection every 100 ms for a minute, on its own
 * role (reservedFor.restOfApp). The role's CONNECTION LIMIT must refuse every connection past the
 * share with the role's error (53300, "too many connections for role"), and the functions must not
 * notice ({@link Verdict}: no 503 during it is explained).
 */
final class AppOverrun {

    static final int FACTOR = 3;
    static final Duration LENGTH = Duration.ofMinutes(1);
    static final long EVERY_MS = 100;

    /**
     * What the overrun did.
     *
     * @param refusedByRole  attempts PostgreSQL refused with the role's own error
     * @param otherFailures  any other failure, by its first line (none expected)
     * @param peakHeld       the most connections the role held, sampled before each attempt
     */
    record Result(
            String phase,
            long startMs,
            long endMs,
            String role,
            int share,
            int attempts,
            int opened,
            int refusedByRole,
            Map<String, Integer> otherFailures,
            int peakHeld) {

        int target() {
            return FACTOR * share;
        }

        String detail() {
            return "role " + role + " (share " + share + ") asked for " + target() + " connections (" + FACTOR
                    + " x its share), a new one every " + EVERY_MS + " ms for " + LENGTH.toSeconds() + " s: "
                    + attempts + " attempts, " + refusedByRole + " refused with the role's error (53300), " + opened
                    + " opened, "
                    + otherFailures.values().stream()
                            .mapToInt(Integer::intValue)
                            .sum()
                    + " other failures; the role held at most " + peakHeld;
        }

        Faults.Window window() {
            return new Faults.Window(Faults.Kind.APP_OVERRUN, phase, startMs, endMs, detail());
        }
    }

    private AppOverrun() {}

    static Result run(String phase, GameDayDatabase database, GameClock clock)
            throws SQLException, InterruptedException {
        ReservedClient app = database.app();
        String roleError = "too many connections for role \"" + app.role() + "\"";
        List<Connection> opened = new ArrayList<>();
        Map<String, Integer> otherFailures = new TreeMap<>();
        int attempts = 0;
        int refused = 0;
        int peak = 0;
        long start = clock.millis();
        long end = start + LENGTH.toMillis();
        try (Connection admin = database.superuser();
                PreparedStatement held = admin.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND usename = ?")) {
            held.setString(1, app.role());
            for (long next = start; next < end; next += EVERY_MS) {
                clock.sleepUntil(next);
                int now;
                try (ResultSet rows = held.executeQuery()) {
                    rows.next();
                    now = rows.getInt(1);
                }
                peak = Math.max(peak, now);
                if (now >= FACTOR * app.share()) {
                    continue;
                }
                attempts++;
                try {
                    opened.add(database.appClient());
                } catch (SQLException e) {
                    if ("53300".equals(e.getSQLState())
                            && String.valueOf(e.getMessage()).contains(roleError)) {
                        refused++;
                    } else {
                        otherFailures.merge(
                                e.getSQLState() + " "
                                        + String.valueOf(e.getMessage())
                                                .lines()
                                                .findFirst()
                                                .orElse(""),
                                1,
                                Integer::sum);
                    }
                }
            }
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
        }
        return new Result(
                phase,
                start,
                clock.millis(),
                app.role(),
                app.share(),
                attempts,
                opened.size(),
                refused,
                otherFailures,
                peak);
    }
}
