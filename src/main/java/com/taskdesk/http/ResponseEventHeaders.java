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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * No response event carries a hop-by-hop header. Quarkus' Lambda bridge (amazon-lambda-http's
 * LambdaHttpHandler, 3.33) copies the headers of its in-JVM HTTP connection into the event:
 * an answer longer than Quarkus REST's output buffer (8 kB) is chunked there, and the bridge
 * drops the value {@code chunked} but keeps the name ({@code "transfer-encoding": ""}); a
 * request's {@code Connection: close} comes back as {@code "connection": "close"}. Both
 * describe that connection, not the answer (RFC 9110, 7.6.1): API Gateway frames the answer
 * itself, and the local mock event server, seeing a Transfer-Encoding, sent no Content-Length,
 * so a keep-alive client never saw the answer end (quarkusio/quarkus #44551, #38502).
 *
 * <p>A decorator of the bridge, the one place every answer passes, whoever wrote it: Quarkus
 * REST, an exception mapper or Vert.x itself.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION + 10)
public abstract class ResponseEventHeaders implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Connection and the headers RFC 9110 (7.6.1) says a message must not carry past its hop. */
    static final Set<String> HOP_BY_HOP =
            Set.of("connection", "proxy-connection", "keep-alive", "te", "transfer-encoding", "upgrade");

    @Inject
    @Delegate
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> bridge;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPResponse response = bridge.handleRequest(event, context);
        response.setHeaders(withoutHopByHop(response.getHeaders()));
        response.setMultiValueHeaders(withoutHopByHop(response.getMultiValueHeaders()));
        return response;
    }

    /** The same headers less the hop-by-hop ones; a copy, as the bridge's own maps may be immutable. */
    private static <V> Map<String, V> withoutHopByHop(Map<String, V> headers) {
        if (headers == null || headers.keySet().stream().noneMatch(ResponseEventHeaders::isHopByHop)) {
            return headers;
        }
        Map<String, V> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(ResponseEventHeaders::isHopByHop);
        return kept;
    }

    private static boolean isHopByHop(String name) {
        return HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
    }
}
