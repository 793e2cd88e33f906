package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template.yaml and serverless.yml must deploy what config/ says; any drift fails the check. */
class DeployFileDriftTest {

    private static List<String> samDrift(ProjectCopy copy) {
        return SamTemplateCheck.check(copy.config(), copy.file("template.yaml")).stream().map(Finding::message).toList();
    }

    private static List<String> serverlessDrift(ProjectCopy copy) {
        return ServerlessCheck.check(copy.config(), copy.file("serverless.yml")).stream().map(Finding::message).toList();
    }

    @Test
    void aConfigChangeWithoutSyncIsTemplateDriftUntilSyncRuns(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.maxInstances", 4);

        assertEquals(List.of("template.yaml disagrees with config/prod.yaml: agents (AgentsFunction)"
                + " ReservedConcurrentExecutions is 5, config says 4 (maxInstances 4)"
                + SamTemplateCheck.REMEDY), samDrift(copy));
        assertEquals(List.of(), serverlessDrift(copy), "serverless.yml reads config/ itself");
        ProjectCopy.ToolRun check = copy.run("check", "--stage", "prod");
        assertEquals(1, check.exitCode());
        assertTrue(check.err().contains("ReservedConcurrentExecutions is 5, config says 4"), check.err());

        assertEquals(0, copy.run("sync").exitCode());
        assertEquals(List.of(), samDrift(copy));
        assertEquals(0, copy.run("check", "--all").exitCode());
    }

    @Test
    void aHandEditedMappingIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("template.yaml",
                "  MetricsBudget:\n    dev:\n      ReservedConcurrency: 1\n      ConnectionLimit: 1\n",
                "  MetricsBudget:\n    dev:\n      ReservedConcurrency: 1\n      ConnectionLimit: 3\n");

