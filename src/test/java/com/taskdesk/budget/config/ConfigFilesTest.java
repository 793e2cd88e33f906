package com.taskdesk.budget.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SampleProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * config/ (the tests' own, {@link SampleProject}) is refused, in one line naming the file, the function and the key, when a key is unknown,
 * given twice, of the wrong type, out of range or missing; the tool then exits 3.
 */
class ConfigFilesTest {

    private static Arguments refused(String what, Consumer<ProjectCopy> edit, String file, String... keyAndWords) {
        return Arguments.of(what, edit, file, List.of(keyAndWords));
    }

    static Stream<Arguments> badConfig() {
        return Stream.of(
                refused(
                        "a misspelt key",
                        copy -> copy.replace("config/prod.yaml", "    maxInstances: 5\n", "    maxInstance: 5\n"),
                        "config/prod.yaml",
                        "functions.agents.maxInstance",
                        "maxInstances"),
                refused(
                        "a key given twice",
                        copy -> copy.replace("config/prod.yaml", "  health:\n", "  agents:\n"),
                        "config/prod.yaml",
                        "'agents'",
                        "line " + lineOf(SampleProject.prodFile(), "  health:")),
                refused(
                        "text where a number belongs",
                        copy -> copy.set("config/databases.yaml", "dev-db.maxConnections", "fifty"),
                        "config/databases.yaml",
                        "dev-db.maxConnections"),
                refused(
                        "a number out of range",
                        copy -> copy.set("config/functions.yaml", "functions.mark-spam.memoryMb", 64),
                        "config/functions.yaml",
                        "functions.mark-spam.memoryMb",
                        "128",
                        "64"),
                refused(
                        "a pool cap below the one connection a request needs",
                        copy -> copy.set("config/prod.yaml", "functions.spam-counts.connectionLimit", 0),
                        "config/prod.yaml",
                        "functions.spam-counts.connectionLimit",
                        "between 1 and 1000",
                        "got 0"),
                refused(
                        "a setting no layer gives and the application has no default for",
                        copy -> copy.set("config/functions.yaml", "defaults.deploymentType", null),
                        "config/prod.yaml",
                        "functions." + Endpoint.functionNames().get(0) + ".deploymentType",
                        "is missing"),
                refused(
                        "a result cap out of the application's range",
                        copy -> copy.set("config/staging.yaml", "defaults.maxRows", 0),
                        "config/staging.yaml",
                        "defaults.maxRows",
                        "between 1 and 100000",
                        "got 0"),
                refused(
                        "a function the application does not have",
                        copy -> copy.set("config/prod.yaml", "functions.reports", Map.of("maxInstances", 1)),
                        "config/prod.yaml",
                        "functions.reports",
                        String.join(", ", Endpoint.functionNames())),
                refused(
                        "a database databases.yaml does not describe",
                        copy -> copy.set("config/staging.yaml", "database", "qa-db"),
                        "config/staging.yaml",
                        "'qa-db'",
                        "dev-db, prod-db"),
                refused(
                        "an unknown deployment type",
                        copy -> copy.set("config/prod.yaml", "defaults.deploymentType", "Blue"),
                        "config/prod.yaml",
                        "defaults.deploymentType",
                        "'Blue'",
                        "Canary10Percent5Minutes"),
                refused(
                        "a missing stage setting",
                        copy -> copy.set("config/dev.yaml", "region", null),
                        "config/dev.yaml",
                        "region"),
                refused(
                        "a CORS origin with a wildcard",
                        copy -> copy.set("config/prod.yaml", "corsOrigins", List.of("https://*.example.com")),
                        "config/prod.yaml",
                        "corsOrigins",
                        "https://*.example.com"),
                refused(
                        "a pooler key that is not its kind's",
                        copy -> copy.set(
                                "config/databases.yaml",
                                "prod-db.pooler",
                                Map.of("kind", "rds-proxy", "serverConnections", 30, "maxClientConnections", 10)),
                        "config/databases.yaml",
                        "prod-db.pooler.maxClientConnections"),
                refused(
                        "a share that names no client",
                        copy -> copy.set("config/databases.yaml", "prod-db.reservedFor.restOfApp", 28),
                        "config/databases.yaml",
                        "prod-db.reservedFor.restOfApp must name its client",
                        "client: netlify, longRunning, pgbouncer, migrations, monitoring, people"),
                refused(
                        "a long-running app without its replicas",
                        copy -> copy.set(
                                "config/databases.yaml",
                                "prod-db.reservedFor.restOfApp",
                                Map.of("share", 28, "client", "longRunning", "role", "shop_app", "connectionLimit", 9)),
                        "config/databases.yaml",
                        "prod-db.reservedFor.restOfApp.replicas is missing"),
                refused(
                        "the app without a role",
                        copy -> copy.set("config/databases.yaml", "prod-db.reservedFor.restOfApp.role", null),
                        "config/databases.yaml",
                        "prod-db.reservedFor.restOfApp.role is missing"),
                refused(
                        "a role that is not a plain PostgreSQL name",
                        copy -> copy.set("config/databases.yaml", "prod-db.reservedFor.humans.role", "Shop People"),
                        "config/databases.yaml",
                        "prod-db.reservedFor.humans.role",
                        "\"Shop People\""),
                refused(
                        "a function key carrying SQL",
                        copy -> copy.set("config/prod.yaml", "functions", Map.of("agents'; DROP ROLE x; --", Map.of())),
                        "config/prod.yaml",
                        "functions key \"agents'; DROP ROLE x; --\" must be lower-case letters, digits and hyphens"),
                refused(
                        "invalid YAML",
                        copy -> copy.write("config/dev.yaml", "region: eu-west-1\ndatabase: 'unclosed\n"),
                        "config/dev.yaml",
                        "not valid YAML",
                        "line"));
    }

    /** The 1-based number of the line that is this text. */
    private static int lineOf(String text, String line) {
        return text.lines().toList().indexOf(line) + 1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfig")
    void badConfigIsOneLineNamingTheFileAndKeyAndExits3(
            String what, Consumer<ProjectCopy> edit, String file, List<String> keyAndWords, @TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);
        edit.accept(copy);

        ProjectCopy.ToolRun run = copy.run("check");

        assertEquals(3, run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("error: " + file + ": "), lines.get(0));
        for (String word : keyAndWords) {
            assertTrue(lines.get(0).contains(word), "'" + word + "' in: " + lines.get(0));
        }
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void aMissingConfigDirectoryExits3() {
        BudgetException missing =
                assertThrows(BudgetException.class, () -> ConfigFiles.load(Path.of("no-such-project")));
        assertEquals(ExitCode.CONFIGURATION, missing.exitCode());
    }

    @Test
    void aFunctionsOwnSettingWinsOverDefaultsAndAStagesOverTheSharedFile(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp)
                .set("config/functions.yaml", "defaults.memoryMb", 640)
                .set("config/functions.yaml", "functions.metrics.memoryMb", 768)
                .set("config/staging.yaml", "defaults.memoryMb", 896)
                .set("config/staging.yaml", "functions.health.memoryMb", 1152);

        StageConfig staging = copy.config().stage("staging");
        StageConfig prod = copy.config().stage("prod");

        assertEquals(640, prod.function("agents").memoryMb(), "shared defaults");
        assertEquals(768, prod.function("metrics").memoryMb(), "shared, for the function");
        assertEquals(896, staging.function("agents").memoryMb(), "the stage's defaults beat the shared defaults");
        assertEquals(768, staging.function("metrics").memoryMb(), "a function's own setting beats any defaults");
        assertEquals(1152, staging.function("health").memoryMb(), "the stage's, for the function");
    }

    @Test
    void stagesNamingOneDatabaseShareItsOneDescription(@TempDir Path temp) {
        BudgetConfig config = SampleProject.in(temp).config();

        assertEquals(config.stage("dev").database(), config.stage("staging").database());
        assertEquals(
                List.of("dev", "staging"),
                config.stagesByDatabase().get("dev-db").stream()
                        .map(StageConfig::name)
                        .toList());
    }
}
