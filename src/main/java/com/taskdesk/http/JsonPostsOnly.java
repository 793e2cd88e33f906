package com.taskdesk.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A POST must say it carries JSON. A missing or other Content-Type (what an HTML form
 * sends cross-site) is refused with 415 before any handler runs.
 */
public class JsonPostsOnly {

    @ServerRequestFilter(preMatching = true)
    public void requireJson(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null
                || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || type.isWildcardType()
                || type.isWildcardSubtype()) {
            throw new NotSupportedException();
        }
    }
}
