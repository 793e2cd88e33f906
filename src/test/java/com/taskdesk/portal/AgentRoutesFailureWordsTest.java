package com.taskdesk.portal;

import static com.taskdesk.portal.PortalApi.ANN;
import static com.taskdesk.portal.PortalApi.ANN_EMAIL;
import static com.taskdesk.portal.PortalApi.ANN_TOKEN;
import static com.taskdesk.portal.PortalApi.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent portal logs its agent out on any error text with "unauthorized", "forbidden", "invalid
 * session" or "authentication" (contract revision 3, §0): no 5xx of /api/agent/* may say them, even
 * when the database's own message does. Here "User" is, for one request, a view whose every row
 * raises PostgreSQL's "password authentication failed" under a chosen SQLSTATE: a retryable one
 * (503) and one that is not (500).
 */
@QuarkusTest
class AgentRoutesFailureWordsTest {

    private static final List<String> LOG_OUT_WORDS =
            List.of("unauthorized", "forbidden", "invalid session", "authentication");

    @BeforeEach
    void ann() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().user(ANN).email(ANN_EMAIL).insert();
        }
    }

    /** One request while every read of "User" fails with this SQLSTATE and PostgreSQL's login message. */
    private static Response whileUserFails(String state, String path, String query) {
        try (Fixtures db = Fixtures.connect()) {
            db.execute("ALTER TABLE \"User\" RENAME TO \"UserRows\"")
                    .execute("CREATE FUNCTION test_refuse() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE"
                            + " EXCEPTION 'password authentication failed for user \"taskdesk\"' USING ERRCODE = '"
                            + state + "'; END $$")
                    .execute("CREATE VIEW \"User\" AS SELECT * FROM \"UserRows\" WHERE test_refuse()");
            try {
                return get(ANN_TOKEN, path, query);
            } finally {
                db.execute("DROP VIEW \"User\"")
                        .execute("DROP FUNCTION test_refuse()")
                        .execute("ALTER TABLE \"UserRows\" RENAME TO \"User\"");
            }
        }
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @CsvSource({
        "28P01, 503, /api/agent/tasks, ''",
        "28P01, 503, /api/agent/completed-today, email=ann%40taskdesk.example",
        "53300, 503, /api/agent/tasks, order=desc",
        "XX000, 500, /api/agent/tasks, ''",
        "XX000, 500, /api/agent/completed-today, email=ann%40taskdesk.example&date=2026-05-20",
    })
    void aDatabaseFailureSayingAuthenticationNeverReachesTheBody(String state, int status, String path, String query) {
        try (CapturedLog log = new CapturedLog()) {
            Response response = whileUserFails(state, path, query);

            String body = response.asString();
            assertEquals(status, response.statusCode(), body);
            assertTrue(body.startsWith("{\"success\":false,\"error\":"), body);
            for (String word : LOG_OUT_WORDS) {
                assertTrue(!body.toLowerCase(Locale.ROOT).contains(word), "'" + word + "' in " + body);
            }
            assertEquals("no-store", response.header("Cache-Control"));
            if (status == 503) {
                assertEquals("2", response.header("Retry-After"));
            } else {
                assertTrue(body.contains("Internal error (error id "), body);
            }
            assertTrue(
                    log.all().contains("password authentication failed for user"),
                    "the failure the function met did say it: " + log.all());
        }
    }
}
