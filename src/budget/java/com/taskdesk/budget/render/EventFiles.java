package com.taskdesk.budget.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.config.DeskConfig;
import io.smallrye.config.WithDefault;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * events/: one API Gateway (HTTP API, payload 2.0) event per function, its sample request, the file
 * {@code sam local invoke -e} takes once signed in: {@code ./budget token --event <function>} adds a
 * fresh token as the {@code auth-token} cookie today's front end sends (a file holds no token, since a
 * function accepts none that outlives a day). A POST sends JSON from the local run's allowed origin.
 */
final class EventFiles {

    static final String DIRECTORY = "events";

    private static final String HOST = "abc123.execute-api.eu-west-1.amazonaws.com";
    private static final long TIME_EPOCH = 1795705200000L;

    /** Two-space indented JSON, "key": value, as events/ and front-door/ are written. */
    static final ObjectWriter JSON = new ObjectMapper()
            .writer(new DefaultPrettyPrinter(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private EventFiles() {}

    /** events/&lt;function&gt;.json for every function. */
    static Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.all()) {
            files.put(DIRECTORY + "/" + endpoint.functionName() + ".json", event(endpoint));
        }
        return files;
    }

    private static String event(Endpoint endpoint) {
        String query = endpoint.sampleQuery();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", endpoint.route());
        event.put("rawPath", endpoint.path());
        event.put("rawQueryString", query);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("host", HOST);
        headers.put("user-agent", "Mozilla/5.0");
        headers.put("x-forwarded-for", "203.0.113.10");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        if (endpoint.sampleBody() != null) {
            headers.put("content-type", "application/json");
            headers.put("origin", localOrigin());
        }
        event.put("headers", headers);
        if (!query.isEmpty()) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                String[] keyValue = pair.split("=", 2);
                parameters.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
            }
            event.put("queryStringParameters", parameters);
        }
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", endpoint.method());
        http.put("path", endpoint.path());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.10");
        http.put("userAgent", "Mozilla/5.0");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "abc123");
        context.put("domainName", HOST);
        context.put("domainPrefix", "abc123");
        context.put("http", http);
        context.put("requestId", "JKJaXmPLvHcESHA=");
        context.put("routeKey", endpoint.route());
        context.put("stage", "$default");
        context.put("time", "26/Nov/2026:15:00:00 +0000");
        context.put("timeEpoch", TIME_EPOCH);
        event.put("requestContext", context);
        if (endpoint.sampleBody() != null) {
            event.put("body", endpoint.sampleBody());
        }
        event.put("isBase64Encoded", false);
        try {
            return JSON.writeValueAsString(event) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first origin the local run allows (DeskConfig's default for taskdesk.cors.origins). */
    private static String localOrigin() {
        try {
            return DeskConfig.Cors.class
                    .getMethod("origins")
                    .getAnnotation(WithDefault.class)
                    .value()
                    .split(",")[0];
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
