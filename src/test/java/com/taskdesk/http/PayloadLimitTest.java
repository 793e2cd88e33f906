package com.taskdesk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real 6 MB boundary (6 x 1024 x 1024 bytes of response event), byte by byte. */
class PayloadLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PayloadLimit LIMIT = new PayloadLimit(PayloadLimit.LAMBDA_MAX_BYTES);

    private static APIGatewayV2HTTPResponse answer(String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=UTF-8");
        headers.put("Cache-Control", "no-store");
        headers.put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        headers.put("Access-Control-Allow-Origin", "https://desk.example.com");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    /** A body that makes the event exactly {@code eventBytes} long (ASCII, nothing to escape). */
    private static String bodyFilling(long eventBytes) {
        // the content-length header's digits change with the body: settle on a length that holds
        long length = eventBytes - LIMIT.bytes(answer(""));
        while (LIMIT.bytes(answer("a".repeat((int) length))) != eventBytes) {
            length += eventBytes - LIMIT.bytes(answer("a".repeat((int) length)));
        }
        return "a".repeat((int) length);
    }

    @Test
    void theShippedLimitIsSixMebibytes() {
        assertEquals(6_291_456, PayloadLimit.LAMBDA_MAX_BYTES);
    }

    @Test
    void anEventOfExactlySixMegabytesLeavesAsItIs() {
        APIGatewayV2HTTPResponse response = answer(bodyFilling(6_291_456));
        PayloadLimit.Fitted fitted = LIMIT.fit(response, true, () -> "id");
        assertEquals(PayloadLimit.Outcome.FITS, fitted.outcome());
        assertEquals(6_291_456, fitted.sentBytes());
        assertSame(response, fitted.response());
    }

    @Test
    void oneByteMoreLeavesGzippedAsBase64WhenTheRequestAcceptsGzip() throws IOException {
        String body = bodyFilling(6_291_457);
        PayloadLimit.Fitted fitted = LIMIT.fit(answer(body), true, () -> "id");

        assertEquals(PayloadLimit.Outcome.GZIPPED, fitted.outcome());
        assertEquals(6_291_457, fitted.plainBytes());
        APIGatewayV2HTTPResponse gzipped = fitted.response();
        assertEquals(200, gzipped.getStatusCode());
        assertTrue(gzipped.getIsBase64Encoded());
        assertEquals("gzip", gzipped.getHeaders().get("Content-Encoding"));
        assertEquals("Accept-Encoding", gzipped.getHeaders().get("Vary"));
        assertFalse(gzipped.getHeaders().containsKey("content-length"), "the plain body's length would be wrong");
        assertEquals("https://desk.example.com", gzipped.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(body, gunzip(gzipped.getBody()));
        assertEquals(LIMIT.bytes(gzipped), fitted.sentBytes());
    }

    @Test
    void oneByteMoreIsAJson500NamingTheLimitWhenTheRequestDoesNotAcceptGzip() throws IOException {
        PayloadLimit.Fitted fitted = LIMIT.fit(answer(bodyFilling(6_291_457)), false, () -> "e-1");

        assertEquals(PayloadLimit.Outcome.REFUSED, fitted.outcome());
        APIGatewayV2HTTPResponse refused = fitted.response();
        assertEquals(500, refused.getStatusCode());
        assertEquals("application/json", refused.getHeaders().get("Content-Type"));
        assertEquals("no-store", refused.getHeaders().get("Cache-Control"));
        assertEquals("https://desk.example.com", refused.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(
                JSON.readTree("{\"success\":false,\"error\":\"The answer is 6,291,457 bytes, over the 6,291,456 bytes"
                        + " (6 MB) a Lambda function may return; a request that accepts gzip (Accept-Encoding: gzip)"
                        + " gets it compressed: ask for less (error id e-1)\"}"),
                JSON.readTree(refused.getBody()));
    }

    /** Random text barely compresses: 8 MB of it stays over 6 MB gzipped and in base64. */
    @Test
    void anAnswerOverTheLimitEvenGzippedIsAJson500NamingTheLimit() throws IOException {
        StringBuilder random = new StringBuilder();
        java.util.Random numbers = new java.util.Random(25);
        while (random.length() < 8_000_000) {
            random.append(Long.toString(numbers.nextLong(), 36));
        }
        PayloadLimit.Fitted fitted = LIMIT.fit(answer(random.toString()), true, () -> "e-2");

        assertEquals(PayloadLimit.Outcome.REFUSED, fitted.outcome());
        JsonNode error = JSON.readTree(fitted.response().getBody());
        assertEquals(
                "The answer is " + String.format(java.util.Locale.ROOT, "%,d", fitted.plainBytes())
                        + " bytes, over the 6,291,456 bytes (6 MB) a Lambda function may return, even gzipped: ask"
                        + " for less (error id e-2)",
                error.get("error").asText());
    }

    /** The body travels as one JSON string: a quote or backslash costs two bytes, a control character six, é two. */
    @Test
    void theEventCountsTheBodyAsTheRuntimeWritesIt() {
        long empty = LIMIT.bytes(answer(""));
        // "x": the body's digits in content-length grow from 1 to 4 with 1,000 characters
        assertEquals(empty + 3 + 1000, LIMIT.bytes(answer("x".repeat(1000))));
        assertEquals(empty + 3 + 2000, LIMIT.bytes(answer("\"".repeat(1000))));
        assertEquals(empty + 3 + 2000, LIMIT.bytes(answer("\\".repeat(1000))));
        assertEquals(empty + 3 + 6000, LIMIT.bytes(answer("\u0001".repeat(1000))));
        assertEquals(empty + 3 + 2000, LIMIT.bytes(answer("é".repeat(1000))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "gzip | true",
                "GZIP | true",
                "gzip, deflate, br, zstd | true",
                "br;q=1.0, gzip;q=0.8, *;q=0.1 | true",
                "x-gzip | true",
                "* | true",
                "gzip;q=0 | false",
                "gzip;q=0, * | false",
                "*;q=0 | false",
                "identity | false",
                "br | false",
                "NONE | false",
            })
    void acceptEncoding(String header, boolean accepts) {
        assertEquals(accepts, PayloadLimit.acceptsGzip(header));
    }

    private static String gunzip(String base64) throws IOException {
        try (GZIPInputStream in =
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
