package com.taskdesk.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * The Next.js app after its fix (../shared/spec/original-queries.md, "original-after"):
 * 11 statements per load, as Prisma wrote them (groupBy; last activity fetched whole and
 * de-duplicated in memory, as Prisma 6 does without its preview flag).
 */
final class OriginalAfterFix implements DashboardLoad {

    private static final String AGENTS = """
            SELECT "id", "email", "name", "isLive", "lastSeen" FROM "User"
            WHERE "role" IN ('AGENT', 'MANAGER_AGENT') ORDER BY "createdAt" ASC""";
    private static final String OPEN_BY_AGENT_AND_TYPE = """
            SELECT "assignedToId", "taskType", COUNT("id") FROM "Task"
            WHERE "status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED') AND "assignedToId" IS NOT NULL
            GROUP BY "assignedToId", "taskType\"""";
    private static final String IN_PROGRESS_BY_AGENT_AND_TYPE = """
            SELECT "assignedToId", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'IN_PROGRESS' AND "assignedToId" IS NOT NULL
            GROUP BY "assignedToId", "taskType\"""";
    private static final String COMPLETED_TODAY_BY_AGENT_AND_TYPE = """
            SELECT "assignedToId", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'COMPLETED' AND "endTime" >= ? AND "endTime" < ? AND "assignedToId" IS NOT NULL
            GROUP BY "assignedToId", "taskType\"""";
    private static final String SENT_BACK_TODAY_BY_AGENT_AND_TYPE = """
            SELECT "sentBackBy", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'PENDING' AND "sentBackBy" IS NOT NULL AND "endTime" >= ? AND "endTime" < ?
            GROUP BY "sentBackBy", "taskType\"""";
    private static final String LAST_ACTIVITY_ROWS = """
            SELECT "assignedToId", "updatedAt" FROM "Task" WHERE "assignedToId" IS NOT NULL
            ORDER BY "assignedToId" ASC, "updatedAt" DESC""";
    private static final String READY_RAW = """
            SELECT COUNT(*) FROM (SELECT "id" FROM "RawMessage" WHERE "status" = 'READY') AS sub""";
    private static final String TEXT_CLUB_BY_STATUS = """
            SELECT "status", COUNT("id") FROM "Task" WHERE "taskType" = 'TEXT_CLUB' GROUP BY "status\"""";
    private static final String TEXT_CLUB_COMPLETED_TODAY = """
            SELECT COUNT(*) FROM (SELECT "id" FROM "Task" WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'COMPLETED'
            AND "endTime" >= ? AND "endTime" < ?) AS sub""";

    @Override
    public String name() {
        return "original-after";
    }

    @Override
    public int run(Connection c, LocalDateTime start, LocalDateTime end) throws SQLException {
        // agents: 2
        DashboardLoad.execute(c, AGENTS);
        DashboardLoad.execute(c, OPEN_BY_AGENT_AND_TYPE);
        // agent-progress: 6
        DashboardLoad.execute(c, AGENTS);
        DashboardLoad.execute(c, OPEN_BY_AGENT_AND_TYPE);
        DashboardLoad.execute(c, IN_PROGRESS_BY_AGENT_AND_TYPE);
        DashboardLoad.execute(c, COMPLETED_TODAY_BY_AGENT_AND_TYPE, start, end);
        DashboardLoad.execute(c, SENT_BACK_TODAY_BY_AGENT_AND_TYPE, start, end);
        DashboardLoad.execute(c, LAST_ACTIVITY_ROWS);
        // metrics: 3
        DashboardLoad.execute(c, READY_RAW);
        DashboardLoad.execute(c, TEXT_CLUB_BY_STATUS);
        DashboardLoad.execute(c, TEXT_CLUB_COMPLETED_TODAY, start, end);
        return 11;
    }
}
