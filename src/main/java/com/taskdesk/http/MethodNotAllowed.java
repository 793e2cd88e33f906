package com.taskdesk.http;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A function serves one method on its path; any other method there gets 405 with {@code Allow}
 * naming what it serves, as JSON, before sign-in or any handler runs. A path rewrite sends every
 * method to the function: the app's PUT /api/holds/queues (no sign-in at all) ends here. HEAD and a
 * plain OPTIONS are refused too (the deployed route passes neither); a browser's CORS preflight is
 * answered earlier, by {@link BrowserOrigins}.
 */
public class MethodNotAllowed {

    public static final String MESSAGE = "Method not allowed";

    /** Each resource's path and the methods its handlers declare, read once from the application's beans. */
    private final Map<String, Set<String>> servedByPath;

    MethodNotAllowed(BeanManager beans) {
        this.servedByPath = servedByPath(beans);
    }

    /** After the origin check (priority 100), before JSON-only POSTs (5000) and sign-in. */
    @ServerRequestFilter(preMatching = true, priority = 200)
    public Response refuseOtherMethods(ContainerRequestContext request) {
        Set<String> served = servedByPath.get(request.getUriInfo().getPath());
        if (served == null || served.contains(request.getMethod())) {
            return null;
        }
        return Response.status(Response.Status.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, String.join(", ", served))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(MESSAGE))
                .build();
    }

    private static Map<String, Set<String>> servedByPath(BeanManager beans) {
        Map<String, Set<String>> served = new TreeMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> resource = bean.getBeanClass();
            Path path = resource.getAnnotation(Path.class);
            if (path == null) {
                continue;
            }
            Set<String> methods = served.computeIfAbsent(path.value(), p -> new TreeSet<>());
            for (Method handler : resource.getDeclaredMethods()) {
                for (Annotation annotation : handler.getAnnotations()) {
                    HttpMethod method = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (method != null) {
                        methods.add(method.value());
                    }
                }
            }
        }
        return Map.copyOf(served);
    }
}
