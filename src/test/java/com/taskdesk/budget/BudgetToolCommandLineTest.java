package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes 0/1/2/3 and one clear line per error, never a stack trace. */
class BudgetToolCommandLineTest {

    private static void assertOneLineError(ProjectCopy.ToolRun run, int exitCode, String expected) {
        assertEquals(exitCode, run.exitCode(), run.err());
        String first = run.err().lines().findFirst().orElse("");
        assertEquals("error: " + expected, first);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertOneLineError(ProjectCopy.ToolRun.of("deploy"), 2, "unknown command 'deploy' (check, plan, roles, sync, help)");
    }

    @Test
    void noCommandIsAUsageError() {
        assertOneLineError(ProjectCopy.ToolRun.of(), 2, "no command given");
    }

    @Test
    void conflictingOrMissingOptionsAreUsageErrors() {
        assertOneLineError(ProjectCopy.ToolRun.of("check", "--stage", "prod", "--all"), 2,
                "check takes --stage S or --all, not both");
        assertOneLineError(ProjectCopy.ToolRun.of("roles"), 2, "roles needs --stage");
        assertOneLineError(ProjectCopy.ToolRun.of("plan", "--stage"), 2, "--stage needs a value");
        assertOneLineError(ProjectCopy.ToolRun.of("sync", "--stage", "prod"), 2, "sync does not take --stage");
        assertOneLineError(ProjectCopy.ToolRun.of("plan", "--stage", "prod", "--max-connections", "lots"), 2,
                "--max-connections wants a whole number of 0 or more; got 'lots'");
    }

    @Test
    void anUnknownStageIsAUsageErrorListingTheStages() {
        assertOneLineError(ProjectCopy.ToolRun.of("check", "--stage", "qa", "--dir", ProjectCopy.PROJECT.toString()), 2,
                "no stage 'qa' in config/ (stages: dev, prod, staging)");
    }

    @Test
    void aMisspeltSettingIsAConfigurationErrorNamingFileAndField(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("config/prod.yaml", "    maxInstances: 5\n", "    maxInstance: 5\n");

        assertOneLineError(copy.run("check"), 3, "config/prod.yaml: functions.agents.maxInstance is not a known setting"
                + " (known: connectTimeoutSeconds, connectionLimit, functionTimeoutSeconds, lambdaManagedInstances,"
                + " maxInstances, memoryMb, poolTimeoutSeconds, route, statementTimeoutSeconds, timeoutMarginSeconds)");
    }

    @Test
    void aNonNumericValueIsAConfigurationError(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/dev.yaml", "database.maxConnections", "fifty");

        assertOneLineError(copy.run("check"), 3, "config/dev.yaml: database.maxConnections must be a whole number; got 'fifty'");
    }

    @Test
    void aReservationThatDoesNotAddUpIsAConfigurationError(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "database.reservedConnections", 30);

        assertOneLineError(copy.run("check"), 3, "config/prod.yaml: database.reservedFor adds up to 40 but reservedConnections is 30");
    }

    @Test
    void aFileNamedAfterAnotherStageIsAConfigurationError(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp);
        copy.write("config/qa.yaml", copy.read("config/dev.yaml"));

        assertOneLineError(copy.run("check"), 3, "config/qa.yaml: stage is 'dev' but the file is named qa.yaml;"
                + " name the file after its stage");
    }

    @Test
    void invalidYamlIsAConfigurationErrorWithItsLine(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).write("config/dev.yaml", "stage: dev\ndatabase: [unclosed\n");

        ProjectCopy.ToolRun run = copy.run("check");

        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("error: " + copy.file("config/dev.yaml") + ": not valid YAML at line "), run.err());
    }

    @Test
    void aKeyGivenTwiceIsAConfigurationError(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).replace("config/prod.yaml", "  health:\n", "  agents:\n");

        ProjectCopy.ToolRun run = copy.run("check");

        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("error: " + copy.file("config/prod.yaml") + ": key 'agents' appears twice"), run.err());
    }

    @Test
    void aMissingConfigDirectoryIsAConfigurationError(@TempDir Path temp) {
        ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("check", "--dir", temp.toString());

        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("error: " + temp.resolve("config") + ": directory not found"), run.err());
    }

    @Test
    void helpPrintsTheCommandsAndExitCodes() {
        ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("exit codes: 0 ok, 1 check failed, 2 usage error, 3 configuration unreadable or invalid"));
    }
}
