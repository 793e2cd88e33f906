package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SampleProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What render writes for the app's side of each stage (front-door/STAGE/CLIENT-*), from the tests'
 * own project ({@link SampleProject}: prod-db's restOfApp, share 28, role shop_app): Prisma 6's
 * DATABASE_URL parameters, Prisma 7's pool options, PgBouncer's fragment when the app goes through
 * one; no secret; proven current like every rendered file.
 */
class AppDatabaseFilesTest {

    private static final String URL = "front-door/prod/restOfApp-database-url.txt";
    private static final String POOL = "front-door/prod/restOfApp-pg-pool.js";
    private static final String PGBOUNCER = "front-door/prod/restOfApp-pgbouncer.ini";

    @TempDir
    Path dir;

    private static Map<String, String> render(ProjectCopy copy) {
        return DeployFiles.render(copy.config());
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static ProjectCopy withApp(Path dir, Map<String, Object> client) {
        return SampleProject.in(dir).set("config/databases.yaml", "prod-db.reservedFor.restOfApp", client);
    }

    @Test
    void aServerlessAppGetsOneConnectionPerInstanceAndTimeoutsInsideNetlifysTenSeconds() {
        Map<String, String> files = render(SampleProject.in(dir));

        assertEquals(
                "connection_limit=1&pool_timeout=3&connect_timeout=3&application_name=restOfApp",
                lastLine(files.get(URL)));
        assertTrue(files.get(URL)
                .contains("# Prisma 6: add these parameters to the app's DATABASE_URL, whose user is"
                        + " the role shop_app"));
        assertTrue(
                files.get(POOL)
                        .endsWith("module.exports = {\n  \"max\": 1,\n  \"connectionTimeoutMillis\": 6000,\n"
                                + "  \"idleTimeoutMillis\": 10000,\n  \"application_name\": \"restOfApp\"\n};\n"),
                files.get(POOL));
        assertFalse(files.containsKey(PGBOUNCER), "not pooled");
        assertFalse(
                files.keySet().stream().anyMatch(name -> name.startsWith("front-door/dev/restOfApp")),
                "dev-db reserves for people only: no app files");
    }

    @Test
    void aLongRunningServiceGetsEachReplicasPool() {
        Map<String, String> files = render(withApp(
                dir,
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
                        9,
                        "poolTimeoutSeconds",
                        5)));

        assertEquals(
                "connection_limit=9&pool_timeout=5&connect_timeout=3&application_name=restOfApp",
                lastLine(files.get(URL)));
        assertTrue(files.get(URL).contains("# - connection_limit: each replica's pool"), files.get(URL));
        assertTrue(files.get(POOL).contains("\"max\": 9,\n  \"connectionTimeoutMillis\": 8000,"), files.get(POOL));
    }

    @Test
    void anAppThroughPgBouncerGetsPoolSizeEqualToItsShare() {
        Map<String, String> files = render(withApp(
                dir, Map.of("share", 28, "client", "pgbouncer", "role", "shop_app", "applicationName", "desk")));

        assertEquals(
                "connection_limit=1&pool_timeout=3&connect_timeout=3&application_name=desk&pgbouncer=true",
                lastLine(files.get(URL)));
        String ini = files.get(PGBOUNCER);
        assertTrue(
                ini.contains("\n[databases]\nAPP_DATABASE = host=APP_DATABASE_HOST port=5432 dbname=APP_DATABASE"
                        + " pool_size=28 max_db_connections=28\n\n[pgbouncer]\npool_mode = transaction\n"),
                ini);
        assertTrue(ini.endsWith("\n[users]\nshop_app = max_user_connections=28\n"), ini);
    }

    @Test
    void theyHoldNoSecret() {
        Map<String, String> files =
                render(withApp(dir, Map.of("share", 28, "client", "pgbouncer", "role", "shop_app")));

        for (String name : List.of(URL, POOL, PGBOUNCER)) {
            assertFalse(files.get(name).matches("(?is).*(postgres(ql)?://|password).*"), name);
        }
    }

    @Test
    void anEditedAppFileFailsTheCheckWithItsDiff() {
        ProjectCopy copy = SampleProject.in(dir);
        copy.replace(URL, "connection_limit=1&", "connection_limit=5&");

        ProjectCopy.ToolRun run = copy.run("check");

        assertEquals(1, run.exitCode());
        assertTrue(
                run.errors().contains("error: " + URL + " differs from what config/ renders (run: ./budget render)"),
                run.err());
        assertTrue(run.err().contains("-connection_limit=5&"), run.err());
    }
}
