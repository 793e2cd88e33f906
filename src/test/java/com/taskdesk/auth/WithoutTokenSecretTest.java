package com.taskdesk.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function given no token secret and built as function.zip is, without the local run's demo
 * secret (com.taskdesk.local.LocalDemoSecret lives in src/local, which the artifact never holds):
 * a token signed with the public demo secret is never accepted, whatever else stops a deployed
 * function without a secret at start. The tests' environment sets neither JWT_SECRET nor
 * JWT_SECRET_ID.
 */
@QuarkusTest
@TestProfile(WithoutTokenSecretTest.AsDeployed.class)
class WithoutTokenSecretTest {

    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.arc.exclude-types", "com.taskdesk.local.LocalDemoSecret");
        }
    }

    @Test
    void aTokenSignedWithTheDemoSecretIsRefusedWith503() {
        try (CapturedLog log = new CapturedLog()) {
            Api.asManager()
                    .get("/api/manager/spam/counts")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .body("error", equalTo("Sign-in cannot be checked right now; retry in 2 s"));
            List<String> lines = log.lines().stream()
                    .filter(line -> line.contains("no token can be verified"))
                    .toList();
            assertEquals(1, lines.size(), log.all());
            assertTrue(lines.get(0).endsWith("503: JWT_SECRET is not set: no token can be verified"), lines.get(0));
        }
    }

    @Test
    void aRequestWithoutTokenIsStill401AndHealthStillAnswers() {
        Api.anonymous().get("/api/manager/spam/counts").then().statusCode(401);
        Api.anonymous().get("/api/health").then().statusCode(200);
        Api.anonymous()
                .cookie("auth-token", Tokens.manager())
                .get("/api/health")
                .then()
                .statusCode(200);
    }
}
