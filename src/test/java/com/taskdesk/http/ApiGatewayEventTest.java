package com.taskdesk.http;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SampleEvents;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The function driven the way Lambda drives it: a file from events/ (what `sam local
 * invoke -e` takes), signed in with a current token, posted raw to the mock event server, and
 * the response event checked.
 */
@QuarkusTest
class ApiGatewayEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void spamCountsEventFromEventsFolderGetsJsonResponseEvent() throws Exception {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .raw("r1", "READY")
                    .raw("r2", "READY")
                    .raw("r3", "SPAM_REVIEW")
                    .raw("r4", "PROMOTED");
        }
        String event = SampleEvents.withCookie("spam-counts", Tokens.manager()).toString();

        String responseEvent = Api.anonymous()
                .contentType("application/json")
                .body(event)
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .body("statusCode", equalTo(200))
                .body("headers.Content-Type", equalTo("application/json;charset=UTF-8"))
                .body("headers.Cache-Control", equalTo("no-store"))
                .extract()
                .asString();

        JsonNode body = JSON.readTree(JSON.readTree(responseEvent).get("body").asText());
        assertEquals(JSON.readTree("{\"success\":true,\"ready\":2,\"spamReview\":1}"), body);
    }

    /** The mock server splits list headers into several HTTP headers; the response event itself has one. */
    @Test
    void metricsResponseEventCarriesPrivateCacheControlAsOneHeader() throws Exception {
        clock.set(Instant.parse("2032-02-02T10:00:00Z"));
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .task("t1")
                    .status("COMPLETED")
                    .endTime(LocalDateTime.of(2020, 1, 1, 0, 0))
                    .insert();
        }
        String event = SampleEvents.withCookie("metrics", Tokens.manager()).toString();
        String responseEvent = Api.anonymous()
                .contentType("application/json")
                .body(event)
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .body("statusCode", equalTo(200))
                .extract()
                .asString();
        JsonNode headers = JSON.readTree(responseEvent).get("headers");
        assertEquals("private, max-age=10", headers.get("Cache-Control").asText(), headers.toString());
        assertEquals("0", headers.get("X-Data-Age").asText(), headers.toString());
    }
}
