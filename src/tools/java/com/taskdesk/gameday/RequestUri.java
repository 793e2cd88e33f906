package com.taskdesk.gameday;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code @Context UriInfo} a handler reads its query from, for a call's query parameters: its
 * request URI and its decoded query parameters. Anything else a handler asks of it fails, naming the
 * method, so a handler that starts reading more of the request is taught here instead of faked.
 */
final class RequestUri {

    private RequestUri() {}

    static UriInfo of(Map<String, String> query) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        query.forEach(parameters::add);
        String raw = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("https://gameday.invalid/" + (raw.isEmpty() ? "" : "?" + raw));
        return (UriInfo) Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class}, (proxy, method, arguments) -> {
                    return switch (method.getName()) {
                        case "getRequestUri" -> uri;
                        case "getQueryParameters" -> parameters;
                        case "toString" -> uri.toString();
                        default ->
                            throw new UnsupportedOperationException("the game day's UriInfo has no " + method.getName()
                                    + ": teach RequestUri what the handler needs");
                    };
                });
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
