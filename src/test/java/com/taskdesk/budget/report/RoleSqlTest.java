package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SampleProject;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What roles prints for the tests' own project ({@link SampleProject}): one role per function with its
 * worst case as CONNECTION LIMIT, least privilege, no password.
 */
class RoleSqlTest {

    private static final Pattern LIMIT =
            Pattern.compile("ALTER ROLE \"(\\w+)\" CONNECTION LIMIT (\\d+);  -- its share: \\d");

    @TempDir
    Path project;

    private BudgetConfig config;

    @BeforeEach
    void sampleProject() {
        config = SampleProject.in(project).config();
    }

    private String sql(String stage) {
        return RoleSql.script(config, config.stage(stage));
    }

    /** The statements the script runs for one role (after its comment line, up to the next blank line). */
    private static String block(String sql, String role) {
        int start = sql.indexOf("), role \"" + role + "\"\n");
        int end = sql.indexOf("\n\n", start);
        return sql.substring(start, end < 0 ? sql.length() : end);
    }

    @Test
    void eachRolesConnectionLimitIsItsFunctionsWorstCase() {
        for (StageConfig stage : config.stages()) {
            Matcher matcher = LIMIT.matcher(sql(stage.name()));
            List<String> roles = new ArrayList<>();
            while (matcher.find()) {
                String role = matcher.group(1);
                FunctionBudget function = stage.functions().stream()
                        .filter(f -> stage.roleName(f.name()).equals(role))
                        .findFirst()
                        .orElseThrow();
                assertEquals(
                        function.maxInstances()
                                * function.connectionLimit()
                                * stage.database().deployOverlapFactor(),
                        Integer.parseInt(matcher.group(2)),
                        role);
                roles.add(role);
            }
            assertEquals(
                    stage.functions().stream()
                            .map(f -> stage.roleName(f.name()))
                            .toList(),
                    roles);
        }
        String agents = block(sql("prod"), "taskdesk_prod_agents");
        assertTrue(
                agents.contains(
                        "ALTER ROLE \"taskdesk_prod_agents\" CONNECTION LIMIT 10;  -- its share: 5 x 1 x 2 = 10;"),
                "agents: 5 instances x 1 connection x 2: " + agents);
        assertTrue(
                agents.contains("ALTER ROLE \"taskdesk_prod_agents\" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                        + " NOINHERIT NOREPLICATION NOBYPASSRLS;"),
                agents);
    }

    @Test
    void readersMaySelectOnlyTheTablesTheirStatementReads() {
        String sql = sql("prod");

        String agents = block(sql, "taskdesk_prod_agents");
        assertTrue(
                agents.contains(
                        "GRANT SELECT ON TABLE \"public\".\"User\", \"public\".\"Task\" TO \"taskdesk_prod_agents\";"),
                agents);
        String metrics = block(sql, "taskdesk_prod_metrics");
        assertTrue(metrics.contains(
                "GRANT SELECT ON TABLE \"public\".\"Task\", \"public\".\"RawMessage\" TO \"taskdesk_prod_metrics\";"));
        String counts = block(sql, "taskdesk_prod_spam_counts");
        assertTrue(
                counts.contains("GRANT SELECT ON TABLE \"public\".\"RawMessage\" TO \"taskdesk_prod_spam_counts\";"));
        for (String reader : List.of(agents, metrics, counts, block(sql, "taskdesk_prod_agent_progress"))) {
            assertFalse(reader.matches("(?s).*GRANT [A-Z, ]*(UPDATE|INSERT|DELETE|TRUNCATE|ALL).*"), reader);
        }
        String health = block(sql, "taskdesk_prod_health");
        assertFalse(health.contains("ON TABLE"), "health runs SELECT 1 and needs no table: " + health);
    }

    @Test
    void writersMayReadUsersUpdateTasksAndRawMessagesAndInsertHistoryOnly() {
        String sql = sql("prod");
        for (String role : List.of("taskdesk_prod_mark_spam", "taskdesk_prod_spam_restore")) {
            String writer = block(sql, role);
            assertTrue(
                    writer.contains("GRANT SELECT, UPDATE ON TABLE \"public\".\"Task\", \"public\".\"RawMessage\" TO \""
                            + role + "\";"),
                    writer);
            assertTrue(
                    writer.contains("GRANT INSERT ON TABLE \"public\".\"TaskHistory\" TO \"" + role + "\";"), writer);
            assertTrue(
                    writer.contains("GRANT SELECT ON TABLE \"public\".\"User\" TO \"" + role + "\";"),
                    "the write checks its caller in \"User\": " + writer);
            assertFalse(writer.matches("(?s).*GRANT [A-Z, ]*(DELETE|TRUNCATE|ALL).*"), writer);
            assertTrue(
                    writer.contains("REVOKE ALL ON ALL TABLES IN SCHEMA \"public\" FROM \"" + role + "\";"),
                    "privileges granted earlier by hand are taken back: " + writer);
        }
    }

    @Test
    void eachRoleGetsItsTimeoutsAsServerSideBackstops() {
        String sql = sql("prod");

        String markSpam = block(sql, "taskdesk_prod_mark_spam");
        assertTrue(markSpam.contains("ALTER ROLE \"taskdesk_prod_mark_spam\" SET statement_timeout = '8s';"), markSpam);
        assertTrue(markSpam.contains(
                "ALTER ROLE \"taskdesk_prod_mark_spam\" SET idle_in_transaction_session_timeout = '20s';"));
        assertTrue(markSpam.contains("ALTER ROLE \"taskdesk_prod_mark_spam\" SET idle_session_timeout = '300s';"));
        assertTrue(markSpam.contains("ALTER ROLE \"taskdesk_prod_mark_spam\" SET search_path = \"public\";"));
        assertTrue(block(sql, "taskdesk_prod_agents").contains("SET statement_timeout = '5s';"));
    }

    @Test
    void eachFunctionsRoleGetsAPasswordOfItsOwnThatTheScriptNeverHolds() {
        for (StageConfig stage : config.stages()) {
            String sql = sql(stage.name());
            assertFalse(sql.matches("(?is).*PASSWORD\\s+'.*"), "no literal password");
            assertFalse(sql.contains("postgresql://"), "no connection string");
            String first = stage.functions().get(0).name().replace('-', '_') + "_password";
            assertTrue(
                    sql.contains("psql \"$ADMIN_DATABASE_URL\" -v " + first + "=\"$" + first.toUpperCase()
                            + "\" ... -f roles-" + stage.name() + ".sql"),
                    sql);
            for (FunctionBudget function : stage.functions()) {
                String role = stage.roleName(function.name());
                String variable = function.name().replace('-', '_') + "_password";
                String block = block(sql, role);
                assertTrue(block.contains("\\if :{?" + variable + "}\n"), block);
                assertTrue(
                        block.contains("ALTER ROLE \"" + role + "\" PASSWORD :'" + variable + "';  -- its own password"
                                + " (secret 'taskdesk/" + stage.name() + "/database-url/" + function.name() + "')"),
                        block);
                assertEquals(1, block.split("PASSWORD :", -1).length - 1, "one password, its own: " + block);
            }
            assertEquals(
                    stage.functions().size(),
                    sql.split(" PASSWORD :'", -1).length - 1,
                    "no password for a client's role");
        }
    }

    @Test
    void everyStatementSaysWhyOnItsLine() {
        for (String line : sql("prod").lines().toList()) {
            boolean statement = !line.isEmpty()
                    && !line.startsWith("--")
                    && !line.startsWith("\\")
                    && !List.of("BEGIN;", "COMMIT;").contains(line);
            if (statement) {
                assertTrue(line.matches(".*;  -- \\S.*"), line);
            }
        }
    }

    @Test
    void everyOtherClientsRoleGetsItsShareAndIsNeverCreated() {
        String sql = sql("prod");

        for (String line : List.of(
                "ALTER ROLE \"shop_app\" CONNECTION LIMIT 28;",
                "ALTER ROLE \"shop_app\" SET application_name = 'restOfApp';",
                "ALTER ROLE \"shop_app\" SET idle_session_timeout = '300s';",
                "ALTER ROLE \"shop_owner\" CONNECTION LIMIT 2;",
                "ALTER ROLE \"shop_people\" CONNECTION LIMIT 3;",
                "ALTER ROLE \"shop_monitoring\" CONNECTION LIMIT 4;",
                "ALTER ROLE \"shop_monitoring\" SET application_name = 'monitoring';")) {
            assertTrue(sql.contains("\n" + line + "  -- "), line + " in:\n" + sql);
        }
        assertFalse(
                sql.matches("(?s).*\"shop_(owner|people|monitoring)\" SET idle_session_timeout.*"),
                "only the serverless app's idle sessions are reaped: the others' are not frozen");
        assertFalse(sql.matches("(?s).*CREATE ROLE \"shop_.*"), "roles creates only the functions' roles");
        assertTrue(
                sql.contains("IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'shop_app' AND rolsuper) THEN"
                        + " RAISE EXCEPTION"),
                "a superuser, whom no CONNECTION LIMIT binds, stops the script");
    }

    @Test
    void theScriptIsIdempotentAndAtomic() {
        String sql = sql("prod");

        int functions = Endpoint.all().size();
        assertEquals(functions, sql.split(" CREATE ROLE ", -1).length - 1);
        assertEquals(
                functions,
                sql.split(Pattern.quote("') THEN CREATE ROLE "), -1).length - 1,
                "every CREATE ROLE is guarded by IF NOT EXISTS");
        assertTrue(sql.contains("\nBEGIN;\n") && sql.endsWith("\nCOMMIT;\n"), "one transaction");
    }

    @Test
    void behindAPoolerTheLimitIsTheRolesShareOfStatementsInFlightAndNoIdleSessionTimeout(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp)
                .stage(
                        "pooled",
                        "p",
                        100,
                        40,
                        2,
                        "{kind: pgbouncer, serverConnections: 30, maxClientConnections: 1000}",
                        1,
                        ProjectCopy.each(3));
        BudgetConfig pooled = copy.config();

        String sql = RoleSql.script(pooled, pooled.stage("pooled"));

        assertTrue(sql.contains("ALTER ROLE \"taskdesk_pooled_agents\" CONNECTION LIMIT 3;"), sql);
        assertFalse(sql.contains("idle_session_timeout"), sql);
        assertTrue(sql.contains("SET search_path = \"public\";"), "PgBouncer drops the search_path startup parameter");
    }

    @Test
    void aStageThatFailsTheCheckGetsNoRoles(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp).set("config/prod.yaml", "functions.agents.maxInstances", 20);

        ProjectCopy.ToolRun run = copy.run("roles", "--stage", "prod");

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.errors().get(0).startsWith("error: database prod-db: "), run.err());
    }
}
