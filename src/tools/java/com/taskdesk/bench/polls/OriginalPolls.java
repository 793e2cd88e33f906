package com.taskdesk.bench.polls;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The original app's statements for revision 3's polls, as contract revision 3 reads its snapshot
 * (../shared/spec/api-r3.md §3, "The app's statements per call"): Prisma 6 without the
 * relationJoins preview flag, so each relation is a statement of its own ({@code IN (...)} over the
 * parent rows' keys, skipped when there are none); the statements of a Promise.all are run here one
 * after another (their database time is the same; the connections they hold at once are counted in
 * {@link PollRoute#appConnections()}). The healthy case: the assistance call's retries and column
 * fallbacks (up to 27 statements when the database struggles) are not played.
 */
final class OriginalPolls {

    private OriginalPolls() {}

    /** The task columns the portal's list selects (revision 3 §3.1's 65 keys less the computed ones). */
    static final String TASK_COLUMNS = """
            "id", "status", "taskType", "assignedToId", "brand", "phone", "text", "startTime", "endTime",
            "durationSec", "disposition", "assistanceNotes", "managerResponse", "assistancePausedDurationSec",
            "assistanceRequestedAt", "createdAt", "updatedAt", "holdsOrderDate", "holdsOrderNumber",
            "holdsCustomerEmail", "holdsPriority", "holdsDaysInSystem", "holdsStatus", "holdsNotes",
            "holdsQueueHistory", "wodIvcsSource", "documentNumber", "warehouseEdgeStatus", "webOrder",
            "customerName", "shippingCountry", "shippingState", "amount", "webOrderDifference", "webOrderSubtotal",
            "webOrderTotal", "nsVsWebDiscrepancy", "netSuiteTotal", "webTotal", "webVsNsDifference", "purchaseDate",
            "emailRequestFor", "details", "salesforceCaseNumber", "customerNameNumber", "salesOrderId",
            "verifiedRefund", "paymentMethod", "refundReason", "productSku", "timestamp", "completionTime",
            "quantity", "amountToBeRefunded", "refundAmount", "yotpoDateSubmitted", "yotpoOrderDate",
            "yotpoReviewDate", "yotpoPrOrYotpo", "yotpoCustomerName", "yotpoEmail", "yotpoProduct",
            "yotpoIssueTopic", "yotpoReview", "yotpoSfOrderLink", "rawMessageId\"""";

    private static final String USER_BY_EMAIL = """
            SELECT "id", "isActive", "email", "name", "role", "isLive", "lastSeen", "createdAt", "updatedAt",
                   "agentTypes", "rosterTeam"
            FROM "User" WHERE "email" = ? LIMIT 1""";

    private static final String OPEN = "('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED', 'RESOLVED')";

    /** GET /api/agent/tasks: 3 sequential (the user, the tasks, their raw messages). */
    static int agentTasks(Connection c, PollRoute.Caller caller) throws SQLException {
        List<Object[]> user = Sql.run(c, USER_BY_EMAIL, caller.agentEmail());
        if (user.isEmpty() || !Boolean.TRUE.equals(user.get(0)[1])) {
            return 1;
        }
        List<Object[]> tasks = Sql.run(
                c,
                "SELECT " + TASK_COLUMNS + " FROM \"Task\" WHERE \"assignedToId\" = ? AND \"status\" IN " + OPEN
                        + " ORDER BY \"createdAt\" ASC",
                user.get(0)[0]);
        return 2 + rawMessages(c, tasks, 65);
    }

    /**
     * GET /api/agent/completed-today: the user, then at once the completed tasks with their raw
     * messages and the Holds work sessions with their tasks and those tasks' raw messages (up to 6).
     */
    static int completedToday(Connection c, PollRoute.Caller caller) throws SQLException {
        List<Object[]> user = Sql.run(c, USER_BY_EMAIL, caller.agentEmail());
        if (user.isEmpty() || !Boolean.TRUE.equals(user.get(0)[1])) {
            return 1;
        }
        Object id = user.get(0)[0];
        List<Object[]> tasks = Sql.run(
                c,
                "SELECT " + TASK_COLUMNS + " FROM \"Task\" WHERE (\"assignedToId\" = ? OR \"completedBy\" = ?)"
                        + " AND \"status\" = 'COMPLETED' AND \"taskType\" <> 'HOLDS' AND \"endTime\" >= ? AND \"endTime\" < ?"
                        + " ORDER BY \"endTime\" DESC",
                id,
                id,
                caller.dayStart(),
                caller.dayEnd());
        int statements = 2 + rawMessages(c, tasks, 65);
        List<Object[]> sessions = Sql.run(
                c,
                "SELECT \"taskId\", \"id\", \"agentId\", \"taskType\", \"startedAt\", \"endedAt\", \"durationSec\","
                        + " \"disposition\", \"fromQueue\", \"toQueue\", \"outcomeType\", \"isFinalResolution\","
                        + " \"countsTowardProductivity\" FROM \"TaskWorkSession\" WHERE \"agentId\" = ?"
                        + " AND \"taskType\" = 'HOLDS' AND \"countsTowardProductivity\" AND \"endedAt\" >= ?"
                        + " AND \"endedAt\" < ? ORDER BY \"endedAt\" DESC",
                id,
                caller.dayStart(),
                caller.dayEnd());
        statements++;
        Set<Object> taskIds = column(sessions, 0);
        if (!taskIds.isEmpty()) {
            List<Object[]> sessionTasks = Sql.run(
                    c,
                    "SELECT " + TASK_COLUMNS + " FROM \"Task\" WHERE " + Sql.in("\"id\"", taskIds),
                    taskIds.toArray());
            statements += 1 + rawMessages(c, sessionTasks, 65);
        }
        return statements;
    }

    /** POST /api/manager/users/heartbeat: one updateMany. */
    static int heartbeat(Connection c, PollRoute.Caller caller) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Sql.run(
                c,
                "UPDATE \"User\" SET \"lastSeen\" = ?, \"updatedAt\" = ? WHERE \"email\" = ?",
                now,
                now,
                caller.agentEmail());
        return 1;
    }

    /**
     * GET /api/holds/queues (the overview's parameterless poll): every HOLDS task, its assignee and its
     * completer (a relation load each), and every user at once on a second connection: 4.
     */
    static int holdsQueues(Connection c, PollRoute.Caller caller) throws SQLException {
        List<Object[]> tasks = Sql.run(c, """
                SELECT "assignedToId", "completedBy", "id", "text", "status", "holdsStatus", "holdsOrderNumber",
                       "holdsCustomerEmail", "holdsOrderDate", "holdsPriority", "holdsDaysInSystem",
                       "holdsOrderAmount", "holdsQueueHistory", "completedAt", "createdAt", "updatedAt"
                FROM "Task" WHERE "taskType" = 'HOLDS'
                ORDER BY "holdsOrderDate" ASC NULLS LAST, "holdsPriority" DESC NULLS FIRST, "createdAt" ASC""");
        int statements = 1 + users(c, column(tasks, 0)) + users(c, column(tasks, 1));
        Sql.run(c, "SELECT \"id\", \"name\" FROM \"User\" ORDER BY \"createdAt\" ASC");
        return statements + 1;
    }

    /** GET /api/holds/agents: the Holds specialists, then their open HOLDS counts (skipped for none): 2. */
    static int holdsAgents(Connection c, PollRoute.Caller caller) throws SQLException {
        List<Object[]> agents = Sql.run(c, """
                SELECT "id", "email", "name", "isLive", "lastSeen", "agentTypes" FROM "User"
                WHERE "role" IN ('AGENT', 'MANAGER_AGENT') AND "isActive" AND 'HOLDS' = ANY ("agentTypes")
                ORDER BY "name" ASC""");
        Set<Object> ids = column(agents, 0);
        if (ids.isEmpty()) {
            return 1;
        }
        Sql.run(
                c,
                "SELECT \"assignedToId\", count(\"id\") FROM \"Task\" WHERE " + Sql.in("\"assignedToId\"", ids)
                        + " AND \"taskType\" = 'HOLDS' AND \"status\" IN ('PENDING', 'IN_PROGRESS',"
                        + " 'ASSISTANCE_REQUIRED') GROUP BY \"assignedToId\"",
                ids.toArray());
        return 2;
    }

    /** GET /api/manager/assistance, healthy: the open requests, their assignees, their raw messages: 3. */
    static int assistance(Connection c, PollRoute.Caller caller) throws SQLException {
        List<Object[]> tasks = Sql.run(
                c,
                "SELECT " + TASK_COLUMNS + ", \"email\" FROM \"Task\" WHERE \"status\" = 'ASSISTANCE_REQUIRED'"
                        + " AND \"assistanceNotes\" IS NOT NULL AND \"assignedToId\" IS NOT NULL"
                        + " ORDER BY \"updatedAt\" DESC");
        return 1 + users(c, column(tasks, 3)) + rawMessages(c, tasks, 65);
    }

    private static int rawMessages(Connection c, List<Object[]> tasks, int rawMessageColumn) throws SQLException {
        Set<Object> ids = column(tasks, rawMessageColumn);
        if (ids.isEmpty()) {
            return 0;
        }
        Sql.run(
                c,
                "SELECT \"id\", \"brand\", \"phone\", \"text\" FROM \"RawMessage\" WHERE " + Sql.in("\"id\"", ids),
                ids.toArray());
        return 1;
    }

    private static int users(Connection c, Set<Object> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        Sql.run(c, "SELECT \"id\", \"name\", \"email\" FROM \"User\" WHERE " + Sql.in("\"id\"", ids), ids.toArray());
        return 1;
    }

    /** The distinct non-null values of one column, in order. */
    private static Set<Object> column(List<Object[]> rows, int index) {
        Set<Object> values = new LinkedHashSet<>();
        for (Object[] row : rows) {
            if (row[index] != null) {
                values.add(row[index]);
            }
        }
        return values;
    }
}
