package com.taskdesk.budget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * serverless.yml read the way the Serverless Framework v3 packages it for one stage: variables
 * resolved ({@link ServerlessVariables}), function settings falling back to the provider's and
 * then to the framework's defaults (timeout 6 s, memory 1024 MB).
 */
final class ServerlessFile {

    static final String FRAMEWORK_DEFAULT_TIMEOUT = "6";
    static final String FRAMEWORK_DEFAULT_MEMORY = "1024";

    private final JsonNode root;
    private final Path directory;

    private ServerlessFile(JsonNode root, Path directory) {
        this.root = root;
        this.directory = directory;
    }

    static ServerlessFile read(Path file) {
        return new ServerlessFile(YamlDocuments.read(file), file.toAbsolutePath().getParent());
    }

    JsonNode root() {
        return root;
    }

    List<DeployedFunction> functions(String stage) {
        ServerlessVariables variables = new ServerlessVariables(root, directory, stage);
        List<DeployedFunction> functions = new ArrayList<>();
        JsonNode declared;
        try {
            declared = variables.at("functions");
        } catch (ServerlessVariables.CannotResolve e) {
            return List.of(new DeployedFunction("functions", Map.of(DeploySetting.FUNCTION_NAME,
                    "(cannot evaluate: " + e.getMessage() + ")")));
        }
        if (declared == null || !declared.isObject()) {
            return functions;
        }
        for (Iterator<String> it = declared.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            functions.add(function(variables, key));
        }
        return functions;
    }

    private DeployedFunction function(ServerlessVariables variables, String key) {
        Map<DeploySetting, String> settings = new EnumMap<>(DeploySetting.class);
        String[] function = {"functions", key};
        setting(settings, DeploySetting.TIMEOUT, variables, FRAMEWORK_DEFAULT_TIMEOUT,
                path(function, "timeout"), path("provider", "timeout"));
        setting(settings, DeploySetting.MEMORY, variables, FRAMEWORK_DEFAULT_MEMORY,
                path(function, "memorySize"), path("provider", "memorySize"));
        setting(settings, DeploySetting.RUNTIME, variables, null, path(function, "runtime"), path("provider", "runtime"));
        setting(settings, DeploySetting.HANDLER, variables, null, path(function, "handler"));
        setting(settings, DeploySetting.ARTIFACT, variables, null,
                path(function, "package", "artifact"), path("package", "artifact"));
        setting(settings, DeploySetting.RESERVED_CONCURRENCY, variables, null, path(function, "reservedConcurrency"));
        environment(settings, DeploySetting.FUNCTION_NAME, variables, key, "TASKDESK_FUNCTION_NAME");
        environment(settings, DeploySetting.CONNECTION_LIMIT, variables, key, "DB_CONNECTION_LIMIT");
        environment(settings, DeploySetting.POOL_TIMEOUT, variables, key, "DB_POOL_TIMEOUT_SECONDS");
        environment(settings, DeploySetting.CONNECT_TIMEOUT, variables, key, "DB_CONNECT_TIMEOUT_SECONDS");
        environment(settings, DeploySetting.STATEMENT_TIMEOUT, variables, key, "DB_STATEMENT_TIMEOUT_SECONDS");
        environment(settings, DeploySetting.DATABASE_USER, variables, key, "DB_USER");
        settings.put(DeploySetting.ROUTE, route(variables, key));
        return new DeployedFunction("functions." + key, settings);
    }

    private static String[] path(String[] prefix, String... rest) {
        String[] path = new String[prefix.length + rest.length];
        System.arraycopy(prefix, 0, path, 0, prefix.length);
        System.arraycopy(rest, 0, path, prefix.length, rest.length);
        return path;
    }

    private static String[] path(String... path) {
        return path;
    }

    /** The first of the paths that holds a value, else the framework's default (or nothing). */
    private static void setting(Map<DeploySetting, String> settings, DeploySetting setting, ServerlessVariables variables,
                                String frameworkDefault, String[]... paths) {
        try {
            for (String[] path : paths) {
                JsonNode value = variables.at(path);
                if (value != null && !value.isNull()) {
                    settings.put(setting, value.isValueNode() ? value.asText() : value.toString());
                    return;
                }
            }
            if (frameworkDefault != null) {
                settings.put(setting, frameworkDefault);
            }
        } catch (ServerlessVariables.CannotResolve e) {
            settings.put(setting, "(cannot evaluate: " + e.getMessage() + ")");
        }
    }

    private static void environment(Map<DeploySetting, String> settings, DeploySetting setting,
                                    ServerlessVariables variables, String function, String variable) {
        setting(settings, setting, variables, null, path("functions", function, "environment", variable),
                path("provider", "environment", variable));
    }

    /** "GET /api/health" from the function's one httpApi event (either form). */
    private static String route(ServerlessVariables variables, String function) {
        try {
            JsonNode events = variables.at("functions", function, "events");
            List<String> routes = new ArrayList<>();
            if (events != null) {
                for (JsonNode event : events) {
                    JsonNode httpApi = variables.at(event, "httpApi");
                    if (httpApi == null) {
                        continue;
                    }
                    if (httpApi.isTextual()) {
                        String[] parts = httpApi.asText().trim().split("\\s+", 2);
                        routes.add(parts.length == 2 ? parts[0].toUpperCase(Locale.ROOT) + " " + parts[1] : httpApi.asText());
                    } else {
                        JsonNode method = variables.at(httpApi, "method");
                        JsonNode path = variables.at(httpApi, "path");
                        routes.add((method == null ? "*" : method.asText().toUpperCase(Locale.ROOT)) + " "
                                + (path == null ? "" : path.asText()));
                    }
                }
            }
            return routes.size() == 1 ? routes.get(0) : routes.isEmpty() ? null : String.join(" and ", routes);
        } catch (ServerlessVariables.CannotResolve e) {
            return "(cannot evaluate: " + e.getMessage() + ")";
        }
    }
}
