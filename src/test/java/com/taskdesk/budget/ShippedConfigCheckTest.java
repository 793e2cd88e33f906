package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CI runs: every stage in config/ passes the check, and the deploy files are in step with it. */
class ShippedConfigCheckTest {

    private final BudgetConfig config = ConfigLoader.load(ProjectCopy.PROJECT.resolve("config"));

    @Test
    void everyStageInConfigPassesTheCheck() {
        ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("check", "--all", "--dir", ProjectCopy.PROJECT.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("check passed"), run.out());
        for (String stage : config.stageNames()) {
            assertTrue(run.out().contains("Stage " + stage + " (config/" + stage + ".yaml)"), stage);
        }
    }

    @Test
    void eachStagePassesTheCheckOnItsOwn() {
        for (String stage : config.stageNames()) {
            ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("check", "--stage", stage, "--dir", ProjectCopy.PROJECT.toString());
            assertEquals(0, run.exitCode(), stage + ": " + run.err());
        }
    }

    @Test
    void shippedStagesIncludeTwoThatShareOneDatabase() {
        assertTrue(config.stagesByDatabase().values().stream().anyMatch(stages -> stages.size() >= 2),
                "config/ should exercise a database shared by stages: " + config.stagesByDatabase().keySet());
    }

    @Test
    void checkTablePrintsEachFunctionsWorstCaseShareAndHeadroomFromConfig() {
        for (StageConfig stage : config.stages()) {
            ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("check", "--stage", stage.stage(), "--dir",
                    ProjectCopy.PROJECT.toString());
            DatabaseBudget database = DatabaseBudget.of(config, stage);
            for (FunctionBudget function : stage.functions()) {
                int worst = function.maxInstances() * function.connectionLimit() * stage.database().deployOverlapFactor();
                String line = run.out().lines().filter(l -> l.startsWith("  " + function.name() + " ")
                        && l.contains(" x ")).findFirst().orElseThrow(() -> new AssertionError(function.name()));
                assertTrue(line.contains(function.maxInstances() + " x " + function.connectionLimit() + " x "
                        + stage.database().deployOverlapFactor() + " = " + worst), line);
                assertTrue(line.contains(BudgetTable.percent(worst, database.budget())), line);
                int perInstance = function.connectionLimit() * stage.database().deployOverlapFactor();
                assertTrue(line.contains("+" + (database.budget() - database.total()) / perInstance + " instance(s)"), line);
            }
            assertTrue(run.out().contains(database.total() + " of " + database.budget() + ", headroom "
                    + (database.budget() - database.total())), run.out());
        }
    }

    @Test
    void checkRecommendsTheDatabaseSideSettingsAndSaysWhatItAssumed() {
        ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("check", "--stage", "prod", "--dir", ProjectCopy.PROJECT.toString());

        for (String expected : List.of("idle_session_timeout = 300s", "tcp_keepalives_idle = 60",
                "tcp_keepalives_interval = 10", "tcp_keepalives_count = 6", "idle_in_transaction_session_timeout",
                "statement_timeout", "Assumed:", "deployOverlapFactor 2", "pgbouncer=true")) {
            assertTrue(run.out().contains(expected), expected);
        }
    }

    @Test
    void templateAndServerlessDeployWhatConfigSays() {
        assertEquals(List.of(), SamTemplateCheck.check(config, ProjectCopy.PROJECT.resolve("template.yaml")));
        assertEquals(List.of(), ServerlessCheck.check(config, ProjectCopy.PROJECT.resolve("serverless.yml")));
    }

    @Test
    void syncLeavesTheShippedTemplateAsItIs(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp);
        String before = copy.read("template.yaml");

        ProjectCopy.ToolRun run = copy.run("sync");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("already match"), run.out());
        assertEquals(before, copy.read("template.yaml"));
    }
}
