package com.taskdesk.budget.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.Burst;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.testing.SimulatedFunction;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated Lambda instances (one Agroal pool each, one request at a time, throttled beyond
 * maxInstances) under a burst of concurrent one-statement requests against a real PostgreSQL
 * with max_connections = 20: with a budget that passes the check the database never says no,
 * even across a deploy; with the original app's settings it does, and the check rejects them.
 */
class SimulatedLambdaBurstTest {

    /** The pool timeout of every simulated instance. */
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);

    private static final String REQUEST = "SELECT pg_sleep(0.05)";
    private static final int THREADS_PER_FUNCTION = 6;
    private static final int REQUESTS_PER_THREAD = 4;
    /** max_connections - superuser_reserved_connections 3 - the observer's own connection. */
    private static final int ROOM_FOR_FUNCTIONS = SimulationDatabase.MAX_CONNECTIONS - 3 - 1;

    private final SimulationDatabase database = SimulationDatabase.get();
    private final List<SimulatedFunction> functions = new ArrayList<>();

    @AfterEach
    void closeInstances() throws Exception {
        functions.forEach(SimulatedFunction::close);
        List<String> roles = new ArrayList<>(database.roleNames());
        roles.add(SimulationDatabase.APP_ROLE);
        database.awaitNoConnections(roles);
    }

    /** One version of the stage's functions, each connecting as its own role. */
    private List<SimulatedFunction> deploy(StageConfig stage) {
        List<SimulatedFunction> version = new ArrayList<>();
        for (FunctionBudget function : stage.functions()) {
            version.add(SimulatedFunction.oneStatementPerRequest(
                    function.name(),
                    function.maxInstances(),
                    function.connectionLimit(),
                    POOL_TIMEOUT,
                    database.url(),
                    stage.roleName(function.name()),
                    SimulationDatabase.PASSWORD));
        }
        functions.addAll(version);
        return version;
    }

    private static String failures(List<SimulatedFunction> functions) {
        return functions.stream()
                .flatMap(f -> f.failures().stream())
                .distinct()
                .toList()
                .toString();
    }

    @Test
    void aBudgetThatPassesTheCheckIsThrottledByLambdaNeverRefusedByTheDatabaseEvenAcrossADeploy() throws Exception {
        database.applyRoles();
        assertEquals(List.of(), BudgetCheck.run(database.config()));
        StageConfig stage = database.stage();

        try (Connection observer = database.superuser()) {
            List<SimulatedFunction> version1 = deploy(stage);
            Burst.Result before = Burst.run(version1, THREADS_PER_FUNCTION, REQUESTS_PER_THREAD, REQUEST, observer);
            // A deploy: the new version's instances start while the old ones, frozen, keep their connections.
            List<SimulatedFunction> version2 = deploy(stage);
            Burst.Result after = Burst.run(version2, THREADS_PER_FUNCTION, REQUESTS_PER_THREAD, REQUEST, observer);

            System.out.println("budget that passes the check, version 1: " + before);
            System.out.println("budget that passes the check, version 2 beside version 1: " + after);
            for (Burst.Result burst : List.of(before, after)) {
                assertEquals(0, burst.count(SimulatedFunction.Outcome.REFUSED_53300), burst.toString());
                assertEquals(0, burst.count(SimulatedFunction.Outcome.UNAVAILABLE_503), failures(functions));
                assertTrue(burst.count(SimulatedFunction.Outcome.SERVED) > 0, burst.toString());
                assertTrue(
                        burst.count(SimulatedFunction.Outcome.THROTTLED) > 0,
                        "requests beyond maxInstances get Lambda's 429: " + burst);
            }
            int instances = functions.stream()
                    .mapToInt(SimulatedFunction::instanceCount)
                    .sum();
            assertEquals(SimulationDatabase.BUDGET, instances, "both versions at their caps");
            assertEquals(SimulationDatabase.BUDGET, after.peakClientConnections(), "the whole budget in use");
            assertTrue(after.peakClientConnections() <= ROOM_FOR_FUNCTIONS);
        }
    }

    @Test
    void theOriginalAppsSettingsExhaustTheDatabaseUnderTheSameBurstAndTheCheckRejectsThem(@TempDir Path temp)
            throws Exception {
        // connection_limit=10 per instance and nothing capping the instances, on the same server.
        ProjectCopy copy = ProjectCopy.empty(temp)
                .stage("original", "embedded", SimulationDatabase.MAX_CONNECTIONS, 4, 2, null, 10, Map.of());
        StageConfig original = copy.config().stage("original");
        List<String> findings =
                copy.findings().stream().map(f -> f.kind() + " " + f.subject()).toList();
        assertTrue(
                findings.containsAll(List.of(
                        "CAP_ABOVE_USE original/agents",
                        "NO_INSTANCE_CAP original/agents",
                        "UNBOUNDED database embedded")),
                findings.toString());

        try (Connection observer = database.superuser()) {
            for (FunctionBudget function : original.functions()) {
                functions.add(SimulatedFunction.oneStatementPerRequest(
                        function.name(),
                        function.maxInstances(),
                        function.connectionLimit(),
                        POOL_TIMEOUT,
                        database.url(),
                        SimulationDatabase.APP_ROLE,
                        SimulationDatabase.PASSWORD));
            }
            Burst.Result burst = Burst.run(functions, THREADS_PER_FUNCTION, REQUESTS_PER_THREAD, REQUEST, observer);
            System.out.println("original app's settings: " + burst);

            assertTrue(burst.count(SimulatedFunction.Outcome.REFUSED_53300) > 0, "PostgreSQL says 53300: " + burst);
            assertEquals(0, burst.count(SimulatedFunction.Outcome.THROTTLED), "nothing throttles: " + burst);
            assertEquals(0, burst.count(SimulatedFunction.Outcome.UNAVAILABLE_503), failures(functions));
            assertEquals(ROOM_FOR_FUNCTIONS, burst.peakClientConnections(), "the server is full");
            int instances = functions.stream()
                    .mapToInt(SimulatedFunction::instanceCount)
                    .sum();
            assertTrue(
                    instances > ROOM_FOR_FUNCTIONS,
                    instances + " instances for " + ROOM_FOR_FUNCTIONS + " connections");
        }
    }
}
