package com.taskdesk.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every answer leaves within Lambda's 6 MB ({@link PayloadLimit}): gzipped when it would not fit and
 * the request accepts gzip, else a JSON 500 that names the limit, never the platform's bare 502. Around
 * {@link ResponseEventHeaders} (a lower priority runs first), so the event it measures is the one that
 * leaves.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION + 5)
public abstract class ResponseSizeLimit implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(ResponseSizeLimit.class);

    @Inject
    @Delegate
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> bridge;

    private final PayloadLimit limit = new PayloadLimit(PayloadLimit.LAMBDA_MAX_BYTES);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPResponse response = bridge.handleRequest(event, context);
        boolean acceptsGzip = PayloadLimit.acceptsGzip(header(event, "accept-encoding"));
        PayloadLimit.Fitted fitted =
                limit.fit(response, acceptsGzip, () -> UUID.randomUUID().toString());
        if (fitted.outcome() == PayloadLimit.Outcome.FITS) {
            return fitted.response();
        }
        String route =
                event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                        ? "?"
                        : event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath();
        if (fitted.outcome() == PayloadLimit.Outcome.GZIPPED) {
            LOG.infof(
                    "%s: the answer's %,d bytes leave gzipped as %,d (Lambda's limit: %,d)",
                    route, fitted.plainBytes(), fitted.sentBytes(), limit.maxBytes());
        } else {
            LOG.errorf(
                    "500 error id %s, request %s: the answer of %s is %,d bytes, over Lambda's %,d%s; answered 500"
                            + " (the request's own log line says %d)",
                    fitted.errorId(),
                    context == null ? "?" : context.getAwsRequestId(),
                    route,
                    fitted.plainBytes(),
                    limit.maxBytes(),
                    acceptsGzip ? " even gzipped" : " (gzip not accepted)",
                    response.getStatusCode());
        }
        return fitted.response();
    }

    /** A request header; API Gateway's v2 events name them in lower case, a hand-made event may not. */
    private static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
