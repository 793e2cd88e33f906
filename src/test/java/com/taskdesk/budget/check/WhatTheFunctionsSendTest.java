package com.taskdesk.budget.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.RestartableDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the functions send a database after login, as RDS Proxy would see it: the server logs every
 * connection and statement (log_connections, log_statement = all) while every endpoint answers six
 * times (past pgjdbc's prepareThreshold of 5), with what DATABASE_URL's pgbouncer=true sets. The
 * functions' sessions carry application_name in their startup packet and send no SET, no PREPARE,
 * DEALLOCATE, DISCARD, LISTEN, cursor, temporary table, advisory lock or set_config, and no named
 * prepared statement: nothing RDS Proxy pins a session for. docs/connection-budget.md quotes it.
 */
@QuarkusTest
@TestProfile(WhatTheFunctionsSendTest.StatementLog.class)
class WhatTheFunctionsSendTest {

    /** What pins an RDS Proxy session (its documentation), as the server log shows statements. */
    private static final Pattern PINS =
            Pattern.compile("(?i)(statement|execute [^:]+): .*\\b(SET|RESET|PREPARE|DEALLOCATE"
                    + "|DISCARD|LISTEN|DECLARE|CREATE TEMP|set_config|pg_advisory)");
    /** log_line_prefix: the backend's pid and its application_name. */
    private static final Pattern LINE = Pattern.compile("^(\\d+):([^:]*):(\\w+):\\s+(.*)$");
    /** The functions' application_name in tests (TASKDESK_FUNCTION_NAME unset). */
    private static final String FUNCTION = "local";

    public static class StatementLog implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LoggingDatabase.class));
        }
    }

    /** A PostgreSQL that logs every connection and statement to a file, with the schema. */
    public static class LoggingDatabase implements QuarkusTestResourceLifecycleManager {
        private static Path logs;
        private RestartableDatabase database;

        @Override
        public Map<String, String> start() {
            try {
                logs = Files.createTempDirectory("statement-log");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            database = new RestartableDatabase(Map.of(
                            "logging_collector",
                            "on",
                            "log_directory",
                            logs.toString(),
                            "log_filename",
                            "server.log",
                            "log_connections",
                            "on",
                            "log_statement",
                            "all",
                            "log_line_prefix",
                            "%p:%a:"))
                    .start()
                    .createSchema();
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    database.jdbcUrl(),
                    // What DATABASE_URL pgbouncer=true sets, which the check asks for behind rds-proxy.
                    "quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold",
                    "0",
                    "quarkus.flyway.migrate-at-start",
                    "false",
                    "taskdesk.metrics.cache-seconds",
                    "0");
        }

        @Override
        public void stop() {
            database.stop();
        }
    }

    @Test
    void theFunctionsSendNothingThatPinsAnRdsProxySession() throws Exception {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("a-ann", "Ann", "AGENT", Fixtures.EPOCH)
                    .raw("r1", "READY")
                    .task("t1")
                    .assignedTo("a-ann")
                    .rawMessage("r1")
                    .insert();
        }
        for (int i = 0; i < 6; i++) {
            for (String path : List.of(
                    "/api/manager/agents",
                    "/api/manager/dashboard/agent-progress",
                    "/api/manager/dashboard/metrics",
                    "/api/manager/spam/counts")) {
                Api.asManager().get(path).then().statusCode(200);
            }
            Api.anonymous()
                    .queryParam("check", "database")
                    .get("/api/health")
                    .then()
                    .statusCode(200);
            Api.browserPost("{\"ids\": [\"r1\"]}")
                    .post("/api/manager/tasks/mark-spam")
                    .then()
                    .statusCode(200);
            Api.browserPost("{\"ids\": [\"r1\"]}")
                    .post("/api/manager/spam/restore")
                    .then()
                    .statusCode(200);
        }

        Map<String, List<String>> sessions =
                functionSessions(Files.readString(LoggingDatabase.logs.resolve("server.log")));

        assertFalse(sessions.isEmpty(), "the functions' sessions are in the log");
        for (Map.Entry<String, List<String>> session : sessions.entrySet()) {
            List<String> lines = session.getValue();
            String start = lines.stream().limit(6).collect(Collectors.joining("\n"));
            assertTrue(
                    lines.stream()
                            .anyMatch(l -> l.matches("LOG: connection authorized: .*application_name=" + FUNCTION)),
                    "application_name travels in the startup packet, not in a SET:\n" + start);
            assertEquals(
                    List.of(),
                    lines.stream().filter(l -> PINS.matcher(l).find()).toList(),
                    "pid " + session.getKey());
            assertEquals(
                    List.of(),
                    lines.stream()
                            .filter(l -> l.startsWith("LOG: execute ") && !l.startsWith("LOG: execute <unnamed>"))
                            .toList(),
                    "only unnamed prepared statements, pid " + session.getKey());
            assertTrue(
                    lines.stream()
                                    .filter(l -> l.startsWith("LOG: execute <unnamed>"))
                                    .count()
                            >= 6 * 7 / sessions.size(),
                    "the statements ran in these sessions:\n" + start);
        }
        System.out.println("What one function session sent (server log, log_statement = all):\n"
                + sessions.values().iterator().next().stream().limit(12).collect(Collectors.joining("\n")));
    }

    /** Every log line of a backend that the functions' application_name ran in, by pid. */
    private static Map<String, List<String>> functionSessions(String log) {
        Map<String, List<String>> byPid = new LinkedHashMap<>();
        Map<String, Boolean> function = new LinkedHashMap<>();
        for (String line : log.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                byPid.computeIfAbsent(m.group(1), pid -> new java.util.ArrayList<>())
                        .add(m.group(3) + ": " + m.group(4));
                function.merge(m.group(1), m.group(2).equals(FUNCTION), Boolean::logicalOr);
            }
        }
        byPid.keySet().removeIf(pid -> !function.get(pid));
        return byPid;
    }
}
