package com.taskdesk.testing;

import static io.restassured.RestAssured.given;

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

    /** A browser's POST: the auth-token cookie, JSON, and an allowed Origin. */
    public static RequestSpecification browserPost(String json) {
        return anonymous()
                .cookie("auth-token", Tokens.manager())
                .header("Origin", "http://localhost:3000")
                .contentType("application/json")
                .body(json);
    }
}
