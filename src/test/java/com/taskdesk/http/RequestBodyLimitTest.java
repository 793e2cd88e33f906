package com.taskdesk.http;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SampleEvents;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * quarkus.http.limits.max-body-size (128K = 131,072 bytes) takes the largest body the contract
 * accepts, and a larger one gets the contract's JSON error, 413, before it is parsed (a body that
 * is not JSON at all would otherwise be a 400), with nothing changed and one line in the log.
 */
@QuarkusTest
class RequestBodyLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 131_072;

    private String before;

    @BeforeEach
    void data() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().raw("r-1", "SPAM_REVIEW");
            before = db.snapshot();
        }
    }

    /** 1,000 distinct ids of 64 characters (the contract's most and longest), both restore flags, ", " between. */
    private static String largestAcceptedBody() {
        String ids = IntStream.range(0, 1000)
                .mapToObj(i -> "\"" + String.format("%064d", i) + "\"")
                .collect(Collectors.joining(", "));
        return "{\"ids\": [" + ids + "], \"addToWhitelist\": false, \"addMatched\": false}";
    }

    @Test
    void theLargestBodyTheContractAcceptsFitsWithAMarginOfNearlyTwo() {
        String body = largestAcceptedBody();
        assertEquals(68_055, body.getBytes(StandardCharsets.UTF_8).length);
        Api.browserPost(body)
                .post("/api/manager/spam/restore")
                .then()
                .statusCode(200)
                .body("restored", equalTo(0));
    }

    @Test
    void aBodyOneByteOverTheLimitIs413JsonBeforeItIsParsedAndChangesNothing() {
        try (CapturedLog log = new CapturedLog()) {
            Api.browserPost("x".repeat(LIMIT + 1))
                    .post("/api/manager/spam/restore")
                    .then()
                    .statusCode(413)
                    .contentType("application/json")
                    .body("success", equalTo(false))
                    .body("error", equalTo("The request body is 131073 bytes; at most 131072 are accepted"));
            assertEquals(
                    List.of(),
                    log.lines().stream()
                            .filter(line -> line.startsWith("SEVERE"))
                            .toList());
        }
        Api.browserPost("x".repeat(LIMIT))
                .post("/api/manager/spam/restore")
                .then()
                .statusCode(400);
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    /** The review's probe: 1.5 million ids, about 6 MB (Lambda's own cap), were parsed before their 400. */
    @Test
    void aSixMegabyteEventIsAnsweredWithA413ResponseEventAndOneLogLine() throws Exception {
        String ids = "\"r\",".repeat(1_499_999) + "\"r\"";
        ObjectNode event = SampleEvents.withCookie("spam-restore", Tokens.manager());
        event.put("body", "{\"ids\":[" + ids + "]}");
        try (CapturedLog log = new CapturedLog()) {
            JsonNode response = JSON.readTree(Api.anonymous()
                    .contentType("application/json")
                    .body(event.toString())
                    .post("/_lambda_")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            assertEquals(413, response.get("statusCode").asInt(), response.toString());
            assertEquals(
                    "The request body is 6000009 bytes; at most 131072 are accepted",
                    JSON.readTree(response.get("body").asText()).get("error").asText());
            assertEquals(
                    List.of("INFO com.taskdesk.http.BodySizeLimit: POST /api/manager/spam/restore 413: The request "
                            + "body is 6000009 bytes; at most 131072 are accepted"),
                    log.lines());
        }
    }
}
