package com.taskdesk.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.config.DeskConfig;
import com.taskdesk.http.ApiError;
import io.quarkus.runtime.Application;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The local run (and the tests) answer a request only once the application is up. The mock
 * event server listens from the build on and queues what arrives; Quarkus (3.33) starts the
 * Lambda poll loop as soon as the services have started (AmazonLambdaProcessor), but binds the
 * in-JVM HTTP channel the bridge dispatches into only after the start-up observers have run
 * (VertxHttpProcessor.openSocket, after ApplicationStartBuildItem). A request queued during the
 * start was taken in between and answered 500 ("No virtual channel available").
 *
 * <p>Here a request first waits for the application's start to complete, the way Quarkus' poll
 * loop waits before a deployed function's first event (AbstractLambdaPollLoop
 * .checkQuarkusBootstrapped, skipped in dev and test mode): {@link Application#start} returns at
 * once on a started application and blocks while it starts. A start that fails, or an
 * application already stopping, gets the contract's 503 with Retry-After. Deployed, Lambda starts
 * the application before the first event, so this class exists only in the local run and the
 * tests (src/local).
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class AnswersWhenReady implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NO_ARGUMENTS = {};

    @Inject
    @Delegate
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> bridge;

    @Inject
    DeskConfig config;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (applicationStarted()) {
            return bridge.handleRequest(event, context);
        }
        return notReady(config.db().retryAfterSeconds());
    }

    /** Waits while the application starts; false if it failed to, is stopping, or this thread is interrupted. */
    private static boolean applicationStarted() {
        Application application = Application.currentApplication();
        if (application == null) {
            return false;
        }
        try {
            application.start(NO_ARGUMENTS);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The contract's 503: a JSON error a person can read, and when to try again. */
    static APIGatewayV2HTTPResponse notReady(int retryAfterSeconds) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(503);
        response.setHeaders(
                Map.of("Content-Type", "application/json", "Retry-After", Integer.toString(retryAfterSeconds)));
        try {
            response.setBody(JSON.writeValueAsString(
                    ApiError.of("The local run is not up (it failed to start or is stopping); retry in "
                            + retryAfterSeconds + " s")));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return response;
    }
}
