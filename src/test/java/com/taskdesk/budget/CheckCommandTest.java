package com.taskdesk.budget;

import static com.taskdesk.budget.SampleProject.FUNCTIONS;
import static com.taskdesk.budget.SampleProject.PROD_INSTANCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.render.CfnYaml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What CI runs: check passes on the shipped config/ and deploy files, and fails (exit 1) on a
 * budget that does not hold or a deploy file that is not what config/ renders, with a diff. Only
 * the first test reads the shipped config/; the others run on the tests' own ({@link SampleProject}).
 */
class CheckCommandTest {

    @Test
    void theShippedConfigAndTheCommittedDeployFilesPassTheCheck() {
        ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("check", "--dir", ProjectCopy.PROJECT.toString());

        assertEquals("", run.err(), "a deploy file that differs shows its diff here");
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"template-prod.yaml", "serverless.yml", "samconfig.toml"})
    void aOneCharacterEditOfADeployFileFailsWithAUnifiedDiff(String file, @TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);
        String line = copy.read(file)
                .lines()
                .filter(l -> !l.startsWith("#") && l.matches(".*[a-z0-9]$"))
                .findFirst()
                .orElseThrow();
        String edited = line + "x";
        copy.replace(file, line + "\n", edited + "\n");

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "dev");

        assertEquals(1, run.exitCode());
        assertTrue(
                run.err().contains("--- " + file + " (committed)\n+++ " + file + " (rendered from config/)\n"),
                run.err());
        assertTrue(run.err().contains("\n-" + edited + "\n+" + line + "\n"), run.err());
    }

    @Test
    void aConfigChangeFailsTheCheckUntilRenderWritesTheDeployFiles(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp).set("config/prod.yaml", "functions.agents.maxInstances", 4);

        ProjectCopy.ToolRun stale = copy.run("check");
        assertEquals(1, stale.exitCode());
        assertEquals(
                List.of("template-prod.yaml", "serverless.yml"),
                stale.errors().stream()
                        .map(line -> line.substring("error: ".length()).split(" ")[0])
                        .toList());
        assertTrue(
                stale.err().contains("\n-      ReservedConcurrentExecutions: 5\n")
                        && stale.err().contains("\n+      ReservedConcurrentExecutions: 4\n"),
                stale.err());

        assertEquals(0, copy.run("render").exitCode());
        assertEquals(0, copy.run("check").exitCode());
        assertEquals(0, copy.run("render").exitCode(), "rendering again changes nothing");
    }

    @Test
    void aMissingDeployFileFailsTheCheck(@TempDir Path temp) {
        ProjectCopy.ToolRun run =
                SampleProject.in(temp).delete("serverless.yml").run("check");

        assertEquals(1, run.exitCode());
        assertEquals(List.of("error: serverless.yml is missing (run: " + CfnYaml.RENDER_COMMAND + ")"), run.errors());
    }

    @Test
    void checkingOneStageCountsTheOtherStagesOnItsDatabase(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp).set("config/staging.yaml", "functions.agents.maxInstances", 3);
        copy.run("render");

        assertEquals(1, copy.run("check", "--stage", "dev").exitCode(), "dev is over-committed through staging");
        assertEquals(0, copy.run("check", "--stage", "prod").exitCode(), "prod's database is another one");
    }

    @Test
    void theTimeoutTableMarksTheFunctionWhoseTimeoutsDoNotNest(@TempDir Path temp) {
        ProjectCopy copy =
                SampleProject.in(temp).set("config/prod.yaml", "functions.agents.statementTimeoutSeconds", 8);
        copy.run("render");

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "prod");

        assertEquals(1, run.exitCode());
        // pool, connect, statement, margin, total (with the restore's 1 and a secret read's 5), function timeout,
        // socket read (statement + margin), nests
        assertTrue(
                run.out().lines().anyMatch(l -> l.matches("\\s+agents\\s+2\\s+2\\s+8\\s+3\\s+21\\s+19\\s+11\\s+NO")),
                run.out());
    }

    @Test
    void checkRecommendsTheDatabaseSettingsAndTheAccountConcurrency(@TempDir Path temp) {
        String out = SampleProject.in(temp).run("check", "--stage", "prod").out();

        for (String expected : List.of(
                "tcp_keepalives_idle = 60",
                "tcp_keepalives_interval = 10",
                "tcp_keepalives_count = 6",
                "idle_session_timeout = 300s",
                "deployOverlapFactor 2",
                "reserved 40 = superuserReservedConnections 3 +",
                PROD_INSTANCES + " reserved + 100")) {
            assertTrue(out.contains(expected), expected + " in:\n" + out);
        }
    }

    @Test
    void behindPgbouncerCheckGivesThePoolerItsNumbers(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp)
                .stage(
                        "pooled",
                        "p",
                        50,
                        20,
                        2,
                        "{kind: pgbouncer, serverConnections: 30, maxClientConnections: 100}",
                        1,
                        ProjectCopy.each(2));
        copy.run("render");

        String out = copy.run("check").out();

        for (String expected : List.of(
                "max_db_connections = 30",
                "max_client_conn >= " + 4 * FUNCTIONS,
                "default_pool_size >= 2",
                "taskdesk_pooled_agents = max_user_connections=2",
                "PgBouncer 1.18 knows them all, nothing to ignore",
                "client_idle_timeout = 300",
                "server_login_retry = 1",
                "pgbouncer=true")) {
            assertTrue(out.contains(expected), expected + " in:\n" + out);
        }
        assertFalse(
                out.contains("idle_session_timeout"), "behind a pooler it would close the pooler's own connections");
    }

    /** agents on Lambda Managed Instances: 2 environments x 4 connections x 2 of prod's budget, where 5 x 1 x 2 were. */
    private static ProjectCopy onManagedInstances(Path temp) {
        return SampleProject.in(temp)
                .onManagedInstances("agents", 4, 32)
                .set("config/prod.yaml", "functions.agents.maxInstances", 2);
    }

    @Test
    void aManagedInstancesFunctionIsSizedByItsEnvironmentsAndItsQueueIsAWarning(@TempDir Path temp) {
        ProjectCopy copy = onManagedInstances(temp);
        assertEquals(0, copy.run("render").exitCode());

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "prod");

        assertEquals(0, run.exitCode(), run.err());
        for (String expected : List.of(
                "agents                          2               4                     2 x 4 x 2 = 16",
                "agents runs on Lambda Managed Instances: 2 environment(s) (MaxExecutionEnvironments) x 32 requests"
                        + " (perExecutionEnvironmentMaxConcurrency) = 64 at once, on 2 x 4 = 8 connection(s)",
                "Serverless Framework v3, cannot declare Managed Instances",
                // 2 environments x 4 statements at once: 8 x 1000 / 200 ms x 80% = 32 requests a second.
                "agents               GET /api/manager/agents                            8    200 ms       32      6",
                "warning: prod/agents: 32 requests per environment (perExecutionEnvironmentMaxConcurrency) share"
                        + " connectionLimit 4: up to 28 per environment queue on the pool, each for at most poolTimeoutSeconds 2",
                "(32 / 4 - 1) x 200 ms = 1400 ms, within the pool timeout",
                "needs: " + (PROD_INSTANCES - 5) + " reserved + 100 Lambda keeps unreserved = " + (PROD_INSTANCES + 95)
                        + " (functions on Managed Instances reserve none)",
                "check passed")) {
            // columns compared by their values, whatever their widths
            assertTrue(
                    run.out().replaceAll(" +", " ").contains(expected.replaceAll(" +", " ")),
                    expected + " in:\n" + run.out());
        }
    }

    @Test
    void managedInstancesNeedAVpc(@TempDir Path temp) {
        ProjectCopy noVpc = onManagedInstances(temp.resolve("no-vpc")).set("config/staging.yaml", "network", null);

        ProjectCopy.ToolRun withoutVpc = noVpc.run("render");

        assertEquals(3, withoutVpc.exitCode());
        assertEquals(
                List.of(
                        "error: config/staging.yaml: functions.agents runs on Lambda Managed Instances, whose capacity"
                                + " provider launches instances in the stage's VPC: give the stage a network (subnetIds, securityGroupIds)"),
                withoutVpc.errors());
    }

    @Test
    void anAccountQuotaBelowWhatAStageNeedsFailsTheCheck(@TempDir Path temp) {
        int needs = PROD_INSTANCES + 100;
        ProjectCopy copy = SampleProject.in(temp)
                .write(
                        "enough.json",
                        "{\"AccountLimit\": {\"ConcurrentExecutions\": 1000, \"UnreservedConcurrentExecutions\": 980}}")
                .write(
                        "low.json",
                        "{\"AccountLimit\": {\"ConcurrentExecutions\": " + (needs - 1)
                                + ", \"UnreservedConcurrentExecutions\": " + (needs - 1) + "}}");

        assertEquals(
                0,
                copy.run(
                                "check",
                                "--stage",
                                "prod",
                                "--account-settings",
                                temp.resolve("enough.json").toString())
                        .exitCode());
        ProjectCopy.ToolRun low = copy.run(
                "check",
                "--stage",
                "prod",
                "--account-settings",
                temp.resolve("low.json").toString());
        assertEquals(1, low.exitCode());
        assertEquals(1, low.errors().size(), low.err());
        assertTrue(
                low.errors().get(0).contains(Integer.toString(needs - 1))
                        && low.errors().get(0).contains(Integer.toString(needs)),
                low.err());
    }
}
