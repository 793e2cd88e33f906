package com.taskdesk.bench.polls;

import com.taskdesk.assistance.AssistanceResource;
import com.taskdesk.holds.HoldsAgentsResource;
import com.taskdesk.holds.HoldsQueuesResource;
import com.taskdesk.portal.AgentTasksResource;
import com.taskdesk.portal.CompletedTodayResource;
import com.taskdesk.portal.HeartbeatResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The functions' one statement per call, their own SQL with the parameters their handlers bind (the
 * result cap at its default, 1,000 rows + 1; the Holds overview's parameterless call, every queue,
 * without credit for its per-instance cache).
 */
final class FunctionPolls {

    /** FunctionSetting.MAX_ROWS' default, plus the row that tells a cut answer. */
    static final int LIMIT = 1_001;

    private FunctionPolls() {}

    static int agentTasks(Connection c, PollRoute.Caller caller) throws SQLException {
        Sql.run(c, AgentTasksResource.SQL, caller.agentEmail(), false, LIMIT);
        return 1;
    }

    static int completedToday(Connection c, PollRoute.Caller caller) throws SQLException {
        Sql.run(
                c,
                CompletedTodayResource.SQL,
                caller.agentEmail(),
                caller.dayStart(),
                caller.dayEnd(),
                caller.dayStart(),
                caller.dayEnd());
        return 1;
    }

    static int heartbeat(Connection c, PollRoute.Caller caller) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Sql.run(c, HeartbeatResource.SQL, now, now, caller.agentEmail());
        return 1;
    }

    static int holdsQueues(Connection c, PollRoute.Caller caller) throws SQLException {
        Sql.run(c, HoldsQueuesResource.SQL, null, null);
        return 1;
    }

    static int holdsAgents(Connection c, PollRoute.Caller caller) throws SQLException {
        Sql.run(c, HoldsAgentsResource.SQL);
        return 1;
    }

    static int assistance(Connection c, PollRoute.Caller caller) throws SQLException {
        Sql.run(c, AssistanceResource.SQL, LIMIT);
        return 1;
    }
}
