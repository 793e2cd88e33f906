package com.taskdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of AWS Secrets Manager the functions use, on 127.0.0.1: GetSecretValue in the
 * service's JSON protocol (POST, X-Amz-Target: secretsmanager.GetSecretValue, a
 * {"SecretId": ...} body), with its error shapes for a missing secret and denied access.
 * It counts the reads of each secret, so tests can see when a function reads one.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "secretsmanager.GetSecretValue";

    private final HttpServer server;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    public SecretsManagerStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** The value of AWS_ENDPOINT_URL_SECRETS_MANAGER that points a function here. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public SecretsManagerStandIn put(String secretId, String value) {
        values.put(secretId, value);
        denied.remove(secretId);
        return this;
    }

    public SecretsManagerStandIn remove(String secretId) {
        values.remove(secretId);
        return this;
    }

    /** The function's role may not read this secret: AccessDeniedException. */
    public SecretsManagerStandIn deny(String secretId) {
        denied.add(secretId);
        return this;
    }

    /** Answers for this secret take this long (a slow network), until set to zero. */
    public SecretsManagerStandIn delay(String secretId, Duration delay) {
        delays.put(secretId, delay);
        return this;
    }

    /** GetSecretValue calls for this secret so far, answered or not. */
    public int reads(String secretId) {
        AtomicInteger count = reads.get(secretId);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            JsonNode request = JSON.readTree(body.readAllBytes());
            if (!"POST".equals(exchange.getRequestMethod())
                    || !TARGET.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    || exchange.getRequestHeaders().getFirst("Authorization") == null) {
                error(exchange, 400, "InvalidRequestException", "only signed GetSecretValue calls are served here");
                return;
            }
            String id = request.path("SecretId").asText();
            reads.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            sleep(delays.getOrDefault(id, Duration.ZERO));
            String value = values.get(id);
            if (denied.contains(id)) {
                error(
                        exchange,
                        400,
                        "AccessDeniedException",
                        "User is not authorized to perform: " + "secretsmanager:GetSecretValue on resource: " + id);
            } else if (value == null) {
                error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            } else {
                ObjectNode response = JSON.createObjectNode()
                        .put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + id + "-AbCdEf")
                        .put("Name", id)
                        .put("SecretString", value)
                        .put("VersionId", "00000000-0000-0000-0000-000000000001")
                        .put("CreatedDate", 1.7e9);
                response.putArray("VersionStages").add("AWSCURRENT");
                send(exchange, 200, JSON.writeValueAsBytes(response));
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        send(
                exchange,
                status,
                JSON.writeValueAsBytes(
                        JSON.createObjectNode().put("__type", type).put("Message", message)));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
