package com.taskdesk.health;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import com.taskdesk.config.JwtSecretConfigSource;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthResourceTest {

    @Test
    void showsThisInstancesPoolWithoutATokenAndWithoutSecrets() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset();
        }
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
        Api.anonymous().get("/api/health").then()
                .statusCode(200)
                .contentType("application/json")
                .body("success", equalTo(true))
                .body("status", equalTo("UP"))
                .body("function", equalTo("local"))
                .body("pool.maxSize", equalTo(1))
                .body("pool.poolTimeoutSeconds", equalTo(3))
                .body("pool.statementTimeoutSeconds", equalTo(5))
                .body("pool.active", equalTo(0))
                .body("pool.idle", equalTo(1))
                .body("pool.awaiting", equalTo(0))
                .body("pool.created", greaterThanOrEqualTo(1))
                .body("database", equalTo("not checked (ask with ?check=database)"))
                .body(not(containsString("jdbc:")))
                .body(not(containsString(JwtSecretConfigSource.LOCAL_DEMO_SECRET)));
    }

    @Test
    void checksTheDatabaseOnlyWhenAsked() {
        Api.anonymous().queryParam("check", "database").get("/api/health").then()
                .statusCode(200)
                .body("database", equalTo("UP"));
    }

    @Test
    void aBadTokenDoesNotStopTheHealthCheck() {
        Api.anonymous().cookie("auth-token", "garbage").get("/api/health").then().statusCode(200);
    }
}
