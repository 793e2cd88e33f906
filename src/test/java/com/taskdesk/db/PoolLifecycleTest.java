package com.taskdesk.db;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The pool as Lambda needs it: empty at start, capped, named, and never handing out a dead connection. */
@QuarkusTest
@TestProfile(PoolLifecycleTest.FreshStart.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolLifecycleTest {

    /** Its own application start, so the first test sees the pool as start-up left it. */
    public static class FreshStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("taskdesk.metrics.cache-seconds", "0");
        }
    }

    private static final String OUR_BACKENDS =
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'local' AND pid <> pg_backend_pid()";

    @Inject
    AgroalDataSource pool;

    @Test
    @Order(1)
    void startUpOpensNoConnection() {
        assertEquals(0, pool.getMetrics().creationCount(), "connections created during start-up");
        Api.anonymous()
                .get("/api/health")
                .then()
                .statusCode(200)
                .body("pool.created", equalTo(0))
                .body("pool.maxUsed", equalTo(0))
                .body("pool.idle", equalTo(0));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(0, db.count(OUR_BACKENDS));
        }
    }

    @Test
    @Order(2)
    void theCapIsTheBudgetsDefaultAndConnectionsCarryTheFunctionsName() {
        assertEquals(1, pool.getConfiguration().connectionPoolConfiguration().maxSize());
        assertEquals(0, pool.getConfiguration().connectionPoolConfiguration().minSize());
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(1, db.count(OUR_BACKENDS), "the one pooled connection, named after the function");
        }
    }

    @Test
    @Order(3)
    void aConnectionTheServerClosedIsNeverHandedToAHandler() throws Exception {
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200);
        long invalidBefore = pool.getMetrics().invalidCount();
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(
                    1,
                    db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            + "WHERE application_name = 'local' AND pid <> pg_backend_pid()"));
            for (int i = 0; i < 50 && db.count(OUR_BACKENDS) > 0; i++) {
                Thread.sleep(20);
            }
        }
        Api.asManager().get("/api/manager/spam/counts").then().statusCode(200).body("success", equalTo(true));
        Api.anonymous()
                .queryParam("check", "database")
                .get("/api/health")
                .then()
                .statusCode(200)
                .body("database", equalTo("UP"));
        assertTrue(pool.getMetrics().invalidCount() > invalidBefore, "the dead connection was found and dropped");
    }
}
