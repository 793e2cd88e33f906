package com.taskdesk.bench.dbtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The Next.js app after its fix (../shared/spec/original-queries.md, "original-after"), as its
 * snapshot of 2026-05-20 (commit 9e67bdd) computes revision 2's numbers: 15 statements per load,
 * as Prisma wrote them (groupBy; last activity fetched whole and de-duplicated in memory, as
 * Prisma 6 does without its preview flag). agents: the list (with "agentTypes" and "rosterTeam")
 * and the open counts; agent-progress: 8 at once, its revision-1 six plus the PENDING grouping
 * (assigned, not started) and the "completedBy" grouping; metrics: 2 at once, then completed
 * today with the sent-back rows, the unassigned PENDING count and the assigned one, each awaited
 * in turn. Each endpoint is a list of waves: the statements of a wave were sent at once
 * (Promise.all), a wave after the one before it.
 */
public final class OriginalAfterFix implements DashboardLoad {

    /** One statement; its {@code ?} are today's start and end, in pairs. */
    public record Query(String name, String sql) {

        public int parameters() {
            return (int) sql.chars().filter(c -> c == '?').count();
        }

        public Object[] bind(LocalDateTime start, LocalDateTime end) {
            Object[] values = new Object[parameters()];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 2 == 0 ? start : end;
            }
            return values;
        }
    }

    private static final Query AGENTS = new Query("agents", """
            SELECT "id", "email", "name", "isLive", "lastSeen", "agentTypes", "rosterTeam" FROM "User"
            WHERE "role" IN ('AGENT', 'MANAGER_AGENT') ORDER BY "createdAt" ASC""");
    private static final Query PROGRESS_AGENTS = new Query("progressAgents", """
            SELECT "id", "name", "email", "isLive", "lastSeen" FROM "User"
            WHERE "role" IN ('AGENT', 'MANAGER_AGENT')""");
    private static final Query OPEN_BY_AGENT_AND_TYPE = new Query("open", """
            SELECT "assignedToId", "taskType", COUNT("id") FROM "Task"
            WHERE "status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED') AND "assignedToId" IS NOT NULL
            GROUP BY "assignedToId", "taskType\"""");
    private static final Query NOT_STARTED_BY_AGENT_AND_TYPE = new Query("assignedNotStarted", """
            SELECT "assignedToId", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'PENDING' AND "assignedToId" IS NOT NULL
            GROUP BY "assignedToId", "taskType\"""");
    private static final Query IN_PROGRESS_BY_AGENT_AND_TYPE = new Query("inProgress", """
            SELECT "assignedToId", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'IN_PROGRESS' AND "assignedToId" IS NOT NULL
            GROUP BY "assignedToId", "taskType\"""");
    private static final Query COMPLETED_TODAY_BY_AGENT_AND_TYPE = new Query("completedToday", """
            SELECT "assignedToId", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'COMPLETED' AND "endTime" >= ? AND "endTime" < ? AND "assignedToId" IS NOT NULL
            GROUP BY "assignedToId", "taskType\"""");
    private static final Query COMPLETED_BY_TODAY_BY_AGENT_AND_TYPE = new Query("completedByToday", """
            SELECT "completedBy", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'COMPLETED' AND "endTime" >= ? AND "endTime" < ? AND "completedBy" IS NOT NULL
            GROUP BY "completedBy", "taskType\"""");
    private static final Query SENT_BACK_TODAY_BY_AGENT_AND_TYPE = new Query("sentBackToday", """
            SELECT "sentBackBy", "taskType", COUNT("id") FROM "Task"
            WHERE "status" = 'PENDING' AND "sentBackBy" IS NOT NULL AND "endTime" >= ? AND "endTime" < ?
            GROUP BY "sentBackBy", "taskType\"""");
    /** Every assigned task's (agent, updatedAt), newest first per agent: the caller keeps the first of each. */
    public static final Query LAST_ACTIVITY_ROWS = new Query("lastActivity", """
            SELECT "assignedToId", "updatedAt" FROM "Task" WHERE "assignedToId" IS NOT NULL
            ORDER BY "assignedToId" ASC, "updatedAt" DESC""");

    private static final Query READY_RAW = new Query("readyRaw", """
            SELECT COUNT(*) FROM (SELECT "id" FROM "RawMessage" WHERE "status" = 'READY') AS sub""");
    private static final Query TEXT_CLUB_BY_STATUS = new Query("textClubByStatus", """
            SELECT "status", COUNT("id") FROM "Task" WHERE "taskType" = 'TEXT_CLUB' GROUP BY "status\"""");
    private static final Query TEXT_CLUB_COMPLETED_TODAY = new Query("textClubCompletedToday", """
            SELECT COUNT(*) FROM (SELECT "id" FROM "Task" WHERE "taskType" = 'TEXT_CLUB'
            AND (("status" = 'COMPLETED' AND "endTime" >= ? AND "endTime" < ?)
              OR ("status" = 'PENDING' AND "sentBackBy" IS NOT NULL AND "endTime" >= ? AND "endTime" < ?))) AS sub""");
    private static final Query TEXT_CLUB_UNASSIGNED_PENDING = new Query("textClubUnassignedPending", """
            SELECT COUNT(*) FROM (SELECT "id" FROM "Task" WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'PENDING'
            AND "assignedToId" IS NULL) AS sub""");
    private static final Query TEXT_CLUB_ASSIGNED_NOT_STARTED = new Query("textClubAssignedNotStarted", """
            SELECT COUNT(*) FROM (SELECT "id" FROM "Task" WHERE "taskType" = 'TEXT_CLUB' AND "status" = 'PENDING'
            AND "assignedToId" IS NOT NULL) AS sub""");

    /** The three dashboard endpoints by path, each as its waves of statements sent at once. */
    public static final Map<String, List<List<Query>>> ENDPOINTS = Map.of(
            "/api/manager/agents", List.of(List.of(AGENTS, OPEN_BY_AGENT_AND_TYPE)),
            "/api/manager/dashboard/agent-progress",
                    List.of(List.of(
                            PROGRESS_AGENTS,
                            OPEN_BY_AGENT_AND_TYPE,
                            NOT_STARTED_BY_AGENT_AND_TYPE,
                            IN_PROGRESS_BY_AGENT_AND_TYPE,
                            COMPLETED_TODAY_BY_AGENT_AND_TYPE,
                            COMPLETED_BY_TODAY_BY_AGENT_AND_TYPE,
                            SENT_BACK_TODAY_BY_AGENT_AND_TYPE,
                            LAST_ACTIVITY_ROWS)),
            "/api/manager/dashboard/metrics",
                    List.of(
                            List.of(READY_RAW, TEXT_CLUB_BY_STATUS),
                            List.of(TEXT_CLUB_COMPLETED_TODAY),
                            List.of(TEXT_CLUB_UNASSIGNED_PENDING),
                            List.of(TEXT_CLUB_ASSIGNED_NOT_STARTED)));

    @Override
    public String name() {
        return "original-after";
    }

    @Override
    public int run(Connection c, LocalDateTime start, LocalDateTime end) throws SQLException {
        int statements = 0;
        for (String path : List.of(
                "/api/manager/agents", "/api/manager/dashboard/agent-progress", "/api/manager/dashboard/metrics")) {
            for (List<Query> wave : ENDPOINTS.get(path)) {
                for (Query query : wave) {
                    DashboardLoad.execute(c, query.sql(), query.bind(start, end));
                    statements++;
                }
            }
        }
        return statements;
    }
}
