package com.taskdesk.budget.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One function's sample request: events/&lt;function&gt;.json as render wrote it (no credentials),
 * signed in with a token for this one use.
 */
public record SampleRequest(Endpoint endpoint, ObjectNode event) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SampleRequest of(Path project, Endpoint endpoint) {
        Path file = project.resolve("events").resolve(endpoint.functionName() + ".json");
        try {
            return new SampleRequest(endpoint, (ObjectNode) JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw BudgetException.configuration(
                    file + ": cannot be read (" + e.getMessage() + "); run ./budget render");
        }
    }

    /** The event as the front end sends it: the token as its auth-token cookie (sam local invoke -e -). */
    public ObjectNode withCookie(String token) {
        ObjectNode signed = event.deepCopy();
        if (endpoint.managerRoute()) {
            signed.putArray("cookies").add("auth-token=" + token);
        }
        return signed;
    }

    public String method() {
        return event.path("requestContext").path("http").path("method").asText();
    }

    /** Path and query, e.g. /api/manager/agents?filter=HOLDS. */
    public String pathAndQuery() {
        String query = event.path("rawQueryString").asText();
        return event.path("rawPath").asText() + (query.isEmpty() ? "" : "?" + query);
    }

    /** The JSON body of a POST, or null. */
    public String body() {
        JsonNode body = event.get("body");
        return body == null ? null : body.asText();
    }
}
