package com.taskdesk.budget.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The smoke test and {@code sam local invoke -e} sign in with a token made for the run (15 minutes,
 * a role claim), signed with JWT_SECRET from the environment: the functions accept it on a
 * database without the samples' rows, as a stage's is; events/ itself carries none.
 */
@QuarkusTest
class FreshTokenSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = ProjectCopy.PROJECT;

    @BeforeEach
    void aDatabaseWithoutTheSamplesRows() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset();
        }
    }

    private static URI api() {
        return URI.create("http://localhost:" + Api.port());
    }

    @Test
    void everySampleRequestAnswers200ThroughTheApiWithAFreshToken() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String token = FreshToken.signedWith(Tokens.SECRET, Instant.now());

        List<String> failures = new SmokeTest(Duration.ZERO)
                .run(PROJECT, api(), token, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(List.of(), failures, printed.toString(StandardCharsets.UTF_8));
        String lines = printed.toString(StandardCharsets.UTF_8);
        assertEquals(Endpoint.all().size(), lines.lines().count(), lines);
        assertFalse(lines.contains(token), "the token is never printed");
    }

    @Test
    void aTokenOfAnotherSecretFailsTheSmokeTestOnEveryManagerRoute() throws Exception {
        String token = FreshToken.signedWith("another-secret-of-at-least-thirty-two-bytes", Instant.now());

        List<String> failures = new SmokeTest(Duration.ZERO)
                .run(PROJECT, api(), token, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        long managerRoutes =
                Endpoint.all().stream().filter(Endpoint::managerRoute).count();
        assertEquals(managerRoutes, failures.size(), failures.toString());
        assertTrue(failures.stream().allMatch(failure -> failure.contains("answered 401")), failures.toString());
    }

    @Test
    void theTokenLivesFifteenMinutesAndCarriesTheRole() throws Exception {
        Instant now = Instant.now();
        String[] parts = FreshToken.signedWith(Tokens.SECRET, now).split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));

        assertEquals("MANAGER", claims.path("role").asText());
        assertEquals(now.getEpochSecond(), claims.path("iat").asLong());
        assertEquals(15 * 60, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertFalse(claims.has("groups"));
    }

    @Test
    void theTokenCommandsEventIsWhatSamLocalInvokeSendsAndItAnswers200() throws Exception {
        for (String function : List.of("agents", "mark-spam")) {
            ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of(
                    Map.of(FreshToken.SECRET_VARIABLE, Tokens.SECRET),
                    "token",
                    "--event",
                    function,
                    "--dir",
                    PROJECT.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertFalse(run.out().contains(Tokens.SECRET), "the secret is never printed");

            String response = Api.anonymous()
                    .contentType("application/json")
                    .body(run.out())
                    .post("/_lambda_")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();

            assertEquals(200, JSON.readTree(response).path("statusCode").asInt(), function + ": " + response);
        }
    }

    @Test
    void aSecretADeployedFunctionRefusesSignsNothing() {
        ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of(
                Map.of(FreshToken.SECRET_VARIABLE, "short-secret-canary"), "token", "--dir", PROJECT.toString());

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: JWT_SECRET cannot sign"), run.err());
        assertFalse(run.err().contains("short-secret-canary"), run.err());
    }

    @Test
    void theRenderedEventsCarryNoToken() throws Exception {
        for (Endpoint endpoint : Endpoint.all()) {
            String event = Files.readString(PROJECT.resolve("events/" + endpoint.functionName() + ".json"));
            assertFalse(event.contains("auth-token") || event.contains("eyJ"), endpoint + ": " + event);
        }
    }
}
