package com.taskdesk.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SampleEvents;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer ends: one far past Quarkus REST's 8 kB output buffer (the agents list of 400
 * agents, over 64 kB), read by a keep-alive client through the mock event server, and the
 * response event the function hands to Lambda for it.
 */
@QuarkusTest
class FramedAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int AGENTS = 400;

    @BeforeEach
    void fourHundredAgents() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset();
            for (int i = 1; i <= AGENTS; i++) {
                db.user(
                        "agent-" + i,
                        "agent-" + i + "@taskdesk.example",
                        "Agent number " + i,
                        "AGENT",
                        i % 2 == 0,
                        Fixtures.EPOCH.plusMinutes(i),
                        Fixtures.EPOCH.plusSeconds(i));
            }
        }
    }

    @Test
    void aKeepAliveClientGetsTheWholeAgentsListOverSixtyFourKilobytesAndTheNextAnswerOnTheSameConnection()
            throws Exception {
        try (Socket socket = new Socket("localhost", Api.port())) {
            socket.setSoTimeout(10_000); // an unframed answer fails here instead of hanging the build
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            send(out, "/api/manager/agents");
            Answer agents = Answer.read(in);
            send(out, "/api/health");
            Answer health = Answer.read(in);

            assertEquals(200, agents.status, agents.headers.toString());
            assertFalse(agents.headers.containsKey("transfer-encoding"), agents.headers.toString());
            assertTrue(agents.body.length > 64 * 1024, agents.body.length + " bytes");
            assertEquals(AGENTS, JSON.readTree(agents.body).get("agents").size());
            assertArrayEquals(
                    responseEventBody(agentsEvent(Map.of())).getBytes(StandardCharsets.UTF_8),
                    agents.body,
                    "the bytes the function answered");

            assertEquals(200, health.status, health.headers.toString());
            assertEquals("UP", JSON.readTree(health.body).get("status").asText());
        }
    }

    @Test
    void theResponseEventOfALargeAnswerCarriesNoHopByHopHeaderAndTheWholeBody() throws Exception {
        String event = agentsEvent(Map.of("connection", "close", "te", "trailers"));
        JsonNode response = JSON.readTree(Api.anonymous()
                .contentType("application/json")
                .body(event)
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asString());

        assertEquals(200, response.get("statusCode").asInt());
        Iterator<String> names = response.get("headers").fieldNames();
        while (names.hasNext()) {
            String name = names.next().toLowerCase(Locale.ROOT);
            assertFalse(ResponseEventHeaders.HOP_BY_HOP.contains(name), name + " in " + response.get("headers"));
        }
        assertFalse(response.path("isBase64Encoded").asBoolean());
        JsonNode agents = JSON.readTree(response.get("body").asText()).get("agents");
        assertEquals(AGENTS, agents.size());
        assertEquals(
                "Agent number " + AGENTS, agents.get(AGENTS - 1).get("name").asText());
    }

    /**
     * events/agents.json without its filter (the whole list), with a bearer token of the tests and
     * these extra request headers.
     */
    private static String agentsEvent(Map<String, String> headers) throws IOException {
        ObjectNode event = SampleEvents.withBearer("agents", Tokens.manager());
        event.put("rawQueryString", "");
        event.remove("queryStringParameters");
        headers.forEach(((ObjectNode) event.get("headers"))::put);
        return JSON.writeValueAsString(event);
    }

    private static String responseEventBody(String event) throws IOException {
        String response = Api.anonymous()
                .contentType("application/json")
                .body(event)
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return JSON.readTree(response).get("body").asText();
    }

    private static void send(OutputStream out, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n"
                        + "Authorization: Bearer " + Tokens.manager() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One HTTP/1.1 answer, read to the end its Content-Length gives, and no further. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            String length = headers.get("content-length");
            assertNotNull(length, "no Content-Length: " + statusLine + " " + headers);
            byte[] body = in.readNBytes(Integer.parseInt(length));
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new IOException("connection closed mid-answer after: " + line);
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
