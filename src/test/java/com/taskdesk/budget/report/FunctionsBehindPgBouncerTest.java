package com.taskdesk.budget.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.NeedsPgBouncer;
import com.taskdesk.testing.ThroughPgBouncer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Under the profile the *ThroughPgBouncerTest classes run in, the functions' connections really go
 * through PgBouncer: it logs their login.
 */
@QuarkusTest
@TestProfile(ThroughPgBouncer.class)
@NeedsPgBouncer
class FunctionsBehindPgBouncerTest {

    @Test
    void theFunctionsConnectThroughPgBouncer() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset();
        }
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
        Api.anonymous()
                .queryParam("check", "database")
                .get("/api/health")
                .then()
                .statusCode(200);

        String log = ThroughPgBouncer.pgbouncer().log();
        assertTrue(log.contains("login attempt: db=postgres user=postgres"), log);
        System.out.println("pgbouncer.ini the endpoint tests ran behind:\n"
                + ThroughPgBouncer.pgbouncer().ini());
    }
}
