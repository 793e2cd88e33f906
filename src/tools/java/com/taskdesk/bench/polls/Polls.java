package com.taskdesk.bench.polls;

import com.taskdesk.bench.harness.BenchDatabase;
import com.taskdesk.bench.harness.BenchDatabase.Indexes;
import com.taskdesk.bench.harness.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Part 6: a minute of revision 3's polls at 50 agents, the original app's statements against the
 * functions', on the benchmark's data (the pinned mix of V1000, the revision-3 columns of V1001,
 * every index migration on both sides). Each route is called by the 50 portals' agents in turn,
 * app and function interleaved on one connection, every row read; its database time a call (client
 * wall time of its statements; the server's own from pg_stat_statements) times its calls a minute
 * gives the database time a minute of polling.
 */
public final class Polls {

    /** The portals: 50 agents, the task list every 5 s, the completed column and the heartbeat every 30 s. */
    public static final int AGENTS = BenchDatabase.AGENTS;
    /** Open Holds overviews, each polling queues and agents every 30 s (an assumption: the Holds team's leads). */
    public static final int HOLDS_TABS = 2;
    /** Open manager tabs, each polling assistance every 30 s (config/prod.yaml: 13 manager pages). */
    public static final int MANAGER_TABS = 13;

    static final List<PollRoute> ROUTES = List.of(
            new PollRoute("agent-tasks", AGENTS * 12.0, 1, OriginalPolls::agentTasks, FunctionPolls::agentTasks),
            new PollRoute(
                    "completed-today", AGENTS * 2.0, 2, OriginalPolls::completedToday, FunctionPolls::completedToday),
            new PollRoute("heartbeat", AGENTS * 2.0, 1, OriginalPolls::heartbeat, FunctionPolls::heartbeat),
            new PollRoute("holds-queues", HOLDS_TABS * 2.0, 2, OriginalPolls::holdsQueues, FunctionPolls::holdsQueues),
            new PollRoute("holds-agents", HOLDS_TABS * 2.0, 1, OriginalPolls::holdsAgents, FunctionPolls::holdsAgents),
            new PollRoute("assistance", MANAGER_TABS * 2.0, 1, OriginalPolls::assistance, FunctionPolls::assistance));

    /** One side of one route: client ms of each call, statements of each call, the server's ms a call. */
    record Side(double[] clientMs, int minStatements, int maxStatements, double serverMs) {
        double mean() {
            return Arrays.stream(clientMs).average().orElse(Double.NaN);
        }

        double p99() {
            return Stats.percentile(clientMs, 99);
        }
    }

    record Measured(PollRoute route, Side app, Side functions) {}

    /** Calls of a route on each side at least, and the time after which a slow route stops short of the asked calls. */
    static final int MIN_CALLS = 10;

    static final long ROUTE_BUDGET_NANOS = 30_000_000_000L;
    /** Calls of each side whose server time pg_stat_statements sums. */
    static final int SERVER_CALLS = 10;

    public record Result(int tasks, long generatedMs, int calls, List<Measured> routes) {}

    private static final Path REVISION_THREE_DATA =
            Path.of("src/local/resources/db/demo/V1001__demo_data_revision_three.sql");

    private Polls() {}

    /** Loads the data at this size, then {@code calls} calls of each route on each side. */
    public static Result measure(BenchDatabase database, int tasks, int calls) throws SQLException {
        long generated = database.load(tasks);
        try (Connection connection = database.connect()) {
            BenchDatabase.execute(connection, Files.readString(REVISION_THREE_DATA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Indexes indexes : List.of(Indexes.V2, Indexes.V3, Indexes.V5)) {
            database.apply(indexes);
        }
        LocalDateTime dayStart = LocalDate.now(ZoneOffset.UTC).atStartOfDay();
        List<PollRoute.Caller> callers = new ArrayList<>();
        try (Connection connection = database.connect()) {
            for (Object[] row : Sql.run(connection, """
                    SELECT "email" FROM "User" WHERE "role" IN ('AGENT', 'MANAGER_AGENT') AND "isActive"
                    ORDER BY "id\"""")) {
                callers.add(new PollRoute.Caller((String) row[0], dayStart, dayStart.plusDays(1)));
            }
            List<Measured> measured = new ArrayList<>();
            for (PollRoute route : ROUTES) {
                measured.add(measure(connection, route, callers, calls));
            }
            return new Result(tasks, generated, calls, measured);
        }
    }

    private static Measured measure(Connection c, PollRoute route, List<PollRoute.Caller> callers, int calls)
            throws SQLException {
        double[][] millis = new double[2][calls];
        int[][] statements = {{Integer.MAX_VALUE, 0}, {Integer.MAX_VALUE, 0}};
        PollRoute.Call[] sides = {route.app(), route.functions()};
        for (PollRoute.Call side : sides) {
            side.run(c, callers.get(0)); // warm-up
        }
        long started = System.nanoTime();
        int made = 0;
        // a slow route (the whole Holds queue at 1M tasks) stops after its time budget, never before MIN_CALLS
        while (made < calls && (made < MIN_CALLS || System.nanoTime() - started < ROUTE_BUDGET_NANOS)) {
            PollRoute.Caller caller = callers.get(made % callers.size());
            for (int s = 0; s < 2; s++) {
                long t0 = System.nanoTime();
                int sent = sides[s].run(c, caller);
                millis[s][made] = (System.nanoTime() - t0) / 1e6;
                statements[s][0] = Math.min(statements[s][0], sent);
                statements[s][1] = Math.max(statements[s][1], sent);
            }
            made++;
        }
        double[] server = new double[2];
        int serverCalls = Math.min(made, SERVER_CALLS);
        for (int s = 0; s < 2; s++) {
            BenchDatabase.execute(c, "SELECT pg_stat_statements_reset()");
            for (int call = 0; call < serverCalls; call++) {
                sides[s].run(c, callers.get(call % callers.size()));
            }
            server[s] = ((Number) Sql.run(
                                            c,
                                            "SELECT COALESCE(sum(total_exec_time), 0)::float8 FROM pg_stat_statements"
                                                    + " WHERE query NOT ILIKE '%pg_stat_statements%'")
                                    .get(0)[0])
                            .doubleValue()
                    / serverCalls;
        }
        System.out.printf(Locale.ROOT, "polls: %s, %d calls a side%n", route.name(), made);
        return new Measured(
                route,
                new Side(Arrays.copyOf(millis[0], made), statements[0][0], statements[0][1], server[0]),
                new Side(Arrays.copyOf(millis[1], made), statements[1][0], statements[1][1], server[1]));
    }

    /** Database ms a minute of polling: each route's calls a minute times its mean ms a call. */
    static double perMinute(Result result, boolean functions, boolean serverTime) {
        return result.routes().stream()
                .mapToDouble(m -> {
                    Side side = functions ? m.functions() : m.app();
                    return m.route().callsPerMinute() * (serverTime ? side.serverMs() : side.mean());
                })
                .sum();
    }

    /** functions ÷ app, database time a minute (client wall time): the goal is at most 0.1. */
    public static double ratio(Result result) {
        return perMinute(result, true, false) / perMinute(result, false, false);
    }

    public static double serverRatio(Result result) {
        return perMinute(result, true, true) / perMinute(result, false, true);
    }

    public static String table(Result result) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "#### %,d tasks, %d agents (up to %,d calls of each route on each side, interleaved, at least %d and"
                        + " as many as fit in %d s; generated in %.1f s)%n%n",
                result.tasks(),
                AGENTS,
                result.calls(),
                MIN_CALLS,
                ROUTE_BUDGET_NANOS / 1_000_000_000L,
                result.generatedMs() / 1000.0));
        out.append(
                "| route | calls a minute | calls measured | app: statements a call | app: ms a call, mean / p99 | functions: ms a call,"
                        + " mean / p99 | server ms a call, app / functions | app: connections a call | app: db ms a minute |"
                        + " functions: db ms a minute | ÷ |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measured m : result.routes()) {
            double app = m.route().callsPerMinute() * m.app().mean();
            double functions = m.route().callsPerMinute() * m.functions().mean();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %d | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %d | %,.0f | %,.0f | %.3fx |%n",
                    m.route().name(),
                    m.route().callsPerMinute(),
                    m.app().clientMs().length,
                    m.app().minStatements() == m.app().maxStatements()
                            ? Integer.toString(m.app().minStatements())
                            : m.app().minStatements() + " to " + m.app().maxStatements(),
                    m.app().mean(),
                    m.app().p99(),
                    m.functions().mean(),
                    m.functions().p99(),
                    m.app().serverMs(),
                    m.functions().serverMs(),
                    m.route().appConnections(),
                    app,
                    functions,
                    functions / app));
        }
        double app = perMinute(result, false, false);
        double functions = perMinute(result, true, false);
        double calls = ROUTES.stream().mapToDouble(PollRoute::callsPerMinute).sum();
        out.append(String.format(
                Locale.ROOT,
                "| **a minute of polling** | %.0f | | | | | | | **%,.0f** | **%,.0f** | **%.3fx** |%n%n",
                calls,
                app,
                functions,
                functions / app));
        out.append(String.format(
                Locale.ROOT,
                "Server time (pg_stat_statements, mean of up to %d calls a route): app %,.0f ms a minute, functions %,.0f:"
                        + " **%.3fx**. Connections busy on average over the minute (database time ÷ 60 s): app %.2f,"
                        + " functions %.2f; one call holds 1 connection on the functions' side, up to 2 at once on the"
                        + " app's (its Promise.all), whose pools keep theirs open between calls.%n",
                SERVER_CALLS,
                perMinute(result, false, true),
                perMinute(result, true, true),
                serverRatio(result),
                app / 60_000,
                functions / 60_000));
        return out.toString();
    }
}
