package com.taskdesk.holds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SampleEvents;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lambda's 6 MB against the queues' full answer, driven as Lambda drives the function (an API Gateway
 * event in, the response event out): with RealisticHoldsTasks, 1,947 Holds tasks are the most whose
 * answer leaves as it is; from 1,948 it leaves gzipped (base64 in the event) when the request accepts
 * gzip, else as a JSON 500 naming the limit; an answer over 6 MB even gzipped is the same 500.
 */
@QuarkusTest
class HoldsAnswerSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2031-05-05T12:00:00Z");
    private static final long LAMBDA_MAX_BYTES = 6L * 1024 * 1024;
    private static final int MOST_THAT_FIT = 1_947;

    @Inject
    TestClock clock;

    @BeforeEach
    void realisticHoldsTasks() {
        clock.set(NOW);
        try (Fixtures db = Fixtures.connect()) {
            RealisticHoldsTasks.insert(db.reset(), 1, MOST_THAT_FIT, LocalDateTime.parse("2031-05-05T12:00:00"));
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static void oneMoreTask() {
        try (Fixtures db = Fixtures.connect()) {
            RealisticHoldsTasks.insert(
                    db, MOST_THAT_FIT + 1, MOST_THAT_FIT + 1, LocalDateTime.parse("2031-05-05T12:00:00"));
        }
    }

    /** The full answer (the poll's, with a parameter so no other test's cached one answers), as a raw event. */
    private static byte[] responseEvent(String acceptEncoding) throws IOException {
        ObjectNode event = SampleEvents.withBearer("holds-queues", Tokens.manager());
        event.put("rawQueryString", "sortBy=neverWorkedFirst");
        if (acceptEncoding != null) {
            ((ObjectNode) event.get("headers")).put("accept-encoding", acceptEncoding);
        }
        return Api.anonymous()
                .contentType("application/json")
                .body(JSON.writeValueAsString(event))
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    @Test
    void theAnswerOf1947TasksLeavesAsItIsUnder6Megabytes() throws IOException {
        byte[] event = responseEvent("gzip, deflate, br");
        JsonNode response = JSON.readTree(event);

        assertEquals(200, response.get("statusCode").asInt());
        assertFalse(response.path("isBase64Encoded").asBoolean());
        assertTrue(event.length <= LAMBDA_MAX_BYTES, event.length + " bytes");
        JsonNode data = JSON.readTree(response.get("body").asText()).get("data");
        assertEquals(MOST_THAT_FIT, data.get("summary").get("totalTasks").asInt());
        assertEquals(MOST_THAT_FIT, data.get("tasks").size());
    }

    @Test
    void theAnswerOf1948TasksLeavesGzippedAsBase64WhenTheRequestAcceptsGzip() throws IOException {
        oneMoreTask();
        byte[] event = responseEvent("gzip, deflate, br");
        JsonNode response = JSON.readTree(event);

        assertEquals(200, response.get("statusCode").asInt());
        assertTrue(response.get("isBase64Encoded").asBoolean());
        assertEquals("gzip", response.get("headers").get("Content-Encoding").asText());
        assertEquals("Accept-Encoding", response.get("headers").get("Vary").asText());
        assertTrue(event.length <= LAMBDA_MAX_BYTES, event.length + " bytes");
        JsonNode data = JSON.readTree(gunzip(response.get("body").asText())).get("data");
        assertEquals(MOST_THAT_FIT + 1, data.get("summary").get("totalTasks").asInt());
        assertEquals(MOST_THAT_FIT + 1, data.get("tasks").size());
    }

    /** Through the mock event server as a browser asks (RestAssured accepts gzip, as every browser does). */
    @Test
    void aBrowserGetsThe1948TaskAnswerCompressedAndReadsItWhole() {
        oneMoreTask();
        Response response = Api.asManager().queryParam("sortBy", "oldestFirst").get("/api/holds/queues");

        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.header("Content-Encoding"));
        assertEquals(
                MOST_THAT_FIT + 1,
                response.<Integer>path("data.summary.totalTasks").intValue());
    }

    @Test
    void theAnswerOf1948TasksIsAJson500NamingTheLimitWhenTheRequestDoesNotAcceptGzip() throws IOException {
        oneMoreTask();
        for (String acceptEncoding : new String[] {null, "identity", "gzip;q=0"}) {
            JsonNode response = JSON.readTree(responseEvent(acceptEncoding));

            assertEquals(500, response.get("statusCode").asInt(), acceptEncoding);
            assertEquals(
                    "application/json",
                    response.get("headers").get("Content-Type").asText());
            JsonNode body = JSON.readTree(response.get("body").asText());
            assertFalse(body.get("success").asBoolean());
            String error = body.get("error").asText();
            assertTrue(
                    error.matches("The answer is 6,29\\d,\\d{3} bytes, over the 6,291,456 bytes \\(6 MB\\) a Lambda"
                            + " function may return; a request that accepts gzip \\(Accept-Encoding: gzip\\) gets it"
                            + " compressed: ask for less \\(error id [0-9a-f-]{36}\\)"),
                    error);
        }
    }

    /** Texts that repeat nothing: 1,947 tasks' answer is about 15 MB, still over 6 MB gzipped and in base64. */
    @Test
    void anAnswerOver6MegabytesEvenGzippedIsAJson500NamingTheLimit() throws IOException {
        try (Fixtures db = Fixtures.connect()) {
            RealisticHoldsTasks.incompressibleTexts(db);
        }
        JsonNode response = JSON.readTree(responseEvent("gzip"));

        assertEquals(500, response.get("statusCode").asInt());
        String error = JSON.readTree(response.get("body").asText()).get("error").asText();
        assertTrue(
                error.matches("The answer is \\d\\d,\\d{3},\\d{3} bytes, over the 6,291,456 bytes \\(6 MB\\) a Lambda"
                        + " function may return, even gzipped: ask for less \\(error id [0-9a-f-]{36}\\)"),
                error);
    }

    private static String gunzip(String base64) throws IOException {
        try (GZIPInputStream in =
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
