package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.PsqlScript;
import com.taskdesk.budget.SampleProject;
import com.taskdesk.budget.SimulationDatabase;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, item 1: a database key carrying SQL ("taskdesk-prod", a newline, then DROP TABLE) is
 * refused where config/ is read, so neither check nor roles runs on it; and were such a name to
 * reach the roles script anyway, every value in it is quoted, comments included, so running the
 * script on a real PostgreSQL drops nothing.
 */
class ConfigTextNeverReachesSqlTest {

    static final String MALICIOUS = "taskdesk-prod\nDROP TABLE \"User\"; --";
    /** The same key as YAML writes it, double-quoted with escapes. */
    private static final String MALICIOUS_YAML = "\"taskdesk-prod\\nDROP TABLE \\\"User\\\"; --\"";

    private static ProjectCopy withMaliciousDatabaseKey(Path dir) {
        return SampleProject.in(dir)
                .replace("config/databases.yaml", "prod-db:\n", MALICIOUS_YAML + ":\n")
                .replace("config/prod.yaml", "database: prod-db\n", "database: " + MALICIOUS_YAML + "\n");
    }

    @Test
    void checkRefusesADatabaseKeyThatIsNotLowerCaseLettersDigitsAndHyphens(@TempDir Path dir) {
        ProjectCopy.ToolRun run = withMaliciousDatabaseKey(dir).run("check");

        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of("error: config/databases.yaml: database key \"taskdesk-prod\\nDROP TABLE \\\"User\\\"; --\""
                        + " must be lower-case letters, digits and hyphens ([a-z0-9-]+)"),
                run.errors());
        assertEquals(1, run.err().lines().count(), "one line, the newline written as \\n: " + run.err());
    }

    @Test
    void rolesWritesNothingFromIt(@TempDir Path dir) {
        ProjectCopy.ToolRun run = withMaliciousDatabaseKey(dir).run("roles", "--stage", "prod");

        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals("", run.out());
    }

    /**
     * Past the validation (a stage whose database was named in code, not config/), the name is a
     * literal wherever the script writes it: each line it appears on is a comment, and the script,
     * run on a real PostgreSQL, leaves "User" where it was.
     */
    @Test
    void aNameThatReachedTheScriptIsQuotedEvenInCommentsAndRunsAsNothing() throws SQLException {
        SimulationDatabase database = SimulationDatabase.get();
        BudgetConfig config = database.config();
        StageConfig stage = database.stage();
        DatabaseLimits limits = stage.database();
        StageConfig renamed = stage.withDatabase(new DatabaseLimits(
                MALICIOUS,
                limits.postgresVersion(),
                limits.maxConnections(),
                limits.superuserReserved(),
                limits.clients(),
                limits.schema(),
                limits.pooler(),
                limits.deployOverlapFactor(),
                limits.databaseUrl()));
        BudgetConfig renamedConfig = new BudgetConfig(List.of(renamed));

        String script = RoleSql.script(renamedConfig, renamed);

        for (String line : script.lines().toList()) {
            if (line.contains("DROP TABLE")) {
                assertTrue(line.startsWith("--"), "only in a comment: " + line);
                assertTrue(line.contains("E'taskdesk-prod\\nDROP TABLE \"User\"; --'"), "as one literal: " + line);
            }
        }
        assertFalse(script.lines().anyMatch(line -> line.startsWith("DROP")), script);
        try (Connection admin = database.superuser()) {
            PsqlScript.run(admin, script, SimulationDatabase.passwords(renamed));
            try (Statement statement = admin.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT to_regclass('public.\"User\"') IS NOT NULL")) {
                rows.next();
                assertTrue(rows.getBoolean(1), "\"User\" is still there");
            }
            database.applyRoles(config, stage);
        }
    }
}
