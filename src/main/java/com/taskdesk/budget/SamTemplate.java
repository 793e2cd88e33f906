package com.taskdesk.budget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * template.yaml read the way SAM deploys it for one value of its {@code Stage} parameter:
 * each {@code AWS::Serverless::Function} with {@code Globals.Function} applied (environment
 * variables merged) and its intrinsic functions evaluated.
 */
final class SamTemplate {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    static SamTemplate read(Path file) {
        return new SamTemplate(YamlDocuments.read(file));
    }

    JsonNode root() {
        return root;
    }

    /** Parameters.Stage.AllowedValues. */
    List<String> stageValues() {
        List<String> values = new ArrayList<>();
        root.path("Parameters").path("Stage").path("AllowedValues").forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Logical id to properties of every AWS::Serverless::Function. */
    Map<String, JsonNode> functionResources() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (FUNCTION_TYPE.equals(resource.getValue().path("Type").asText())) {
                functions.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        }
        return functions;
    }

    /** Every function as deployed with Stage = stage. */
    List<DeployedFunction> functions(String stage) {
        CloudFormationValues values = new CloudFormationValues(root.get("Mappings"), Map.of("Stage", stage));
        JsonNode globals = root.path("Globals").path("Function");
        List<DeployedFunction> functions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : functionResources().entrySet()) {
            JsonNode properties = resource.getValue();
            Map<DeploySetting, String> settings = new EnumMap<>(DeploySetting.class);
            put(settings, DeploySetting.TIMEOUT, values, property(properties, globals, "Timeout"));
            put(settings, DeploySetting.MEMORY, values, property(properties, globals, "MemorySize"));
            put(settings, DeploySetting.RUNTIME, values, property(properties, globals, "Runtime"));
            put(settings, DeploySetting.HANDLER, values, property(properties, globals, "Handler"));
            put(settings, DeploySetting.ARTIFACT, values, property(properties, globals, "CodeUri"));
            put(settings, DeploySetting.RESERVED_CONCURRENCY, values, properties.get("ReservedConcurrentExecutions"));
            put(settings, DeploySetting.MANAGED_INSTANCES_CONCURRENCY, values, properties.path("CapacityProviderConfig")
                    .path("LambdaManagedInstancesCapacityProviderConfig").get("PerExecutionEnvironmentMaxConcurrency"));
            Map<String, JsonNode> environment = new LinkedHashMap<>();
            globals.path("Environment").path("Variables").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue()));
            properties.path("Environment").path("Variables").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue()));
            put(settings, DeploySetting.FUNCTION_NAME, values, environment.get("TASKDESK_FUNCTION_NAME"));
            put(settings, DeploySetting.CONNECTION_LIMIT, values, environment.get("DB_CONNECTION_LIMIT"));
            put(settings, DeploySetting.POOL_TIMEOUT, values, environment.get("DB_POOL_TIMEOUT_SECONDS"));
            put(settings, DeploySetting.CONNECT_TIMEOUT, values, environment.get("DB_CONNECT_TIMEOUT_SECONDS"));
            put(settings, DeploySetting.STATEMENT_TIMEOUT, values, environment.get("DB_STATEMENT_TIMEOUT_SECONDS"));
            put(settings, DeploySetting.DATABASE_USER, values, environment.get("DB_USER"));
            settings.put(DeploySetting.ROUTE, route(properties, values));
            functions.add(new DeployedFunction(resource.getKey(), settings));
        }
        return functions;
    }

    /** "GET /api/health" from the function's one HttpApi event. */
    private static String route(JsonNode properties, CloudFormationValues values) {
        List<String> routes = new ArrayList<>();
        for (Iterator<JsonNode> it = properties.path("Events").elements(); it.hasNext(); ) {
            JsonNode event = it.next();
            if ("HttpApi".equals(event.path("Type").asText())) {
                try {
                    String method = values.text(event.path("Properties").get("Method"));
                    String path = values.text(event.path("Properties").get("Path"));
                    routes.add((method == null ? "ANY" : method.toUpperCase(Locale.ROOT)) + " " + path);
                } catch (CloudFormationValues.CannotEvaluate e) {
                    routes.add("(cannot evaluate: " + e.getMessage() + ")");
                }
            }
        }
        return routes.size() == 1 ? routes.get(0) : routes.isEmpty() ? null : String.join(" and ", routes);
    }

    private static JsonNode property(JsonNode properties, JsonNode globals, String name) {
        return properties.has(name) ? properties.get(name) : globals.get(name);
    }

    private static void put(Map<DeploySetting, String> settings, DeploySetting setting, CloudFormationValues values,
                            JsonNode node) {
        try {
            String text = values.text(node);
            if (text != null) {
                settings.put(setting, text);
            }
        } catch (CloudFormationValues.CannotEvaluate e) {
            settings.put(setting, "(cannot evaluate: " + e.getMessage() + ")");
        }
    }
}
