package com.taskdesk.bench.dbtime;

import com.taskdesk.agents.AgentsResource;
import com.taskdesk.dashboard.AgentProgressResource;
import com.taskdesk.dashboard.MetricsResource;
import com.taskdesk.db.DayWindow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** These functions: the very statements the three handlers send, one each. */
final class OneStatementPerEndpoint implements DashboardLoad {

    /** The agents statement's filter: none, every agent (the dashboard lists them all). */
    static final String NO_FILTER = null;

    @Override
    public String name() {
        return "functions";
    }

    @Override
    public int run(Connection connection, LocalDateTime start, LocalDateTime end) throws SQLException {
        DashboardLoad.execute(connection, AgentsResource.SQL, NO_FILTER);
        DashboardLoad.execute(
                connection, AgentProgressResource.SQL, AgentProgressResource.parameters(new DayWindow(start, end)));
        DashboardLoad.execute(connection, MetricsResource.SQL, start, end);
        return 3;
    }
}
