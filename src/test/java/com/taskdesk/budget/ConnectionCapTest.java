package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function's pool cap must be exactly what its handler can use at once: one connection per
 * request it serves concurrently (one on Lambda's default, more on Lambda Managed Instances).
 */
class ConnectionCapTest {

    @Test
    void aCapBelowWhatTheHandlerNeedsFails(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.spam-counts.connectionLimit", 0);

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("prod/spam-counts: connectionLimit 0 is below what its handler needs: 1 request at a time per"
                + " instance x 1 connection per request = 1 (with 0 no request can run)", findings.get(0).message());
    }

    @Test
    void aCapAboveWhatTheHandlerCanUseFailsAndSaysHowManyAreWasted(@TempDir Path temp) {
        // The original app's connection_limit=10; 4 x 10 x 2 = 80 also breaks the budget.
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.mark-spam.connectionLimit", 10);

        List<String> messages = BudgetCheck.checkConfig(copy.config()).stream().map(Finding::message).toList();

        assertEquals(2, messages.size(), messages.toString());
        assertEquals("prod/mark-spam: connectionLimit 10 is above what it can use: 1 request at a time per instance"
                + " x 1 connection per request = 1, so 9 of its 10 connections per instance are never used but count"
                + " against the database's budget; set connectionLimit: 1", messages.get(0));
        assertTrue(messages.get(1).contains("prod/mark-spam 4 x 10 x 2 = 80"), messages.get(1));
    }

    @Test
    void onLambdaManagedInstancesTheCapMustCoverTheEnvironmentsConcurrency(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.lambdaManagedInstances",
                ProjectCopy.nodes().objectNode().put("perExecutionEnvironmentMaxConcurrency", 4));

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("prod/agents: connectionLimit 1 is below what its handler needs: 4 concurrent requests per"
                + " execution environment (Lambda Managed Instances) x 1 connection per request = 4; the other requests"
                + " wait up to poolTimeoutSeconds 2 and then fail with 503", findings.get(0).message());
    }

    @Test
    void onLambdaManagedInstancesACapCoveringTheConcurrencyPassesAndTheCheckSaysWhatItCannotSee(@TempDir Path temp) {
        // 1 environment x 4 connections x 2 = 8: prod 54 - 10 (agents at 5) + 8 = 52 of 60.
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "functions.agents.lambdaManagedInstances",
                        ProjectCopy.nodes().objectNode().put("perExecutionEnvironmentMaxConcurrency", 4))
                .set("config/prod.yaml", "functions.agents.connectionLimit", 4)
                .set("config/prod.yaml", "functions.agents.maxInstances", 1);

        assertEquals(List.of(), BudgetCheck.checkConfig(copy.config()));
        String out = copy.run("check", "--stage", "prod").out();
        assertTrue(out.contains("prod/agents declares Lambda Managed Instances with up to 4 concurrent requests per"
                + " execution environment"), out);
        assertTrue(out.contains("its connectionLimit must cover that concurrency (4 x 1 = 4)"), out);
        assertTrue(out.contains("The tool cannot see how many environments the capacity provider runs"), out);
    }

    @Test
    void aFunctionWithoutMaxInstancesFailsBecauseNothingCapsItsInstances(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.health.maxInstances", null);

        List<String> messages = BudgetCheck.checkConfig(copy.config()).stream().map(Finding::message).toList();

        assertTrue(messages.get(0).startsWith("prod/health: no maxInstances, so nothing caps its instances"), messages.get(0));
        assertTrue(messages.stream().anyMatch(m -> m.contains("worst case is unbounded (prod/health without maxInstances)")));
    }

    @Test
    void zeroInstancesThrottlesEveryRequest(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.health.maxInstances", 0);

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("prod/health: maxInstances 0 is reserved concurrency 0"));
    }

    @Test
    void aRouteTheCodeDoesNotServeFails(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.route", "GET /api/agents");

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("prod/agents: route 'GET /api/agents' is not what its code serves: GET /api/manager/agents"
                + " (AgentsResource)", findings.get(0).message());
    }

    @Test
    void everyStageBudgetsAllSevenFunctionsAndNoOther(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.metrics", null);
        copy.set("config/prod.yaml", "functions.reports", ProjectCopy.nodes().objectNode()
                .put("route", "GET /api/manager/reports").put("maxInstances", 1));

        List<String> messages = BudgetCheck.checkConfig(copy.config()).stream().map(Finding::message).toList();

        assertTrue(messages.contains("config/prod.yaml: function 'reports' is not one of the seven (agents,"
                + " agent-progress, metrics, spam-counts, mark-spam, spam-restore, health)"), messages.toString());
        assertTrue(messages.contains("config/prod.yaml: function metrics is missing (every stage deploys all seven,"
                + " each with its own budget)"), messages.toString());
    }

    @Test
    void routesAreReadFromTheResourcesAnnotations() {
        assertEquals("GET /api/manager/agents", Endpoint.AGENTS.route());
        assertEquals("POST /api/manager/tasks/mark-spam", Endpoint.MARK_SPAM.route());
        assertEquals("POST /api/manager/spam/restore", Endpoint.SPAM_RESTORE.route());
        assertEquals("GET /api/health", Endpoint.HEALTH.route());
    }
}
