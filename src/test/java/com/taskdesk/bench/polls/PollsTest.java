package com.taskdesk.bench.polls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.bench.harness.BenchDatabase;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The polls part on a small copy of the benchmark's data: each side sends what it stands for (the
 * app's Prisma statements as revision 3 counts them, the functions' one), and a minute of polling is
 * each route's calls a minute times its time a call.
 */
class PollsTest {

    private static BenchDatabase database;
    private static Polls.Result result;

    @BeforeAll
    static void measureOnSmallData() throws Exception {
        database = BenchDatabase.start(Map.of());
        result = Polls.measure(database, 2_000, 45); // every active agent of the data once
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static Map<String, String> statements(boolean functions) {
        return result.routes().stream().collect(Collectors.toMap(m -> m.route().name(), m -> {
            Polls.Side side = functions ? m.functions() : m.app();
            return side.minStatements() + "-" + side.maxStatements();
        }));
    }

    @Test
    void theAppSendsTheStatementsRevisionThreeCountsForEachPoll() {
        Map<String, String> app = statements(false);
        // Prisma skips a relation load without a key to load: an agent with no open task from a raw message sends 2
        assertEquals("3", app.get("agent-tasks").split("-")[1], "the user, the open tasks, their raw messages: " + app);
        assertTrue(Integer.parseInt(app.get("agent-tasks").split("-")[0]) >= 2, app.toString());
        assertEquals("1-1", app.get("heartbeat"));
        assertEquals("4-4", app.get("holds-queues"), "Holds tasks, assignees, completers, every user");
        assertEquals("2-2", app.get("holds-agents"));
        assertEquals("3-3", app.get("assistance"), "the requests, their assignees, their raw messages");
        String[] completed = app.get("completed-today").split("-");
        assertTrue(
                Integer.parseInt(completed[0]) >= 3 && Integer.parseInt(completed[1]) <= 6,
                "up to 6: the user; tasks and their raw messages; sessions, their tasks and raw messages: " + app);
    }

    @Test
    void eachFunctionSendsOneStatementPerCall() {
        statements(true).forEach((route, sent) -> assertEquals("1-1", sent, route));
    }

    @Test
    void aMinuteOfPollingIsEachRoutesCallsTimesItsTimeACall() {
        double app = 0;
        double functions = 0;
        for (Polls.Measured m : result.routes()) {
            app += m.route().callsPerMinute() * m.app().mean();
            functions += m.route().callsPerMinute() * m.functions().mean();
        }
        assertEquals(functions / app, Polls.ratio(result), 1e-9);
        assertEquals(
                600 + 100 + 100 + 4 + 4 + 26,
                Polls.ROUTES.stream().mapToDouble(PollRoute::callsPerMinute).sum(),
                "50 agents at 12 task polls a minute, the 30 s polls of 50 portals, 2 Holds overviews, 13 tabs");
        assertTrue(
                Polls.table(result).contains(String.format(java.util.Locale.ROOT, "**%.3fx**", Polls.ratio(result))));
    }
}