        assertEquals(List.of("template.yaml disagrees with config/dev.yaml: metrics (MetricsFunction) Environment"
                + " DB_CONNECTION_LIMIT is 3, config says 1 (connectionLimit 1)" + SamTemplateCheck.REMEDY), samDrift(copy));
    }

    @Test
    void aFunctionThatReadsAnotherFunctionsMappingIsDriftWhereTheNumbersDiffer(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("template.yaml",
                "ReservedConcurrentExecutions: !FindInMap [AgentsBudget, !Ref Stage, ReservedConcurrency]",
                "ReservedConcurrentExecutions: !FindInMap [AgentProgressBudget, !Ref Stage, ReservedConcurrency]");

        // agents and agent-progress both have 1 instance in dev and staging; prod has 5 and 6.
        assertEquals(List.of("template.yaml disagrees with config/prod.yaml: agents (AgentsFunction)"
                + " ReservedConcurrentExecutions is 6, config says 5 (maxInstances 5)" + SamTemplateCheck.REMEDY),
                samDrift(copy));
    }

    @Test
    void aFunctionThatLosesItsTimeoutOverrideFallsBackToGlobalsAndIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("template.yaml",
                "      Timeout: !FindInMap [MarkSpamBudget, !Ref Stage, FunctionTimeoutSeconds]\n", "");

        List<String> drift = samDrift(copy);

        assertEquals(3, drift.size(), drift.toString());
        for (String stage : List.of("dev", "prod", "staging")) {
            assertTrue(drift.contains("template.yaml disagrees with config/" + stage + ".yaml: mark-spam (MarkSpamFunction)"
                    + " Timeout is 15, config says 20 (functionTimeoutSeconds 20)" + SamTemplateCheck.REMEDY), drift.toString());
        }
    }

    @Test
    void aMissingReservedConcurrencyIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("template.yaml",
                "      ReservedConcurrentExecutions: !FindInMap [HealthBudget, !Ref Stage, ReservedConcurrency]\n", "");

        List<String> drift = samDrift(copy);

        assertEquals(3, drift.size(), drift.toString());
        assertTrue(drift.get(0).contains("health (HealthFunction) ReservedConcurrentExecutions is not set, config says"),
                drift.get(0));
    }

    @Test
    void aWrongRouteOrUserInTheTemplateIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp)
                .replace("template.yaml", "            Path: /api/manager/spam/counts\n", "            Path: /api/spam/counts\n")
                .replace("template.yaml", "DB_USER: !Sub 'taskdesk_${Stage}_metrics'", "DB_USER: taskdesk_metrics");

        List<String> drift = samDrift(copy);

        assertTrue(drift.contains("template.yaml disagrees with config/prod.yaml: spam-counts (SpamCountsFunction)"
                + " HttpApi event Method and Path is GET /api/spam/counts, config says GET /api/manager/spam/counts"
                + " (route GET /api/manager/spam/counts)" + SamTemplateCheck.REMEDY), drift.toString());
        assertTrue(drift.contains("template.yaml disagrees with config/prod.yaml: metrics (MetricsFunction) Environment"
                + " DB_USER is taskdesk_metrics, config says taskdesk_prod_metrics (its role taskdesk_prod_metrics)"
                + SamTemplateCheck.REMEDY), drift.toString());
    }

    @Test
    void aCatchAllRouteIsRefused(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp)
                .replace("template.yaml", "            Method: GET\n            Path: /api/health\n",
                        "            Method: ANY\n            Path: /{proxy+}\n");

        List<String> drift = samDrift(copy);

        assertTrue(drift.contains("template.yaml: HealthFunction has a catch-all route (ANY /{proxy+}); each function"
                + " serves its one route"), drift.toString());
    }

    @Test
    void aStageMissingFromTheTemplatesStageParameterIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp)
                .replace("template.yaml", "AllowedValues: [dev, prod, staging]", "AllowedValues: [dev, prod]");

        assertEquals(List.of("template.yaml: Parameters.Stage.AllowedValues [dev, prod] differ from the stages in"
                + " config/ [dev, prod, staging]"), samDrift(copy));
    }

    @Test
    void aNewStageNeedsSyncAndTheStageParameter(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp);
        copy.write("config/qa.yaml", copy.read("config/dev.yaml").replace("stage: dev", "stage: qa")
                .replace("name: taskdesk-dev", "name: taskdesk-qa"));

        assertEquals(List.of("template.yaml: Parameters.Stage.AllowedValues [dev, prod, staging] differ from the stages in"
                + " config/ [dev, prod, qa, staging]", "template.yaml: Mappings StageDefaults, AgentsBudget,"
                + " AgentProgressBudget, MetricsBudget, SpamCountsBudget, MarkSpamBudget, SpamRestoreBudget, HealthBudget"
                + " have no stage qa" + SamTemplateCheck.REMEDY), samDrift(copy));

        ProjectCopy.ToolRun sync = copy.run("sync");
        assertEquals(1, sync.exitCode(), "the Stage parameter still lacks qa");
        assertTrue(sync.err().contains("Parameters.Stage.AllowedValues [dev, prod, staging] differ from the stages in"
                + " config/ [dev, prod, qa, staging]"), sync.err());

        copy.replace("template.yaml", "AllowedValues: [dev, prod, staging]", "AllowedValues: [dev, prod, qa, staging]");
        assertEquals(List.of(), samDrift(copy));
        assertEquals(List.of(), serverlessDrift(copy), "serverless.yml picks up config/qa.yaml by itself");
    }

    @Test
    void syncWritesAFunctionsOverrideIntoItsMappingForEveryStage(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.memoryMb", 2048);

        ProjectCopy.ToolRun sync = copy.run("sync");

        // The mapping gains MemoryMb for every stage; AgentsFunction does not read it yet.
        assertEquals(1, sync.exitCode());
        assertTrue(copy.read("template.yaml").contains("  AgentsBudget:\n    dev:\n      ReservedConcurrency: 1\n"
                + "      ConnectionLimit: 1\n      MemoryMb: 512\n    prod:\n      ReservedConcurrency: 5\n"
                + "      ConnectionLimit: 1\n      MemoryMb: 2048\n"), copy.read("template.yaml"));
        assertTrue(sync.err().contains("agents (AgentsFunction) MemorySize is 1024, config says 2048"), sync.err());

        copy.replace("template.yaml", "      ReservedConcurrentExecutions: !FindInMap [AgentsBudget, !Ref Stage, ReservedConcurrency]\n",
                "      ReservedConcurrentExecutions: !FindInMap [AgentsBudget, !Ref Stage, ReservedConcurrency]\n"
                        + "      MemorySize: !FindInMap [AgentsBudget, !Ref Stage, MemoryMb]\n");
        assertEquals(List.of(), samDrift(copy));
        assertEquals(List.of(), serverlessDrift(copy).stream().filter(m -> !m.contains("memorySize")).toList());
        assertTrue(serverlessDrift(copy).contains("serverless.yml disagrees with config/prod.yaml: agents (functions.agents)"
                + " memorySize is 1024, config says 2048 (memoryMb 2048)" + ServerlessCheck.REMEDY), serverlessDrift(copy).toString());
    }

    @Test
    void aHardCodedReservedConcurrencyInServerlessIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("serverless.yml",
                "reservedConcurrency: ${self:custom.functions.spam-counts.maxInstances}", "reservedConcurrency: 50");

        List<String> drift = serverlessDrift(copy);

        assertEquals(3, drift.size(), drift.toString());
        assertTrue(drift.contains("serverless.yml disagrees with config/prod.yaml: spam-counts (functions.spam-counts)"
                + " reservedConcurrency is 50, config says 4 (maxInstances 4)" + ServerlessCheck.REMEDY), drift.toString());
    }

    @Test
    void serverlessReadingAnotherFunctionsRouteIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("serverless.yml",
                "- httpApi: ${self:custom.functions.spam-restore.route}", "- httpApi: ${self:custom.functions.mark-spam.route}");

        List<String> drift = serverlessDrift(copy);

        assertEquals(3, drift.size(), drift.toString());
        assertTrue(drift.get(0).contains("spam-restore (functions.spam-restore) events httpApi is POST"
                + " /api/manager/tasks/mark-spam, config says POST /api/manager/spam/restore"), drift.get(0));
    }

    @Test
    void serverlessWithoutAFunctionsTimeoutFallsBackToTheProvidersAndIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("serverless.yml",
                "    timeout: ${self:custom.functions.spam-restore.functionTimeoutSeconds, self:custom.defaults.functionTimeoutSeconds}\n",
                "");

        List<String> drift = serverlessDrift(copy);

        assertEquals(3, drift.size(), drift.toString());
        assertTrue(drift.get(0).contains("spam-restore (functions.spam-restore) timeout is 15, config says 20"), drift.get(0));
    }

    @Test
    void serverlessWithoutAnyTimeoutGetsTheFrameworksSixSecondsAndIsDrift(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("serverless.yml",
                "  timeout: ${self:custom.defaults.functionTimeoutSeconds}\n", "");

        List<String> drift = serverlessDrift(copy);

        assertTrue(drift.contains("serverless.yml disagrees with config/prod.yaml: agents (functions.agents) timeout is 6,"
                + " config says 15 (functionTimeoutSeconds 15)" + ServerlessCheck.REMEDY), drift.toString());
    }

    @Test
    void serverlessMustRejectMisspeltSettings(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("serverless.yml", "configValidationMode: error\n", "");

        assertEquals(List.of("serverless.yml: configValidationMode must be error, or a misspelt setting (e.g."
                + " reservedConcurency) is only a warning and the function deploys without its cap"), serverlessDrift(copy));
    }

    @Test
    void aMissingDeployFileFailsTheCheck(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).delete("serverless.yml");

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "prod");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("error: serverless.yml not found at "), run.err());
    }

    @Test
    void sharedSettingsDriftInGlobalsIsCaughtForEveryFunction(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("template.yaml",
                "DB_POOL_TIMEOUT_SECONDS: !FindInMap [StageDefaults, !Ref Stage, PoolTimeoutSeconds]",
                "DB_POOL_TIMEOUT_SECONDS: 20");

        List<String> drift = samDrift(copy);

        assertEquals(21, drift.size(), "7 functions x 3 stages: " + drift);
        assertTrue(drift.contains("template.yaml disagrees with config/prod.yaml: health (HealthFunction) Environment"
                + " DB_POOL_TIMEOUT_SECONDS is 20, config says 2 (poolTimeoutSeconds 2)" + SamTemplateCheck.REMEDY));
    }
}
