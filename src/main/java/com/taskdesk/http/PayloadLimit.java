package com.taskdesk.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Lambda refuses a response event over 6 MB (its runtime API answers 413 "Exceeded maximum allowed
 * payload size (6291556 bytes)", and API Gateway then answers the caller a bare 502). What counts is
 * the event as the runtime writes it: the body as one JSON string (every {@code "} escaped) plus the
 * status and headers. An answer over the limit is sent gzipped when the request accepts gzip (the
 * body base64 in the event, {@code isBase64Encoded}: a quarter more than the compressed bytes); one
 * that still does not fit becomes a JSON 500 that names the limit.
 */
final class PayloadLimit {

    /** The documented 6 MB, 6 MiB: 100 bytes under what the runtime API enforces. */
    static final long LAMBDA_MAX_BYTES = 6L * 1024 * 1024;

    /** Headers that describe the body that was replaced, so an error must not carry them. */
    private static final Set<String> BODY_HEADERS = Set.of(
            "content-length",
            "content-type",
            "content-encoding",
            "cache-control",
            "last-modified",
            "x-data-age",
            ResultCap.TRUNCATED.toLowerCase(Locale.ROOT));

    /** What happened to an answer on its way out. */
    enum Outcome {
        FITS,
        GZIPPED,
        REFUSED
    }

    /** What leaves; {@code errorId} only when refused (the id its body and the log line name). */
    record Fitted(
            APIGatewayV2HTTPResponse response, Outcome outcome, long plainBytes, long sentBytes, String errorId) {}

    /**
     * A response event as the Lambda runtime writes it: quarkus-amazon-lambda's mapper differs from
     * Jackson's defaults only in how it reads (unknown and case-insensitive properties) and in Joda and
     * Date modules no response field uses. Not that mapper itself: the plain HTTP build has none.
     */
    private static final ObjectWriter EVENT_WRITER = new ObjectMapper().writerFor(APIGatewayV2HTTPResponse.class);

    private final long maxBytes;

    PayloadLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The bytes the runtime will send for this event. */
    long bytes(APIGatewayV2HTTPResponse response) {
        CountingStream counted = new CountingStream();
        try {
            EVENT_WRITER.writeValue(counted, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counted.count;
    }

    /**
     * The response as it can leave: unchanged when it fits; else gzipped if {@code acceptsGzip}
     * and that fits; else a JSON 500 naming the limit, with an id from {@code errorIds} (asked only
     * then: most answers fit, and need none).
     */
    Fitted fit(APIGatewayV2HTTPResponse response, boolean acceptsGzip, Supplier<String> errorIds) {
        long plain = bytes(response);
        if (plain <= maxBytes) {
            return new Fitted(response, Outcome.FITS, plain, plain, null);
        }
        if (acceptsGzip && !Boolean.TRUE.equals(response.getIsBase64Encoded()) && response.getBody() != null) {
            APIGatewayV2HTTPResponse gzipped = gzipped(response);
            long compressed = bytes(gzipped);
            if (compressed <= maxBytes) {
                return new Fitted(gzipped, Outcome.GZIPPED, plain, compressed, null);
            }
        }
        String errorId = errorIds.get();
        APIGatewayV2HTTPResponse refused = refused(response, plain, acceptsGzip, errorId);
        return new Fitted(refused, Outcome.REFUSED, plain, bytes(refused), errorId);
    }

    private static APIGatewayV2HTTPResponse gzipped(APIGatewayV2HTTPResponse response) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(response.getBody().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = without(response.getHeaders(), Set.of("content-length", "content-encoding"));
        headers.put("Content-Encoding", "gzip");
        headers.put("Vary", "Accept-Encoding");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.getStatusCode())
                .withHeaders(headers)
                .withMultiValueHeaders(response.getMultiValueHeaders())
                .withCookies(response.getCookies())
                .withBody(Base64.getEncoder().encodeToString(compressed.toByteArray()))
                .withIsBase64Encoded(true)
                .build();
    }

    private APIGatewayV2HTTPResponse refused(
            APIGatewayV2HTTPResponse response, long plainBytes, boolean acceptsGzip, String errorId) {
        String error = String.format(
                Locale.ROOT,
                "The answer is %,d bytes, over the %,d bytes (6 MB) a Lambda function may return%s: ask for less"
                        + " (error id %s)",
                plainBytes,
                maxBytes,
                acceptsGzip
                        ? ", even gzipped"
                        : "; a request that accepts gzip (Accept-Encoding: gzip) gets it" + " compressed",
                errorId);
        Map<String, String> headers = without(response.getHeaders(), BODY_HEADERS);
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(500)
                .withHeaders(headers)
                .withBody("{\"success\":false,\"error\":\"" + error + "\"}")
                .withIsBase64Encoded(false)
                .build();
    }

    private static Map<String, String> without(Map<String, String> headers, Set<String> names) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (!names.contains(name.toLowerCase(Locale.ROOT))) {
                    kept.put(name, value);
                }
            });
        }
        return kept;
    }

    /**
     * Whether an Accept-Encoding value accepts gzip (RFC 9110, 12.5.3): {@code gzip} (or {@code x-gzip})
     * with a quality above 0, or {@code *} above 0 when gzip is not named.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String part : acceptEncoding.split(",")) {
            String[] parameters = part.split(";");
            String coding = parameters[0].trim().toLowerCase(Locale.ROOT);
            double quality = 1;
            for (int i = 1; i < parameters.length; i++) {
                String[] parameter = parameters[i].trim().split("=", 2);
                if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
                    try {
                        quality = Double.parseDouble(parameter[1].trim());
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = quality;
            } else if (coding.equals("*")) {
                any = quality;
            }
        }
        return gzip != null ? gzip > 0 : any != null && any > 0;
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
