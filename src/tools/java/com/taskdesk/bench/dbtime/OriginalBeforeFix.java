package com.taskdesk.bench.dbtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The Next.js app before its fix ("original-before"): per agent, 5 counts for the agents
 * page and 16 statements for the progress page, plus 7 metric counts; 1 + 5N + 1 + 16N + 7.
 */
final class OriginalBeforeFix implements DashboardLoad {

    private static final String AGENTS = """
            SELECT "id", "email", "name", "isLive", "lastSeen" FROM "User"
            WHERE "role" IN ('AGENT', 'MANAGER_AGENT') ORDER BY "createdAt" ASC""";
    private static final String OPEN = "'PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED'";
    private static final String OPEN_COUNT =
            "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" WHERE \"assignedToId\" = ? " + "AND \"status\" IN ("
                    + OPEN + ")) AS sub";
    private static final String OPEN_COUNT_OF_TYPE =
            "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" WHERE \"assignedToId\" = ? " + "AND \"status\" IN ("
                    + OPEN + ") AND \"taskType\" = ?::\"TaskType\") AS sub";
    private static final String IN_PROGRESS_COUNT =
            "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" WHERE \"assignedToId\" = ? "
                    + "AND \"status\" = 'IN_PROGRESS') AS sub";
    private static final String IN_PROGRESS_COUNT_OF_TYPE = "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" "
            + "WHERE \"assignedToId\" = ? AND \"status\" = 'IN_PROGRESS' AND \"taskType\" = ?::\"TaskType\") AS sub";
    private static final String COMPLETED_TODAY =
            "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" WHERE \"assignedToId\" = ? "
                    + "AND \"status\" = 'COMPLETED' AND \"endTime\" >= ? AND \"endTime\" < ?) AS sub";
    private static final String COMPLETED_OR_SENT_BACK_TODAY_OF_TYPE =
            "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" "
                    + "WHERE \"taskType\" = ?::\"TaskType\" AND ((\"assignedToId\" = ? AND \"status\" = 'COMPLETED' "
                    + "AND \"endTime\" >= ? AND \"endTime\" < ?) OR (\"sentBackBy\" = ? AND \"status\" = 'PENDING' "
                    + "AND \"endTime\" >= ? AND \"endTime\" < ?))) AS sub";
    private static final String LAST_ACTIVITY = "SELECT \"id\", \"updatedAt\" FROM \"Task\" WHERE \"assignedToId\" = ? "
            + "ORDER BY \"updatedAt\" DESC LIMIT 1";
    private static final String READY_RAW =
            "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"RawMessage\" WHERE \"status\" = 'READY') AS sub";
    private static final String TEXT_CLUB_OF_STATUS = "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" "
            + "WHERE \"taskType\" = 'TEXT_CLUB' AND \"status\" = ?::\"TaskStatus\") AS sub";
    private static final String TEXT_CLUB_COMPLETED_TODAY = "SELECT COUNT(*) FROM (SELECT \"id\" FROM \"Task\" "
            + "WHERE \"taskType\" = 'TEXT_CLUB' AND \"status\" = 'COMPLETED' AND \"endTime\" >= ? AND \"endTime\" < ?) AS sub";
    private static final List<String> TYPES = List.of("EMAIL_REQUESTS", "TEXT_CLUB", "WOD_IVCS", "STANDALONE_REFUNDS");

    @Override
    public String name() {
        return "original-before";
    }

    @Override
    public int run(Connection c, LocalDateTime start, LocalDateTime end) throws SQLException {
        int statements = 0;
        // agents: 1 + 5N
        List<Object> agents = DashboardLoad.execute(c, AGENTS);
        statements++;
        for (Object agent : agents) {
            DashboardLoad.execute(c, OPEN_COUNT, agent);
            for (String type : TYPES) {
                DashboardLoad.execute(c, OPEN_COUNT_OF_TYPE, agent, type);
            }
            statements += 5;
        }
        // agent-progress: 1 + 16N
        agents = DashboardLoad.execute(c, AGENTS);
        statements++;
        for (Object agent : agents) {
            DashboardLoad.execute(c, OPEN_COUNT, agent);
            DashboardLoad.execute(c, IN_PROGRESS_COUNT, agent);
            DashboardLoad.execute(c, COMPLETED_TODAY, agent, start, end);
            DashboardLoad.execute(c, LAST_ACTIVITY, agent);
            for (String type : TYPES) {
                DashboardLoad.execute(c, OPEN_COUNT_OF_TYPE, agent, type);
                DashboardLoad.execute(c, IN_PROGRESS_COUNT_OF_TYPE, agent, type);
                DashboardLoad.execute(
                        c, COMPLETED_OR_SENT_BACK_TODAY_OF_TYPE, type, agent, start, end, agent, start, end);
            }
            statements += 16;
        }
        // metrics: 7
        DashboardLoad.execute(c, READY_RAW);
        for (String status : List.of("PENDING", "SPAM_REVIEW")) {
            DashboardLoad.execute(c, TEXT_CLUB_OF_STATUS, status);
        }
        DashboardLoad.execute(c, TEXT_CLUB_COMPLETED_TODAY, start, end);
        for (String status : List.of("COMPLETED", "IN_PROGRESS", "ASSISTANCE_REQUIRED")) {
            DashboardLoad.execute(c, TEXT_CLUB_OF_STATUS, status);
        }
        return statements + 7;
    }
}
