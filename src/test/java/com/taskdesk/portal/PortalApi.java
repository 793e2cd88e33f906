package com.taskdesk.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Tokens;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The agent portal's users and their requests, as the portal sends them (Bearer tokens). */
final class PortalApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Ann, the agent whose portal the tests drive, and her token. */
    static final String ANN = "a-ann";

    static final String ANN_EMAIL = "ann@taskdesk.example";
    static final String ANN_TOKEN = Tokens.withEmail(ANN, "AGENT", ANN_EMAIL);

    private PortalApi() {}

    /** GET path?query with this token; query as sent (already encoded), or "" for none. */
    static Response get(String token, String path, String query) {
        return Api.anonymous()
                .header("Authorization", "Bearer " + token)
                .urlEncodingEnabled(false)
                .get(query.isEmpty() ? path : path + "?" + query);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer's body, its status checked. */
    static JsonNode body(Response response, int status) {
        String text = response.then().extract().asString();
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + text);
        }
        return json(text);
    }
}
