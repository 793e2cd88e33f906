package com.taskdesk.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Signed-in answers are per user and change constantly: no cache may keep them unless a handler says
 * so. The manager routes, the agent portal's and Holds' (outside /api/manager, but managers' too).
 */
public class ManagerResponseHeaders {

    private static final List<String> SIGNED_IN_ROUTES = List.of("/api/manager", "/api/agent/", "/api/holds/");

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (SIGNED_IN_ROUTES.stream().anyMatch(path::startsWith)
                && !response.getHeaders().containsKey("Cache-Control")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
