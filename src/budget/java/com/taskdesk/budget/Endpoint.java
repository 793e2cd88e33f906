package com.taskdesk.budget;

import com.taskdesk.agents.AgentsResource;
import com.taskdesk.dashboard.AgentProgressResource;
import com.taskdesk.dashboard.MetricsResource;
import com.taskdesk.health.HealthResource;
import com.taskdesk.spam.MarkSpamResource;
import com.taskdesk.spam.RestoreSpamResource;
import com.taskdesk.spam.SpamCountsResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seven functions, what their handlers need from the database, and where their code is.
 * Every handler runs at most one statement per request on one pooled connection
 * ({@code com.taskdesk.db.Database#query}), so each needs exactly one connection per
 * request it serves at once. The route is read from the resource's JAX-RS annotations: it is
 * written nowhere else (config/ and the deploy files take it from here).
 */
public enum Endpoint {
    AGENTS("agents", AgentsResource.class, grants("\"User\"", "SELECT", "\"Task\"", "SELECT")),
    AGENT_PROGRESS("agent-progress", AgentProgressResource.class, grants("\"User\"", "SELECT", "\"Task\"", "SELECT")),
    METRICS("metrics", MetricsResource.class, grants("\"Task\"", "SELECT", "\"RawMessage\"", "SELECT")),
    SPAM_COUNTS("spam-counts", SpamCountsResource.class, grants("\"RawMessage\"", "SELECT")),
    /** The writes read "User" to check their caller. */
    MARK_SPAM(
            "mark-spam",
            MarkSpamResource.class,
            grants(
                    "\"User\"",
                    "SELECT",
                    "\"Task\"",
                    "SELECT, UPDATE",
                    "\"RawMessage\"",
                    "SELECT, UPDATE",
                    "\"TaskHistory\"",
                    "INSERT")),
    SPAM_RESTORE(
            "spam-restore",
            RestoreSpamResource.class,
            grants(
                    "\"User\"",
                    "SELECT",
                    "\"Task\"",
                    "SELECT, UPDATE",
                    "\"RawMessage\"",
                    "SELECT, UPDATE",
                    "\"TaskHistory\"",
                    "INSERT")),
    /** SELECT 1 when asked with ?check=database: no table at all. */
    HEALTH("health", HealthResource.class, grants());

    /** Connections a handler uses at once while it serves one request: one statement on one connection. */
    public static final int CONNECTIONS_PER_REQUEST = 1;

    private final String functionName;
    private final Class<?> resource;
    private final Map<String, String> tablePrivileges;

    Endpoint(String functionName, Class<?> resource, Map<String, String> tablePrivileges) {
        this.functionName = functionName;
        this.resource = resource;
        this.tablePrivileges = tablePrivileges;
    }

    /** The function's name in config/ and in TASKDESK_FUNCTION_NAME. */
    public String functionName() {
        return functionName;
    }

    public Class<?> resource() {
        return resource;
    }

    /** Least privilege: the tables its statement touches (quoted Prisma names) and what it does to them. */
    public Map<String, String> tablePrivileges() {
        return tablePrivileges;
    }

    public boolean writes() {
        return tablePrivileges.values().stream().anyMatch(privileges -> !privileges.equals("SELECT"));
    }

    /** "GET /api/manager/agents", from the resource's @Path and its one @GET or @POST method. */
    public String route() {
        Path path = resource.getAnnotation(Path.class);
        List<String> methods = new ArrayList<>();
        for (Method method : resource.getDeclaredMethods()) {
            if (method.isAnnotationPresent(GET.class)) {
                methods.add("GET");
            }
            if (method.isAnnotationPresent(POST.class)) {
                methods.add("POST");
            }
        }
        if (path == null || methods.size() != 1) {
            throw new IllegalStateException(
                    resource.getName() + " must have @Path and exactly one @GET or @POST method");
        }
        return methods.get(0) + " " + path.value();
    }

    public static Optional<Endpoint> forFunction(String functionName) {
        for (Endpoint endpoint : values()) {
            if (endpoint.functionName.equals(functionName)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    public static List<String> functionNames() {
        return Arrays.stream(values()).map(Endpoint::functionName).toList();
    }

    private static Map<String, String> grants(String... tableThenPrivileges) {
        Map<String, String> grants = new LinkedHashMap<>();
        for (int i = 0; i < tableThenPrivileges.length; i += 2) {
            grants.put(tableThenPrivileges[i], tableThenPrivileges[i + 1]);
        }
        return Collections.unmodifiableMap(grants);
    }
}
