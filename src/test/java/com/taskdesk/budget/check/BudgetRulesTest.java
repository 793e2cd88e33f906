package com.taskdesk.budget.check;

import static com.taskdesk.budget.SampleProject.DEV_BUDGET;
import static com.taskdesk.budget.SampleProject.FUNCTIONS;
import static com.taskdesk.budget.SampleProject.PROD_BUDGET;
import static com.taskdesk.budget.SampleProject.PROD_WORST_CASE;
import static com.taskdesk.budget.config.Finding.Kind.ABOVE_HTTP_API_LIMIT;
import static com.taskdesk.budget.config.Finding.Kind.CAP_ABOVE_USE;
import static com.taskdesk.budget.config.Finding.Kind.CLIENT_OVER_SHARE;
import static com.taskdesk.budget.config.Finding.Kind.CLIENT_ROLE_SHARED;
import static com.taskdesk.budget.config.Finding.Kind.MANAGED_INSTANCES_MEMORY;
import static com.taskdesk.budget.config.Finding.Kind.NOTHING_LEFT;
import static com.taskdesk.budget.config.Finding.Kind.NO_INSTANCE_CAP;
import static com.taskdesk.budget.config.Finding.Kind.OVER_BUDGET;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_CLIENTS_OVER;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_DROPS_SCHEMA;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_POOL_TOO_LARGE;
import static com.taskdesk.budget.config.Finding.Kind.POOLER_PREPARED_STATEMENTS;
import static com.taskdesk.budget.config.Finding.Kind.POOL_QUEUE;
import static com.taskdesk.budget.config.Finding.Kind.POOL_TIMEOUT_BELOW_CONNECT_TIMEOUT;
import static com.taskdesk.budget.config.Finding.Kind.PROXY_PINS;
import static com.taskdesk.budget.config.Finding.Kind.TIMEOUTS_DO_NOT_NEST;
import static com.taskdesk.budget.config.Finding.Kind.UNBOUNDED;
import static com.taskdesk.budget.config.Finding.Kind.ZERO_INSTANCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SampleProject;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FunctionBudget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The check's rules, each by the one finding it gives: the budget inequality (summed over the
 * stages sharing a database, with the deploy overlap, behind poolers), the timeout nesting, and
 * the caps. Each case edits the tests' own project ({@link SampleProject}) or builds a stage for the
 * rule, and names the finding's kind, subject and the numbers in it.
 */
class BudgetRulesTest {

    /** One config/ edit: a key of a file of the sample project set to a value. */
    private static Consumer<ProjectCopy> set(String file, String key, Object value) {
        return copy -> copy.set("config/" + file, key, value);
    }

    private static Arguments finding(
            String what, Consumer<ProjectCopy> edit, Finding.Kind kind, String subject, String... numbers) {
        return Arguments.of(what, edit, kind, subject, List.of(numbers));
    }

