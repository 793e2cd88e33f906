package com.taskdesk.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * An event whose body is larger than {@code quarkus.http.limits.max-body-size} is answered with the
 * contract's JSON error, 413, before anything reads or parses its body. Quarkus enforces the same
 * limit inside the Lambda bridge, but only with an empty 413 (checking the event's Content-Length)
 * or, for a body without one, halfway through reading it, with a 500 in the log; so the event is
 * measured here, before the bridge. One line says so in the log (the request never reaches the
 * filters that write the request line). The plain HTTP build keeps Quarkus' own empty 413.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION + 5)
public abstract class BodySizeLimit implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Delegate
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> bridge;

    @Inject
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize limit;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long size = bodyBytes(event);
        if (size <= limit.asLongValue()) {
            return bridge.handleRequest(event, context);
        }
        String message = "The request body is " + size + " bytes; at most " + limit.asLongValue() + " are accepted";
        LOG.infof("%s %s 413: %s", event.getRequestContext().getHttp().getMethod(), event.getRawPath(), message);
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(413);
        response.setHeaders(Map.of("Content-Type", "application/json"));
        try {
            response.setBody(JSON.writeValueAsString(ApiError.of(message)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return response;
    }

    private static long bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        return event.getIsBase64Encoded() ? body.length() / 4 * 3 : body.getBytes(StandardCharsets.UTF_8).length;
    }
}
