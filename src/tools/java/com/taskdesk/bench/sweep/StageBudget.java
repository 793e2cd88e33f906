package com.taskdesk.bench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of one stage that the sweep needs, read from config/ as the budget tool's check
 * reads them: the stage's file (config/STAGE.yaml: its database, each function's maxInstances),
 * the database's limits (config/databases.yaml: maxConnections, and the connections reserved
 * for everything else, itemised) and the functions' shared settings (config/functions.yaml). A
 * setting of the stage's file wins over functions.yaml; a function's own setting over the defaults.
 */
record StageBudget(
        String stage,
        int maxConnections,
        int reservedConnections,
        int superuserReservedConnections,
        Map<String, Function> functions) {

    record Function(int maxInstances, int connectionLimit, int poolTimeoutSeconds) {}

    static StageBudget read(Path config, String stage) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode stageFile = yaml.readTree(config.resolve(stage + ".yaml").toFile());
        JsonNode shared = yaml.readTree(config.resolve("functions.yaml").toFile());
        JsonNode database = yaml.readTree(config.resolve("databases.yaml").toFile())
                .required(stageFile.required("database").asText());
        int reserved = 0;
        for (JsonNode item : database.required("reservedFor")) {
            reserved += item.isInt() ? item.asInt() : item.required("share").asInt(); // a client: {share, client, role}
        }
        Map<String, Function> functions = new LinkedHashMap<>();
        stageFile.required("functions").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            functions.put(
                    name,
                    new Function(
                            entry.getValue().required("maxInstances").asInt(),
                            setting(stageFile, shared, name, "connectionLimit"),
                            setting(stageFile, shared, name, "poolTimeoutSeconds")));
        });
        return new StageBudget(
                stage,
                database.required("maxConnections").asInt(),
                reserved,
                database.required("reservedFor")
                        .required("superuserReservedConnections")
                        .asInt(),
                functions);
    }

    /** The first of: the stage's setting for the function, the stage's default, functions.yaml's for it, its default. */
    private static int setting(JsonNode stageFile, JsonNode shared, String function, String name) {
        for (JsonNode source : new JsonNode[] {
            stageFile.path("functions").path(function).path(name),
            stageFile.path("defaults").path(name),
            shared.path("functions").path(function).path(name),
            shared.path("defaults").path(name)
        }) {
            if (!source.isMissingNode()) {
                return source.asInt();
            }
        }
        throw new IllegalArgumentException("config/: no " + name + " for function " + function);
    }

    /** Connections the functions may hold: what the database allows minus its reserve. */
    int roomForFunctions() {
        return maxConnections - reservedConnections;
    }
}
