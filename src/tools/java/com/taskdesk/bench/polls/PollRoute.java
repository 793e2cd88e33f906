package com.taskdesk.bench.polls;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One polled route (its function's name): how often the pages call it in a minute of polling, and one call of it on each
 * side, the original app's statements and the function's one.
 *
 * @param appConnections the connections one call of the app holds at once (its Promise.all waves)
 */
record PollRoute(String name, double callsPerMinute, int appConnections, Call app, Call functions) {

    /** One call by the n-th caller (an agent, for the portal's routes); returns the statements it sent. */
    interface Call {
        int run(Connection connection, Caller caller) throws SQLException;
    }

    /** Who calls, and the reporting day of the call (UTC, as the benchmark's data has "today"). */
    record Caller(String agentEmail, java.time.LocalDateTime dayStart, java.time.LocalDateTime dayEnd) {}
}
