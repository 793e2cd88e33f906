package com.taskdesk.http;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may call: a valid manager token (cookie or Bearer), from an allowed origin for cookie POSTs. */
@QuarkusTest
class AccessTest {

    private String before;

    @BeforeEach
    void data() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().raw("r-1", "READY");
            before = db.snapshot();
        }
    }

    private void assertNothingChanged() {
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    private static ValidatableResponse agentsWithBearer(String token) {
        return Api.anonymous()
                .header("Authorization", "Bearer " + token)
                .get("/api/manager/agents")
                .then();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String MANAGER_CLAIMS = "{\"userId\":\"manager-1\",\"role\":\"MANAGER\",\"exp\":4102444800}";

    @Test
    void validManagerTokenAsBearerOrCookieIs200() {
        agentsWithBearer(Tokens.manager()).statusCode(200).body("success", equalTo(true));
        Api.anonymous()
                .cookie("auth-token", Tokens.manager())
                .get("/api/manager/agents")
                .then()
                .statusCode(200);
        agentsWithBearer(Tokens.withRole("ma-1", "MANAGER_AGENT")).statusCode(200);
    }

    @Test
    void missingTokenIs401Json() {
        Api.anonymous()
                .get("/api/manager/agents")
                .then()
                .statusCode(401)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body(
                        "error",
                        equalTo(
                                "Sign in as a manager: send a valid auth-token cookie or an Authorization: Bearer token"));
    }

    @Test
    void expiredTokenIs401() {
        agentsWithBearer(Tokens.expiredManager()).statusCode(401).body("success", equalTo(false));
    }

    @Test
    void tokenSignedWithAnotherSecretIs401() {
        agentsWithBearer(Tokens.managerSignedWith("another-secret-of-the-same-good-length-0123456789"))
                .statusCode(401);
    }

    @Test
    void unsignedAlgNoneTokenIs401() {
        String none = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(MANAGER_CLAIMS) + ".";
        agentsWithBearer(none).statusCode(401);
    }

    @Test
    void otherAlgorithmsAre401() throws Exception {
        String hs512 = Jwt.claims()
                .claim("userId", "manager-1")
                .claim("role", "MANAGER")
                .expiresIn(Duration.ofHours(1))
                .jws()
                .algorithm(SignatureAlgorithm.HS512)
                .signWithSecret(Tokens.SECRET + Tokens.SECRET);
        agentsWithBearer(hs512).statusCode(401);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rs256 = Jwt.claims()
                .claim("userId", "manager-1")
                .claim("role", "MANAGER")
                .expiresIn(Duration.ofHours(1))
                .sign(rsa.generateKeyPair().getPrivate());
        agentsWithBearer(rs256).statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.", ""})
    void malformedTokensAre401(String token) {
        agentsWithBearer(token).statusCode(401);
    }

    @Test
    void tamperedRoleIs401() {
        String[] parts = Tokens.withRole("agent-1", "AGENT").split("\\.");
        String tampered = parts[0] + "." + base64Url("{\"userId\":\"agent-1\",\"role\":\"MANAGER\",\"exp\":4102444800}")
                + "." + parts[2];
        agentsWithBearer(tampered).statusCode(401);
    }

    private static String managerClaims(String times) {
        return "{\"userId\":\"manager-1\",\"role\":\"MANAGER\"" + times + "}";
    }

    private static long now() {
        return java.time.Instant.now().getEpochSecond();
    }

    /** The review's probe: tokens 10 years long were accepted. The app's own live 24 h. */
    @Test
    void aTokenThatLivesLongerThan24HoursIs401() {
        long now = now();
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"iat\":" + now + ",\"exp\":" + (now + 10L * 365 * 86400))))
                .statusCode(401);
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"iat\":" + (now - 3600) + ",\"exp\":" + (now + 86400))))
                .statusCode(401);
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"iat\":" + (now - 3600) + ",\"exp\":" + (now + 82800))))
                .statusCode(200);
    }

    /** An iat in the future would stretch a 24-hour token over years; and iat is required. */
    @Test
    void aTokenWithMoreThan24HoursLeftOrWithoutIatIs401() {
        long inAYear = now() + 365L * 86400;
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"iat\":" + inAYear + ",\"exp\":" + (inAYear + 3600))))
                .statusCode(401);
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"iat\":" + (now() + 30) + ",\"exp\":" + (now() + 3600))))
                .statusCode(200);
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"exp\":" + (now() + 3600))))
                .statusCode(401);
    }

    @Test
    void aTokenIssuedAlmost24HoursAgoStillWorksUntilItExpires() {
        long now = now();
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"iat\":" + (now - 86000) + ",\"exp\":" + (now + 400))))
                .statusCode(200);
    }

    /** The review's probe: a groups claim counted when role was missing. Role wins when both are there. */
    @Test
    void onlyTheRoleClaimGrantsARole() {
        long exp = now() + 3600;
        agentsWithBearer(Tokens.withClaims("{\"userId\":\"manager-1\",\"groups\":[\"MANAGER\"],\"iat\":" + now()
                        + ",\"exp\":" + exp + "}"))
                .statusCode(401);
        agentsWithBearer(
                        Tokens.withClaims("{\"userId\":\"agent-1\",\"role\":\"AGENT\",\"groups\":[\"MANAGER\"],\"iat\":"
                                + now() + ",\"exp\":" + exp + "}"))
                .statusCode(403);
        agentsWithBearer(Tokens.withClaims(
                        "{\"userId\":\"manager-1\",\"role\":[\"MANAGER\"],\"iat\":" + now() + ",\"exp\":" + exp + "}"))
                .statusCode(401);
        agentsWithBearer(Tokens.withClaims(managerClaims(",\"iat\":" + now() + ",\"exp\":" + exp)))
                .statusCode(200);
    }

    @Test
    void agentRoleIs403Json() {
        agentsWithBearer(Tokens.withRole("agent-1", "AGENT"))
                .statusCode(403)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error", equalTo("This endpoint is for managers (role MANAGER or MANAGER_AGENT)"));
    }

    @Test
    void agentCannotMarkSpam() {
        Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.withRole("agent-1", "AGENT"))
                .contentType("application/json")
                .body("{\"ids\": [\"r-1\"]}")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(403);
        assertNothingChanged();
    }

    @Test
    void healthNeedsNoToken() {
        Api.anonymous().get("/api/health").then().statusCode(200);
    }

    @Test
    void cookiePostFromAnotherSiteIs403AndChangesNothing() {
        Api.anonymous()
                .cookie("auth-token", Tokens.manager())
                .header("Origin", "https://evil.example")
                .contentType("application/json")
                .body("{\"ids\": [\"r-1\"]}")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(403)
                .body("success", equalTo(false))
                .body("error", not(containsString("evil.example")));
        assertNothingChanged();
    }

    @Test
    void cookiePostWithoutOriginIs403AndChangesNothing() {
        Api.anonymous()
                .cookie("auth-token", Tokens.manager())
                .contentType("application/json")
                .body("{\"ids\": [\"r-1\"]}")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(403)
                .body("success", equalTo(false));
        assertNothingChanged();
    }

    /** The review's probe: an Authorization header of any kind no longer exempts a cookie POST from Origin. */
    @ParameterizedTest
    @ValueSource(strings = {"junk", "Bearer not-a-token", "Bearer manager"})
    void cookiePostWithoutOriginIs403WhateverAuthorizationItCarriesAndChangesNothing(String authorization) {
        Api.anonymous()
                .cookie("auth-token", Tokens.manager())
                .header(
                        "Authorization",
                        authorization.equals("Bearer manager") ? "Bearer " + Tokens.manager() : authorization)
                .contentType("application/json")
                .body("{\"ids\": [\"r-1\"]}")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(403)
                .body("success", equalTo(false))
                .body(
                        "error",
                        equalTo("A POST signed in by cookie must come from the task desk's pages (it has no Origin)"));
        assertNothingChanged();
    }

    @Test
    void bearerPostFromAScriptWithoutOriginIsAllowed() {
        Api.asManager()
                .contentType("application/json")
                .body("{\"ids\": [\"r-1\"]}")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(200)
                .body("rawsUpdated", equalTo(1));
    }

    @Test
    void preflightFromAnAllowedOriginAllowsCredentials() {
        Api.anonymous()
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void preflightFromAnotherOriginIsNotAllowed() {
        Api.anonymous()
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void responsesToAnAllowedOriginMayBeReadWithCredentialsIncludingTheHeadersAFrontEndNeeds() {
        Api.asManager()
                .header("Origin", "http://localhost:3000")
                .get("/api/manager/spam/counts")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", "true");
        List<String> exposed = List.of("Retry-After", "Last-Modified", "X-Data-Age");
        assertEquals(
                exposed,
                exposedHeaders(Api.asManager()
                        .header("Origin", "http://localhost:3000")
                        .get("/api/manager/spam/counts")
                        .then()
                        .statusCode(200)));
        assertEquals(
                exposed,
                exposedHeaders(Api.anonymous()
                        .header("Origin", "http://localhost:3000")
                        .get("/api/manager/spam/counts")
                        .then()
                        .statusCode(401)));
    }

    /** The mock event server splits a list header into one header per item; a real response event has one. */
    private static List<String> exposedHeaders(ValidatableResponse response) {
        return response.extract().headers().getValues("Access-Control-Expose-Headers").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "Manager", "manager_agent", "Manager_Agent", "agent"})
    void aRoleThatIsOnlyAManagerRoleInAnotherCaseOrSpellingIs403(String role) {
        agentsWithBearer(Tokens.withRole("m-1", role))
                .statusCode(403)
                .body("error", equalTo("This endpoint is for managers (role MANAGER or MANAGER_AGENT)"));
    }
}
