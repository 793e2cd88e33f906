package com.taskdesk.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads config/*.yaml (one file per stage) into {@link StageConfig}s. It checks what a file
 * says, field by field (types, ranges, unknown keys, the stage's name); how the numbers relate
 * to each other is {@link BudgetCheck}'s job. Every problem is one line naming the file and field.
 */
public final class ConfigLoader {

    /** Stage names end up in role names and CloudFormation mapping keys: lower-case letters and digits. */
    static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9]{0,15}");
    static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|PATCH|DELETE) (/[A-Za-z0-9/_.-]*)");

    /** Fields a function may set itself or take from the stage's defaults. */
    static final List<String> DEFAULTABLE = List.of("connectionLimit", "poolTimeoutSeconds", "connectTimeoutSeconds",
            "statementTimeoutSeconds", "timeoutMarginSeconds", "functionTimeoutSeconds", "memoryMb");

    private static final Set<String> TOP_LEVEL = Set.of("stage", "database", "defaults", "functions");
    private static final Set<String> DATABASE = Set.of("name", "postgresVersion", "maxConnections", "reservedConnections",
            "reservedFor", "schema", "pooler", "deployOverlapFactor");
    private static final Set<String> POOLER = Set.of("kind", "serverConnections", "maxClientConnections");
    private static final Set<String> MANAGED_INSTANCES = Set.of("perExecutionEnvironmentMaxConcurrency");

    private ConfigLoader() {
    }

    /** Every *.yaml in the directory; a directory without any is an error. */
    public static BudgetConfig load(Path configDir) {
        if (!Files.isDirectory(configDir)) {
            throw BudgetException.configuration(configDir + ": directory not found (run from the project root, or pass --dir)");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(configDir)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw BudgetException.configuration(configDir + ": cannot be listed (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw BudgetException.configuration(configDir + ": no stage files (*.yaml)");
        }
        List<StageConfig> stages = new ArrayList<>();
        for (Path file : files) {
            stages.add(loadStage(file));
        }
        return new BudgetConfig(List.copyOf(stages));
    }

    static StageConfig loadStage(Path file) {
        String fileName = file.getFileName().toString();
        String expectedStage = fileName.substring(0, fileName.length() - ".yaml".length());
        Fields fields = new Fields("config/" + fileName);
        JsonNode root = YamlDocuments.read(file);
        fields.object(root, "");
        fields.onlyKeys(root, "", TOP_LEVEL);

        String stage = fields.text(root, "", "stage");
        if (!stage.equals(expectedStage)) {
            throw fields.error("stage", "is '" + stage + "' but the file is named " + fileName
                    + "; name the file after its stage");
        }
        if (!STAGE_NAME.matcher(stage).matches()) {
            throw fields.error("stage", "must be lower-case letters and digits, starting with a letter"
                    + " (it becomes part of role names and CloudFormation mapping keys); got '" + stage + "'");
        }

        DatabaseLimits database = database(fields, fields.child(root, "", "database"));
        JsonNode defaults = root.has("defaults") ? root.get("defaults") : null;
        Map<String, Integer> defaultValues = new LinkedHashMap<>();
        if (defaults != null) {
            fields.object(defaults, "defaults");
            fields.onlyKeys(defaults, "defaults", Set.copyOf(DEFAULTABLE));
            for (Iterator<String> it = defaults.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                defaultValues.put(field, fields.integer(defaults, "defaults", field, 0, 10_240));
            }
        }
        JsonNode functionsNode = fields.child(root, "", "functions");
        List<FunctionBudget> functions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = functionsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            functions.add(function(fields, entry.getKey(), entry.getValue(), defaults));
        }
        if (functions.isEmpty()) {
            throw fields.error("functions", "lists no function");
        }
        return new StageConfig(stage, file, database, Collections.unmodifiableMap(defaultValues),
                List.copyOf(functions));
    }

    private static DatabaseLimits database(Fields fields, JsonNode node) {
        String path = "database";
        fields.onlyKeys(node, path, DATABASE);
        String name = fields.text(node, path, "name");
        int version = fields.integer(node, path, "postgresVersion", 9, 99);
        int max = fields.integer(node, path, "maxConnections", 1, 262_143);
        int reserved = fields.integer(node, path, "reservedConnections", 0, 262_143);
        Map<String, Integer> reservedFor = new LinkedHashMap<>();
        if (node.has("reservedFor")) {
            JsonNode items = node.get("reservedFor");
            fields.object(items, path + ".reservedFor");
            for (Iterator<String> it = items.fieldNames(); it.hasNext(); ) {
                String item = it.next();
                reservedFor.put(item, fields.integer(items, path + ".reservedFor", item, 0, 262_143));
            }
            int sum = reservedFor.values().stream().mapToInt(Integer::intValue).sum();
            if (sum != reserved) {
                throw fields.error(path + ".reservedFor", "adds up to " + sum + " but reservedConnections is " + reserved);
            }
        }
        String schema = node.has("schema") ? fields.text(node, path, "schema") : "public";
        Pooler pooler = pooler(fields, node.get("pooler"));
        int overlap = fields.integer(node, path, "deployOverlapFactor", 1, 10);
        return new DatabaseLimits(name, version, max, reserved, Collections.unmodifiableMap(reservedFor), schema, pooler,
                overlap);
    }

    private static Pooler pooler(Fields fields, JsonNode node) {
        String path = "database.pooler";
        if (node == null) {
            throw fields.error(path, "is missing (none, pgbouncer or rds-proxy)");
        }
        if (node.isTextual()) {
            Pooler.Kind kind = poolerKind(fields, node.asText());
            if (kind != Pooler.Kind.NONE) {
                throw fields.error(path, "'" + node.asText() + "' needs its sizes: pooler: {kind: " + node.asText()
                        + ", serverConnections: N" + (kind == Pooler.Kind.PGBOUNCER ? ", maxClientConnections: N" : "") + "}");
            }
            return Pooler.NONE;
        }
        fields.object(node, path);
        fields.onlyKeys(node, path, POOLER);
        Pooler.Kind kind = poolerKind(fields, fields.text(node, path, "kind"));
        if (kind == Pooler.Kind.NONE) {
            return Pooler.NONE;
        }
        int server = fields.integer(node, path, "serverConnections", 1, 262_143);
        Integer clients = null;
        if (kind == Pooler.Kind.PGBOUNCER) {
            clients = fields.integer(node, path, "maxClientConnections", 1, 1_000_000);
        } else if (node.has("maxClientConnections")) {
            throw fields.error(path + ".maxClientConnections", "applies to pgbouncer only (RDS Proxy sets no such limit)");
        }
        return new Pooler(kind, server, clients);
    }

    private static Pooler.Kind poolerKind(Fields fields, String text) {
        Pooler.Kind kind = Pooler.Kind.fromConfig(text);
        if (kind == null) {
            throw fields.error("database.pooler", "must be none, pgbouncer or rds-proxy; got '" + text + "'");
        }
        return kind;
    }

    private static FunctionBudget function(Fields fields, String name, JsonNode node, JsonNode defaults) {
        String path = "functions." + name;
        fields.object(node, path);
        Set<String> allowed = new LinkedHashSet<>(DEFAULTABLE);
        allowed.addAll(List.of("route", "maxInstances", "lambdaManagedInstances"));
        fields.onlyKeys(node, path, allowed);

        String route = fields.text(node, path, "route");
        if (!ROUTE.matcher(route).matches()) {
            throw fields.error(path + ".route", "must be 'METHOD /path' (e.g. GET /api/health); got '" + route + "'");
        }
        Integer maxInstances = node.has("maxInstances") ? fields.integer(node, path, "maxInstances", 0, 10_000) : null;
        Set<String> overridden = new LinkedHashSet<>();
        for (String field : DEFAULTABLE) {
            if (node.has(field)) {
                overridden.add(field);
            }
        }
        Integer managed = null;
        if (node.has("lambdaManagedInstances")) {
            JsonNode lmi = node.get("lambdaManagedInstances");
            fields.object(lmi, path + ".lambdaManagedInstances");
            fields.onlyKeys(lmi, path + ".lambdaManagedInstances", MANAGED_INSTANCES);
            managed = fields.integer(lmi, path + ".lambdaManagedInstances", "perExecutionEnvironmentMaxConcurrency", 1, 1600);
        }
        return new FunctionBudget(name, route, maxInstances,
                defaulted(fields, node, defaults, path, "connectionLimit", 0, 1000),
                defaulted(fields, node, defaults, path, "poolTimeoutSeconds", 1, 900),
                defaulted(fields, node, defaults, path, "connectTimeoutSeconds", 1, 900),
                defaulted(fields, node, defaults, path, "statementTimeoutSeconds", 1, 900),
                defaulted(fields, node, defaults, path, "timeoutMarginSeconds", 1, 900),
                defaulted(fields, node, defaults, path, "functionTimeoutSeconds", 1, 900),
                defaulted(fields, node, defaults, path, "memoryMb", 128, 10_240),
                managed, Set.copyOf(overridden));
    }

    private static int defaulted(Fields fields, JsonNode node, JsonNode defaults, String path, String field,
                                 int min, int max) {
        if (node.has(field)) {
            return fields.integer(node, path, field, min, max);
        }
        if (defaults != null && defaults.has(field)) {
            return fields.integer(defaults, "defaults", field, min, max);
        }
        throw fields.error(path + "." + field, "is missing (set it on the function or under defaults)");
    }

    /** Typed access to one file's fields, with errors that name the file and the field. */
    private record Fields(String file) {

        BudgetException error(String field, String problem) {
            return BudgetException.configuration(file + ": " + field + " " + problem);
        }

        void object(JsonNode node, String path) {
            if (!node.isObject()) {
                throw error(path.isEmpty() ? "the document" : path, "must be a mapping of keys to values");
            }
        }

        void onlyKeys(JsonNode node, String path, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error(path.isEmpty() ? key : path + "." + key, "is not a known setting (known: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        JsonNode child(JsonNode node, String path, String key) {
            String field = path.isEmpty() ? key : path + "." + key;
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                throw error(field, "is missing");
            }
            object(child, field);
            return child;
        }

        String text(JsonNode node, String path, String key) {
            String field = path.isEmpty() ? key : path + "." + key;
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw error(field, "is missing");
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw error(field, "must be a non-empty text");
            }
            return value.asText();
        }

        int integer(JsonNode node, String path, String key, int min, int max) {
            String field = path.isEmpty() ? key : path + "." + key;
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw error(field, "is missing");
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw error(field, "must be a whole number; got '" + value.asText() + "'");
            }
            int number = value.asInt();
            if (number < min || number > max) {
                throw error(field, "must be between " + min + " and " + max + "; got " + number);
            }
            return number;
        }
    }
}
