package com.taskdesk.testing;

import static io.restassured.RestAssured.given;

import com.taskdesk.budget.config.Endpoint;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests through the Lambda mock event server: each HTTP request becomes an API Gateway
 * HTTP API (v2) event, served one at a time, as one Lambda instance would.
 */
public final class Api {

    private Api() {}

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
    }

    public static RequestSpecification anonymous() {
        return given().port(port());
    }

    public static RequestSpecification asManager() {
        return anonymous().header("Authorization", "Bearer " + Tokens.manager());
    }

    /**
     * A function's sample request (the one events/ holds), as today's front end sends it: the
     * auth-token cookie, and for a POST its JSON from an allowed Origin.
     */
    public static Response sample(Endpoint function) {
        RequestSpecification request = anonymous().cookie("auth-token", Tokens.manager());
        if (!function.sampleQuery().isEmpty()) {
            for (String pair : function.sampleQuery().split("&")) {
                String[] keyValue = pair.split("=", 2);
                request.queryParam(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
            }
        }
        if (function.sampleBody() != null) {
            request.header("Origin", "http://localhost:3000")
                    .contentType("application/json")
                    .body(function.sampleBody());
        }
        return request.request(function.method(), function.path());
    }

    /** A browser's POST: the auth-token cookie, JSON, and an allowed Origin. */
    public static RequestSpecification browserPost(String json) {
        return anonymous()
                .cookie("auth-token", Tokens.manager())
                .header("Origin", "http://localhost:3000")
                .contentType("application/json")
                .body(json);
    }
}
