package com.taskdesk.http;

import com.taskdesk.config.DeskConfig;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CORS for the configured front-end origins only, with credentials, exposing the headers a
 * front end must read, answered by the application in local runs (deployed, the HTTP API's
 * CORS settings, rendered from these constants, answer instead).
 * Cookies travel with cross-site requests, so:
 * <ul>
 * <li>a request whose Origin is not on the list is refused (403) whatever its credentials;</li>
 * <li>a POST that carries the auth-token cookie must carry an allowed Origin, whatever else it
 * sends: the cookie is what signs it in (it wins over a Bearer token). Only a POST without the
 * cookie may come without Origin: a Bearer token is never attached by a browser on its own,
 * so that is a script or curl.</li>
 * </ul>
 */
public class BrowserOrigins {

    public static final List<String> ALLOWED_METHODS = List.of("GET", "POST", "OPTIONS");
    public static final List<String> ALLOWED_HEADERS = List.of("Content-Type", "Authorization");
    /** What a front end must read: when to retry a 503, and how old cached metrics are. */
    public static final List<String> EXPOSED_HEADERS = List.of("Retry-After", "Last-Modified", "X-Data-Age");

    public static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private final List<String> allowed;

    BrowserOrigins(DeskConfig config) {
        this.allowed = config.cors().origins();
    }

    @ServerRequestFilter(preMatching = true, priority = 100)
    public Response checkOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && !allowed.contains(origin)) {
            return ErrorResponses.json(
                    403, "This page's origin may not call this API: it is not one of the task desk's front ends");
        }
        if (origin != null
                && HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            return Response.noContent()
                    .header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Credentials", "true")
                    .header("Access-Control-Allow-Methods", String.join(", ", ALLOWED_METHODS))
                    .header("Access-Control-Allow-Headers", String.join(", ", ALLOWED_HEADERS))
                    .header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS)
                    .header(HttpHeaders.VARY, "Origin")
                    .build();
        }
        if (origin == null
                && HttpMethod.POST.equals(request.getMethod())
                && request.getCookies().containsKey("auth-token")) {
            return ErrorResponses.json(
                    403, "A POST signed in by cookie must come from the task desk's pages (it has no Origin)");
        }
        return null;
    }

    @ServerResponseFilter
    public void allowReading(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && allowed.contains(origin)) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
            headers.putSingle("Access-Control-Expose-Headers", String.join(", ", EXPOSED_HEADERS));
            headers.putSingle(HttpHeaders.VARY, "Origin");
        }
    }
}
