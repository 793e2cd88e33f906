package com.taskdesk.health;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.secrets.JwtSecretCheck;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthResourceTest {

    @Inject
    AgroalDataSource pool;

    @Test
    void showsThisInstancesPoolWithoutATokenAndWithoutSecrets() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset();
        }
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
        Api.anonymous()
                .get("/api/health")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("success", equalTo(true))
                .body("status", equalTo("UP"))
                .body("function", equalTo("local"))
                .body("pool.maxSize", equalTo(1))
                .body("pool.poolTimeoutSeconds", equalTo(2)) // config/'s default, FunctionSetting.POOL_TIMEOUT
                .body("pool.statementTimeoutSeconds", equalTo(5))
                .body("pool.active", equalTo(0))
                .body("pool.idle", equalTo(1))
                .body("pool.awaiting", equalTo(0))
                .body("pool.maxUsed", equalTo(1))
                .body("pool.acquisitionTimeouts", greaterThanOrEqualTo(0))
                .body("pool.created", greaterThanOrEqualTo(1))
                .body("database", equalTo("not checked (ask with ?check=database)"))
                .body(not(containsString("jdbc:")))
                .body(not(containsString(JwtSecretCheck.LOCAL_DEMO_SECRET)));
    }

    @Test
    void countsARealPoolTimeoutAndStillOpensNoConnection() throws Exception {
        assertEquals(1, pool.getConfiguration().connectionPoolConfiguration().maxSize());
        int before = Api.anonymous().get("/api/health").then().extract().path("pool.acquisitionTimeouts");
        SqlCounter.reset();
        try (Connection held = pool.getConnection()) {
            Api.asManager().get("/api/manager/agents").then().statusCode(503);
            Api.anonymous()
                    .get("/api/health")
                    .then()
                    .statusCode(200)
                    .body("pool.acquisitionTimeouts", equalTo(before + 1))
                    .body("pool.active", equalTo(1))
                    .body("pool.maxUsed", equalTo(1));
        }
        assertEquals(1, SqlCounter.checkouts(), "only the test's own connection: neither request got one");
        Api.asManager().get("/api/manager/agents").then().statusCode(200);
        Api.anonymous().get("/api/health").then().body("pool.acquisitionTimeouts", equalTo(before + 1));
    }

    @Test
    void checksTheDatabaseOnlyWhenAsked() {
        Api.anonymous()
                .queryParam("check", "database")
                .get("/api/health")
                .then()
                .statusCode(200)
                .body("database", equalTo("UP"));
    }

    @Test
    void aBadTokenDoesNotStopTheHealthCheck() {
        Api.anonymous()
                .cookie("auth-token", "garbage")
                .get("/api/health")
                .then()
                .statusCode(200);
    }
}