    static Stream<Arguments> sampleProjectEdits() {
        return Stream.of(
                // the planned long-running service: 3 replicas x a pool of 13 = 39 against the app's 28.
                finding(
                        "a long-running app whose replicas' pools open more than its share",
                        set(
                                "databases.yaml",
                                "prod-db.reservedFor.restOfApp",
                                Map.of(
                                        "share",
                                        28,
                                        "client",
                                        "longRunning",
                                        "role",
                                        "shop_app",
                                        "replicas",
                                        3,
                                        "connectionLimit",
                                        13)),
                        CLIENT_OVER_SHARE,
                        "database prod-db",
                        "reservedFor.restOfApp (longRunning, role shop_app): 3 replicas x connectionLimit 13 = 39"
                                + " can open more than its share 28",
                        "what fits: connectionLimit 9 (3 x 9 = 27), or 2 replicas (2 x 13 = 26)"),
                finding(
                        "a serverless app whose one instance's pool is above its share",
                        set(
                                "databases.yaml",
                                "prod-db.reservedFor.restOfApp",
                                Map.of("share", 28, "client", "netlify", "role", "shop_app", "connectionLimit", 30)),
                        CLIENT_OVER_SHARE,
                        "database prod-db",
                        "connectionLimit 30 per instance can open more than its share 28",
                        "connectionLimit 28 or less per instance (with 1, up to 28 instances at once)"),
                finding(
                        "two shares on one role",
                        set("databases.yaml", "prod-db.reservedFor.migrations.role", "shop_app"),
                        CLIENT_ROLE_SHARED,
                        "database prod-db",
                        "reservedFor.migrations names role shop_app, as reservedFor.restOfApp does"),
                finding(
                        "a share on a function's role",
                        set("databases.yaml", "prod-db.reservedFor.humans.role", "taskdesk_prod_agents"),
                        CLIENT_ROLE_SHARED,
                        "database prod-db",
                        "names role taskdesk_prod_agents, as function prod/agents does"),
                // 6 to spare before; agents 5 -> 9 adds 4 x 1 x 2 = 8.
                finding(
                        "prod agents at 9 instances over-commits its database",
                        set("prod.yaml", "functions.agents.maxInstances", 9),
                        OVER_BUDGET,
                        "database prod-db",
                        "worst case is " + (PROD_WORST_CASE + 8),
                        "= " + PROD_BUDGET + " by 2",
                        "prod/agents 9 x 1 x 2 = 18"),
                // dev and staging share dev-db, 2 to spare; staging agents 1 -> 3 adds 4.
                finding(
                        "stages on one database are summed",
                        set("staging.yaml", "functions.agents.maxInstances", 3),
                        OVER_BUDGET,
                        "database dev-db",
                        "worst case is " + (DEV_BUDGET + 2),
                        "= " + DEV_BUDGET + " by 2",
                        "dev/agents 1 x 1 x 2 = 2",
                        "staging/agents 3 x 1 x 2 = 6"),
                // 2 + 2 + 8 + 3 = 15, not below 15.
                finding(
                        "a timeout chain reaching the function timeout",
                        set("prod.yaml", "functions.agents.statementTimeoutSeconds", 8),
                        TIMEOUTS_DO_NOT_NEST,
                        "prod/agents",
                        "poolTimeoutSeconds 2",
                        "connectTimeoutSeconds 2",
                        "statementTimeoutSeconds 8",
                        "timeoutMarginSeconds 3",
                        "= 15 s",
                        "functionTimeoutSeconds 15"),
                finding(
                        "a connect timeout the pool timeout cuts short",
                        set("prod.yaml", "functions.agents.connectTimeoutSeconds", 3),
                        POOL_TIMEOUT_BELOW_CONNECT_TIMEOUT,
                        "prod/agents",
                        "poolTimeoutSeconds 2",
                        "below connectTimeoutSeconds 3",
                        "a connect slower than 2 s is a 503"),
                finding(
                        "the original advice, pool_timeout=20 on a 10 s function",
                        set(
                                "prod.yaml",
                                "functions.metrics",
                                Map.of("maxInstances", 3, "poolTimeoutSeconds", 20, "functionTimeoutSeconds", 10)),
                        TIMEOUTS_DO_NOT_NEST,
                        "prod/metrics",
                        "= 30 s",
                        "functionTimeoutSeconds 10"),
                finding(
                        "a function timeout above the HTTP API's 30 s",
                        set("prod.yaml", "functions.mark-spam.functionTimeoutSeconds", 31),
                        ABOVE_HTTP_API_LIMIT,
                        "prod/mark-spam",
                        "31",
                        "30 s"),
                // 4 requests in waves of 1, 200 ms each: the last waits 3 x 200 ms, within the 2 s pool timeout.
                finding(
                        "Managed Instances: requests beyond the pool cap queue on it (a warning)",
                        set("prod.yaml", "functions.agents", managedInstances(5, 1, 4)),
                        POOL_QUEUE,
                        "prod/agents",
                        "4 requests per environment",
                        "connectionLimit 1",
                        "up to 3 per environment queue",
                        "at most poolTimeoutSeconds 2",
                        "(4 / 1 - 1) x 200 ms = 600 ms",
                        "within the pool timeout"),
                // Java's default of 32 per environment on 2 connections: 15 waves of 200 ms ahead of the last.
                finding(
                        "Managed Instances: a queue longer than the pool timeout answers 503 at full concurrency",
                        set("prod.yaml", "functions.agents", managedInstances(2, 2, 32)),
                        POOL_QUEUE,
                        "prod/agents",
                        "up to 30 per environment queue",
                        "(32 / 2 - 1) x 200 ms = 3000 ms",
                        "beyond the pool timeout",
                        "raise connectionLimit"),
                finding(
                        "Managed Instances: no more connections than requests per environment",
                        set("prod.yaml", "functions.agents", managedInstances(1, 5, 4)),
                        CAP_ABOVE_USE,
                        "prod/agents",
                        "connectionLimit 5",
                        "4 request(s) at once",
                        "set connectionLimit: 4"),
                finding(
                        "Managed Instances: an environment has one vCPU with 2 GiB at least",
                        set(
                                "prod.yaml",
                                "functions.agents",
                                Map.of(
                                        "maxInstances",
                                        1,
                                        "connectionLimit",
                                        4,
                                        "memoryMb",
                                        1024,
                                        "lambdaManagedInstances",
                                        Map.of("perExecutionEnvironmentMaxConcurrency", 4))),
                        MANAGED_INSTANCES_MEMORY,
                        "prod/agents",
                        "memoryMb 1024",
                        "2048"),
                finding(
                        "zero instances throttle every request",
                        set("prod.yaml", "functions.health.maxInstances", 0),
                        ZERO_INSTANCES,
                        "prod/health",
                        "maxInstances 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleProjectEdits")
    void oneEditOfTheSampleProjectGivesOneFinding(
            String what,
            Consumer<ProjectCopy> edit,
            Finding.Kind kind,
            String subject,
            List<String> numbers,
            @TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);
        edit.accept(copy);
        assertOneFinding(copy.findings(), kind, subject, numbers);
    }

    static Stream<Arguments> syntheticStages() {
        return Stream.of(
                // n functions x 2 instances = 2n in flight: fits 2n + 1 only without the overlap.
                finding(
                        "the deploy overlap multiplies every function",
                        copy -> copy.stage("twice", "b", 3 + 2 * FUNCTIONS + 1, 3, 2, null, 1, ProjectCopy.each(2)),
                        OVER_BUDGET,
                        "database b",
                        "worst case is " + 4 * FUNCTIONS,
                        "= " + (2 * FUNCTIONS + 1) + " by " + (2 * FUNCTIONS - 1)),
                finding(
                        "reserved connections that leave nothing",
                        copy -> copy.stage("tiny", "tiny-db", 20, 20, 1, null, 1, ProjectCopy.each(1)),
                        NOTHING_LEFT,
                        "database tiny-db",
                        "reserved 20",
                        "max_connections 20"),
                // n x 3 in flight against a server pool of 3n, one kept free (the overlap only costs client
                // connections).
                finding(
                        "behind pgbouncer the budget is the server pool, for statements in flight",
                        copy -> copy.stage(
                                "pooled",
                                "p",
                                200,
                                20,
                                2,
                                "{kind: pgbouncer, serverConnections: " + 3 * FUNCTIONS
                                        + ", maxClientConnections: 1000}",
                                1,
                                ProjectCopy.each(3)),
                        OVER_BUDGET,
                        "database p",
                        "worst case is " + 3 * FUNCTIONS,
                        "pgbouncer server pool " + 3 * FUNCTIONS + " - 1 kept free = " + (3 * FUNCTIONS - 1) + " by 1",
                        "pooled/agents 3 x 1 = 3"),
                // A full PgBouncer pool evicts one role's server connection for another's (PgBouncerTest).
                finding(
                        "pgbouncer keeps one server connection free of the statements in flight",
                        copy -> copy.stage(
                                "pooled",
                                "p",
                                50,
                                20,
                                2,
                                "{kind: pgbouncer, serverConnections: " + FUNCTIONS + ", maxClientConnections: 1000}",
                                1,
                                ProjectCopy.each(1)),
                        OVER_BUDGET,
                        "database p",
                        "worst case is " + FUNCTIONS,
                        "pgbouncer server pool " + FUNCTIONS + " - 1 kept free = " + (FUNCTIONS - 1) + " by 1"),
                finding(
                        "a pooler's server pool larger than the database leaves",
                        copy -> copy.stage(
                                "pooled",
                                "p",
                                50,
                                20,
                                2,
                                "{kind: rds-proxy, serverConnections: 35}",
                                1,
                                ProjectCopy.each(1)),
                        POOLER_POOL_TOO_LARGE,
                        "database p",
                        "35",
                        "max_connections 50 - reserved 20 = 30"),
                finding(
                        "pgbouncer's clients: every instance times the overlap",
                        copy -> copy.stage(
                                "pooled",
                                "p",
                                200,
                                20,
                                2,
                                "{kind: pgbouncer, serverConnections: " + (3 * FUNCTIONS + 1)
                                        + ", maxClientConnections: " + (6 * FUNCTIONS - 2) + "}",
                                1,
                                ProjectCopy.each(3)),
                        POOLER_CLIENTS_OVER,
                        "database p",
                        6 * FUNCTIONS + " client connections",
                        "maxClientConnections " + (6 * FUNCTIONS - 2)),
                finding(
                        "behind pgbouncer the driver must not name prepared statements",
                        copy -> pooled(copy, "pgbouncer", null),
                        POOLER_PREPARED_STATEMENTS,
                        "database p",
                        "pgbouncer=true",
                        "databaseUrl.pgbouncer: true",
                        "S_1"),
                finding(
                        "pgbouncer drops the URL's schema, so the roles' must be the same",
                        copy -> pooled(copy, "pgbouncer", Map.of("pgbouncer", true, "schema", "desk")),
                        POOLER_DROPS_SCHEMA,
                        "database p",
                        "schema=desk",
                        "search_path public",
                        "set schema: desk"),
                finding(
                        "behind rds-proxy named prepared statements pin (a warning)",
                        copy -> pooled(copy, "rds-proxy", null),
                        PROXY_PINS,
                        "database p",
                        "pgbouncer=true",
                        "pins the session"),
                finding(
                        "behind rds-proxy a schema sent at login is per-session state (a warning)",
                        copy -> pooled(copy, "rds-proxy", Map.of("pgbouncer", true, "schema", "desk")),
                        PROXY_PINS,
                        "database p",
                        "schema=desk",
                        "search_path at login",
                        "set schema: desk"));
    }

    /** A stage behind a pooler that holds its budget, whose DATABASE_URL says this (null: nothing). */
    private static void pooled(ProjectCopy copy, String kind, Map<String, Object> databaseUrl) {
        copy.stage(
                        "pooled",
                        "p",
                        50,
                        20,
                        2,
                        "{kind: " + kind + ", serverConnections: 30"
                                + (kind.equals("pgbouncer") ? ", maxClientConnections: 100}" : "}"),
                        1,
                        ProjectCopy.each(1))
                .set("config/databases.yaml", "p.databaseUrl", databaseUrl);
    }

    /** A function on Lambda Managed Instances, with the memory one environment has. */
    private static Map<String, Object> managedInstances(int environments, int connectionLimit, int concurrency) {
        return Map.of(
                "maxInstances",
                environments,
                "connectionLimit",
                connectionLimit,
                "memoryMb",
                2048,
                "lambdaManagedInstances",
                Map.of("perExecutionEnvironmentMaxConcurrency", concurrency));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntheticStages")
    void aStageBuiltForTheRuleGivesOneFinding(
            String what,
            Consumer<ProjectCopy> build,
            Finding.Kind kind,
            String subject,
            List<String> numbers,
            @TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp);
        build.accept(copy);
        assertOneFinding(copy.findings(), kind, subject, numbers);
    }

    static Stream<Arguments> editsThatStillFit() {
        return Stream.of(
                Arguments.of(
                        "prod exactly full: agents 5 -> 8 adds the 6 to spare",
                        set("prod.yaml", "functions.agents.maxInstances", 8)),
                Arguments.of(
                        "a timeout chain one second below the function timeout",
                        set("prod.yaml", "functions.agents.statementTimeoutSeconds", 6)),
                Arguments.of(
                        "a function timeout of exactly 30 s",
                        set("prod.yaml", "functions.mark-spam.functionTimeoutSeconds", 30)),
                Arguments.of("the same numbers on a database of its own", (Consumer<ProjectCopy>) copy -> copy.set(
                                "config/databases.yaml",
                                "staging-db",
                                Map.of(
                                        "postgresVersion",
                                        16,
                                        "maxConnections",
                                        // 20 reserved; every function once, agents 3 times, twice over: it fits exactly
                                        20 + 2 * (SampleProject.FUNCTIONS - 1 + 3),
                                        "reservedFor",
                                        Map.of("other", Map.of("share", 20, "client", "people")),
                                        "deployOverlapFactor",
                                        2))
                        .set("config/staging.yaml", "database", "staging-db")
                        .set("config/staging.yaml", "functions.agents.maxInstances", 3)),
                // 1 environment x 4 connections x 2 = 8 where agents at 5 took 10.
                Arguments.of(
                        "Managed Instances with a cap that covers their concurrency",
                        set("prod.yaml", "functions.agents", managedInstances(1, 4, 4))),
                // prod's instances: as many statements in flight in a server pool one larger, within the budget.
                Arguments.of("behind pgbouncer with pgbouncer=true and the roles' schema in the URL", (Consumer<
                                ProjectCopy>)
                        copy -> copy.set(
                                        "config/databases.yaml",
                                        "prod-db.pooler",
                                        Map.of(
                                                "kind",
                                                "pgbouncer",
                                                "serverConnections",
                                                SampleProject.PROD_INSTANCES + 1,
                                                "maxClientConnections",
                                                1000))
                                .set(
                                        "config/databases.yaml",
                                        "prod-db.databaseUrl",
                                        Map.of("pgbouncer", true, "schema", "public"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("editsThatStillFit")
    void anEditThatStillFitsGivesNoFinding(String what, Consumer<ProjectCopy> edit, @TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);
        edit.accept(copy);
        assertEquals(List.of(), copy.findings());
    }

    @Test
    void behindPgbouncerTheOverlapCostsOnlyClientConnections(@TempDir Path temp) {
        // n x 3 in flight (6n clients with the overlap) in a server pool of 3n + 1 with one kept free, within the
        // budget only without the overlap.
        assertEquals(
                List.of(),
                ProjectCopy.empty(temp)
                        .stage(
                                "pooled",
                                "p",
                                20 + 3 * FUNCTIONS + 1,
                                20,
                                2,
                                "{kind: pgbouncer, serverConnections: " + (3 * FUNCTIONS + 1)
                                        + ", maxClientConnections: 1000}",
                                1,
                                ProjectCopy.each(3))
                        .findings());
    }

    @Test
    void theOriginalAppsConnectionLimitIsAboveWhatAHandlerCanUseAndOverCommitsTheDatabase(@TempDir Path temp) {
        // connection_limit=10: 9 of 10 never used, and 2 x 10 x 2 = 40 breaks the budget.
        List<Finding> findings = SampleProject.in(temp)
                .set("config/prod.yaml", "functions.mark-spam.connectionLimit", 10)
                .findings();

        assertEquals(
                List.of(CAP_ABOVE_USE, OVER_BUDGET),
                findings.stream().map(Finding::kind).toList());
        assertTrue(
                findings.get(0).message().contains("set connectionLimit: 1"),
                findings.get(0).message());
        assertTrue(
                findings.get(1).message().contains("prod/mark-spam 2 x 10 x 2 = 40"),
                findings.get(1).message());
    }

    @Test
    void aFunctionWithoutMaxInstancesMakesItsDatabaseUnbounded(@TempDir Path temp) {
        Map<String, Integer> instances = new LinkedHashMap<>(ProjectCopy.each(1));
        instances.remove("metrics");
        List<Finding> findings = ProjectCopy.empty(temp)
                .stage("open", "o", 100, 10, 2, null, 1, instances)
                .findings();

        assertEquals(
                List.of(NO_INSTANCE_CAP, UNBOUNDED),
                findings.stream().map(Finding::kind).toList());
        assertEquals("open/metrics", findings.get(0).subject());
        assertTrue(
                findings.get(1).message().contains("open/metrics without maxInstances"),
                findings.get(1).message());
    }

    @Test
    void theGatewayThrottlesEachRouteALittleBelowWhatItsInstancesServe(@TempDir Path temp) {
        FunctionBudget agents = SampleProject.in(temp).config().stage("prod").function("agents");

        // 5 instances of 200 ms serve 25 requests a second and 5 at once; 80% of that.
        assertEquals(new FunctionBudget.Throttle(20, 4), agents.throttle());
        FunctionBudget single =
                SampleProject.in(temp.resolve("dev")).config().stage("dev").function("mark-spam");
        assertEquals(
                new FunctionBudget.Throttle(2, 1), single.throttle(), "1 instance of 400 ms: at least one at once");
    }

    private static void assertOneFinding(
            List<Finding> findings, Finding.Kind kind, String subject, List<String> numbers) {
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals(kind, finding.kind(), finding.message());
        assertEquals(subject, finding.subject());
        for (String number : numbers) {
            assertTrue(finding.message().contains(number), "'" + number + "' in: " + finding.message());
        }
        if (subject.startsWith("database dev-db")) {
            assertEquals(Set.of("dev", "staging"), finding.stages());
        }
    }
}
