package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sum(maxInstances x connectionLimit x overlap) over every stage on a database <= maxConnections - reserved. */
class BudgetInequalityTest {

    @Test
    void raisingProdMaxInstancesOverCommitsTheDatabaseAndNamesTheFunctionAndNumbers(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.maxInstances", 9);
        assertEquals(0, copy.run("sync").exitCode());

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "prod");

        assertEquals(1, run.exitCode());
        // 54 before; agents 5 -> 9 adds 4 x 1 x 2 = 8: 62 against max_connections 100 - reserved 40 = 60.
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), run.err());
        String error = errors.get(0);
        assertTrue(error.contains("database taskdesk-prod: over-committed"), error);
        assertTrue(error.contains("worst case is 62 connections"), error);
        assertTrue(error.contains("max_connections 100 - reserved 40 = 60 by 2"), error);
        assertTrue(error.contains("prod/agents 9 x 1 x 2 = 18"), error);
        assertTrue(run.err().contains("check failed: 1 problem(s) in stage(s) prod"), run.err());
    }

    @Test
    void theBudgetHoldsUpToTheLastConnection(@TempDir Path temp) {
        // prod uses 54 of 60: agents 5 -> 8 adds 6, exactly 60.
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.maxInstances", 8);

        assertEquals(List.of(), BudgetCheck.checkConfig(copy.config()));
    }

    @Test
    void stagesSharingADatabaseAreSummedAgainstOneBudget(@TempDir Path temp) {
        // dev and staging share taskdesk-dev (50 - 20 = 30) and use 14 each; staging agents 1 -> 3 adds 4.
        ProjectCopy copy = ProjectCopy.of(temp).set("config/staging.yaml", "functions.agents.maxInstances", 3);
        StageConfig staging = copy.config().stage("staging");
        assertTrue(DatabaseBudget.of(new BudgetConfig(List.of(staging)), staging).total() <= 30,
                "staging alone fits its database");

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        String message = findings.get(0).message();
        assertTrue(message.contains("database taskdesk-dev (shared by stages dev, staging): over-committed"), message);
        assertTrue(message.contains("worst case is 32 connections"), message);
        assertTrue(message.contains("max_connections 50 - reserved 20 = 30 by 2"), message);
        assertTrue(message.contains("dev/agents 1 x 1 x 2 = 2") && message.contains("staging/agents 3 x 1 x 2 = 6"), message);
        assertEquals(Set.of("dev", "staging"), findings.get(0).stages());
    }

    @Test
    void checkingOneStageStillCountsTheOtherStagesOnItsDatabase(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/staging.yaml", "functions.agents.maxInstances", 3);
        copy.run("sync");

        assertEquals(1, copy.run("check", "--stage", "dev").exitCode(), "dev is over-committed through staging");
        assertEquals(0, copy.run("check", "--stage", "prod").exitCode(), "prod's database is another one");
    }

    @Test
    void theSameNumbersOnSeparateDatabasesFit(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/staging.yaml", "functions.agents.maxInstances", 3)
                .set("config/staging.yaml", "database.name", "taskdesk-staging");

        assertEquals(List.of(), BudgetCheck.checkConfig(copy.config()));
    }

    @Test
    void stagesSharingADatabaseMustDescribeItAlike(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/staging.yaml", "database.maxConnections", 60);

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("config/dev.yaml and config/staging.yaml describe it differently"
                + " (maxConnections 50 vs 60)"), findings.get(0).message());
    }

    @Test
    void reservedConnectionsThatLeaveNothingFail(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp).write("config/tiny.yaml",
                TestStages.stage("tiny", "tiny-db", 20, 20, 1, "none", 1, TestStages.each(1)));

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("reservedConnections 20 leaves nothing of max_connections 20"));
    }

    @Test
    void theOverlapFactorMultipliesEveryFunction(@TempDir Path temp) {
        // 7 functions x 2 instances = 14 in flight: fits 20 - 3 = 17 without overlap, not with x2.
        ProjectCopy copy = ProjectCopy.empty(temp)
                .write("config/once.yaml", TestStages.stage("once", "a", 20, 3, 1, "none", 1, TestStages.each(2)))
                .write("config/twice.yaml", TestStages.stage("twice", "b", 20, 3, 2, "none", 1, TestStages.each(2)));

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("database b: over-committed: the functions' worst case is 28"),
                findings.get(0).message());
    }

    @Test
    void behindPgbouncerTheBudgetIsTheServerPoolAndCountsStatementsInFlight(@TempDir Path temp) {
        // 7 x 3 = 21 in flight (42 with the overlap): fits a server pool of 21, which fits 50 - 20 = 30.
        String pooler = "{kind: pgbouncer, serverConnections: 21, maxClientConnections: 100}";
        ProjectCopy copy = ProjectCopy.empty(temp)
                .write("config/pooled.yaml", TestStages.stage("pooled", "p", 50, 20, 2, pooler, 1, TestStages.each(3)));
        assertEquals(List.of(), BudgetCheck.checkConfig(copy.config()));

        copy.write("config/pooled.yaml", TestStages.stage("pooled", "p", 50, 20, 2,
                "{kind: pgbouncer, serverConnections: 20, maxClientConnections: 100}", 1, TestStages.each(3)));
        List<Finding> findings = BudgetCheck.checkConfig(copy.config());
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("worst case is 21 connections, above the budget of pgbouncer"
                + " server pool 20 by 1 (pooled/agents 3 x 1 = 3"), findings.get(0).message());
    }

    @Test
    void aPoolerServerPoolLargerThanTheDatabaseAllowsFails(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp).write("config/pooled.yaml", TestStages.stage("pooled", "p", 50, 20, 2,
                "{kind: rds-proxy, serverConnections: 35}", 1, TestStages.each(1)));

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("the rds-proxy server pool (serverConnections 35) is above what"
                + " the database leaves for it: max_connections 50 - reserved 20 = 30"), findings.get(0).message());
    }

    @Test
    void pgbouncerClientConnectionsCountEveryInstanceTimesTheOverlap(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp).write("config/pooled.yaml", TestStages.stage("pooled", "p", 50, 20, 2,
                "{kind: pgbouncer, serverConnections: 30, maxClientConnections: 40}", 1, TestStages.each(3)));

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("may hold 42 client connections at pgbouncer"), findings.get(0).message());
        assertTrue(findings.get(0).message().contains("above its maxClientConnections 40"), findings.get(0).message());
    }

    @Test
    void checkOutputForAPooledStageExplainsWhatThePoolerNeeds(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp).write("config/pooled.yaml", TestStages.stage("pooled", "p", 50, 20, 2,
                "{kind: pgbouncer, serverConnections: 30, maxClientConnections: 100}", 1, TestStages.each(2)));

        String out = copy.run("check").out();

        assertTrue(out.contains("pgbouncer=true"), out);
        assertTrue(out.contains("prepareThreshold=0"), out);
        assertTrue(out.contains("ignore_startup_parameters = extra_float_digits"), out);
        assertTrue(out.contains("search_path when DATABASE_URL has schema="), out);
        assertTrue(out.contains("client_idle_timeout"), out);
        assertFalse(out.contains("idle_session_timeout = 300s"), out);
    }

    @Test
    void aFunctionWithoutAnInstanceCapMakesTheDatabaseUnbounded(@TempDir Path temp) {
        Map<String, Integer> instances = new LinkedHashMap<>(TestStages.each(1));
        instances.remove("metrics");
        ProjectCopy copy = ProjectCopy.empty(temp)
                .write("config/open.yaml", TestStages.stage("open", "o", 100, 10, 2, "none", 1, instances));

        List<String> messages = BudgetCheck.checkConfig(copy.config()).stream().map(Finding::message).toList();

        assertTrue(messages.stream().anyMatch(m -> m.startsWith("open/metrics: no maxInstances")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("worst case is unbounded (open/metrics without maxInstances)")),
                messages.toString());
    }
}
