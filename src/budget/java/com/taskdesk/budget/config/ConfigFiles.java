package com.taskdesk.budget.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.taskdesk.budget.config.ConfigSchema.DatabaseFile;
import com.taskdesk.budget.config.ConfigSchema.FunctionSettings;
import com.taskdesk.budget.config.ConfigSchema.SharedFile;
import com.taskdesk.budget.config.ConfigSchema.StageFile;
import com.taskdesk.config.FunctionSetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads config/ into a {@link BudgetConfig}: databases.yaml (each server once), functions.yaml
 * (what every stage shares) and one &lt;stage&gt;.yaml per stage. A function's setting is taken from,
 * in order: the stage's file for that function, functions.yaml for that function, the stage's
 * defaults, functions.yaml's defaults. Every problem is one line naming the file and the key.
 */
public final class ConfigFiles {

    public static final String DIRECTORY = "config";
    public static final String DATABASES = "databases.yaml";
    public static final String SHARED = "functions.yaml";
    /** Stage names end up in stack, role and secret names: lower-case letters and digits. */
    private static final String STAGE_NAME = "[a-z][a-z0-9]{0,15}";

    private ConfigFiles() {}

    /** Every stage of the project directory's config/. */
    public static BudgetConfig load(Path project) {
        Path dir = project.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            throw BudgetException.configuration(
                    dir + ": directory not found (run from the project root, or pass --dir)");
        }
        Map<String, DatabaseFile> databases = ConfigYaml.read(dir.resolve(DATABASES), new TypeReference<>() {});
        for (String key : databases.keySet()) {
            if (!Names.isKey(key)) {
                throw BudgetException.configuration(DIRECTORY + "/" + DATABASES + ": database key " + Names.quoted(key)
                        + " must be " + Names.KEY_RULE);
            }
        }
        SharedFile shared = ConfigYaml.read(dir.resolve(SHARED), new TypeReference<>() {});
        List<StageConfig> stages = new ArrayList<>();
        for (Path file : stageFiles(dir)) {
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!name.matches(STAGE_NAME)) {
                throw BudgetException.configuration(
                        DIRECTORY + "/" + Names.quoted(file.getFileName().toString()) + ": a stage's name must be"
                                + " lower-case letters and digits, starting with a letter (it becomes part of stack and role names)");
            }
            stages.add(stage(name, ConfigYaml.read(file, new TypeReference<>() {}), databases, shared));
        }
        if (stages.isEmpty()) {
            throw BudgetException.configuration(dir + ": no stage files (<stage>.yaml)");
        }
        return new BudgetConfig(List.copyOf(stages));
    }

    private static List<Path> stageFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f ->
                            !Set.of(DATABASES, SHARED).contains(f.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw BudgetException.configuration(dir + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    private static StageConfig stage(
            String name, StageFile file, Map<String, DatabaseFile> databases, SharedFile shared) {
        String where = DIRECTORY + "/" + name + ".yaml";
        DatabaseFile database = databases.get(file.database());
        if (database == null) {
            throw BudgetException.configuration(where + ": database '" + file.database() + "' is not in " + DIRECTORY
                    + "/" + DATABASES + " (" + String.join(", ", databases.keySet()) + ")");
        }
        knownFunctions(where, file.functions());
        knownFunctions(DIRECTORY + "/" + SHARED, shared.functions());
        List<FunctionBudget> functions = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.all()) {
            functions.add(new Layers(
                            where,
                            endpoint,
                            List.of(
                                    settings(file.functions(), endpoint), settings(shared.functions(), endpoint),
                                    orNone(file.defaults()), orNone(shared.defaults())))
                    .resolve());
        }
        return new StageConfig(
                name,
                limits(file.database(), database),
                file.region(),
                List.copyOf(file.corsOrigins()),
                file.todayTimeZone(),
                file.metricsCacheSeconds(),
                file.network(),
                file.domain(),
                file.alarmNotifications(),
                file.permissionsBoundary(),
                Boolean.TRUE.equals(file.confirmChangeset()),
                file.frontDoor() == null ? null : frontDoor(where, file.frontDoor(), file.domain()),
                List.copyOf(functions));
    }

    /** The front door with its API URL (else the domain's) and its moved functions (else every app route). */
    private static FrontDoor frontDoor(String where, ConfigSchema.FrontDoorFile file, ConfigSchema.Domain domain) {
        String apiUrl = file.apiUrl();
        if (apiUrl == null && domain == null) {
            throw BudgetException.configuration(where + ": frontDoor.apiUrl is missing: the stage's API"
                    + " (the stack's ApiUrl output after its first deploy), or give the stage a domain");
        }
        List<Endpoint> moved = FrontDoor.appRoutes();
        if (file.moves() != null) {
            for (String name : file.moves()) {
                Endpoint endpoint = Endpoint.forFunction(name)
                        .orElseThrow(() -> BudgetException.configuration(where + ": frontDoor.moves: '" + name
                                + "' is not one of the functions (" + String.join(", ", Endpoint.functionNames())
                                + ")"));
                if (!endpoint.managerRoute()) {
                    throw BudgetException.configuration(where + ": frontDoor.moves: " + name + " serves "
                            + endpoint.path() + ", the functions' own probe, not a route of the app (which answers its"
                            + " own " + endpoint.path() + "): only the app's routes move ("
                            + String.join(
                                    ", ",
                                    moved.stream().map(Endpoint::functionName).toList())
                            + ")");
                }
                if (file.moves().indexOf(name) != file.moves().lastIndexOf(name)) {
                    throw BudgetException.configuration(where + ": frontDoor.moves: " + name + " appears twice");
                }
            }
            moved = moved.stream()
                    .filter(endpoint -> file.moves().contains(endpoint.functionName()))
                    .toList();
        }
        return new FrontDoor(
                file.host(), file.appOrigin(), apiUrl == null ? "https://" + domain.name() : apiUrl, moved);
    }

    private static DatabaseLimits limits(String name, DatabaseFile file) {
        ConfigSchema.PoolerFile pooler = file.pooler();
        int superuserReserved = 0;
        List<ReservedClient> clients = new ArrayList<>();
        for (Map.Entry<String, ReservedSchema.ReservedFile> item :
                file.reservedFor().entrySet()) {
            String key = DIRECTORY + "/" + DATABASES + ": " + name + ".reservedFor." + item.getKey();
            ReservedSchema.ReservedFile reserved = item.getValue();
            if (item.getKey().equals(DatabaseLimits.SUPERUSER_RESERVED)) {
                if (reserved.client != null || reserved.slots < 0 || reserved.slots > 262_143) {
                    throw BudgetException.configuration(key + " must be a number from 0 to 262143"
                            + " (PostgreSQL's superuser_reserved_connections, and reserved_connections on 16+)");
                }
                superuserReserved = reserved.slots;
            } else if (!Names.SHARE.matcher(item.getKey()).matches()) {
                throw BudgetException.configuration(DIRECTORY + "/" + DATABASES + ": " + name + ".reservedFor key "
                        + Names.quoted(item.getKey()) + " must be a camelCase name such as restOfApp");
            } else if (reserved.client == null) {
                throw BudgetException.configuration(key + " must name its client, e.g. {share: " + reserved.slots
                        + ", client: netlify, role: taskdesk_app} (client: "
                        + Arrays.stream(ReservedClient.Kind.values())
                                .map(ReservedClient.Kind::configName)
                                .collect(Collectors.joining(", "))
                        + ")");
            } else {
                clients.add(reserved.client.resolve(item.getKey()));
            }
        }
        return new DatabaseLimits(
                name,
                file.postgresVersion(),
                file.maxConnections(),
                superuserReserved,
                List.copyOf(clients),
                Objects.requireNonNullElse(file.schema(), "public"),
                pooler == null
                        ? Pooler.NONE
                        : new Pooler(pooler.kind(), pooler.serverConnections(), pooler.maxClientConnections()),
                file.deployOverlapFactor(),
                file.databaseUrl() == null
                        ? DatabaseUrlParameters.NONE
                        : new DatabaseUrlParameters(
                                Boolean.TRUE.equals(file.databaseUrl().pgbouncer()),
                                file.databaseUrl().schema()));
    }

    private static void knownFunctions(String where, Map<String, FunctionSettings> functions) {
        for (String name : functions == null ? Set.<String>of() : functions.keySet()) {
            if (!Names.isKey(name)) {
                throw BudgetException.configuration(
                        where + ": functions key " + Names.quoted(name) + " must be " + Names.KEY_RULE);
            }
            if (Endpoint.forFunction(name).isEmpty()) {
                throw BudgetException.configuration(
                        where + ": functions." + name + " is not one of the application's functions ("
                                + String.join(", ", Endpoint.functionNames()) + ")");
            }
        }
    }

    private static FunctionSettings settings(Map<String, FunctionSettings> functions, Endpoint endpoint) {
        return functions == null ? FunctionSettings.NONE : orNone(functions.get(endpoint.functionName()));
    }

    private static FunctionSettings orNone(FunctionSettings settings) {
        return settings == null ? FunctionSettings.NONE : settings;
    }

    /**
     * One function's settings, most specific first: the first layer that sets a key wins; a number no
     * layer sets is the application's default ({@link FunctionSetting}).
     */
    private record Layers(String where, Endpoint endpoint, List<FunctionSettings> layers) {

        FunctionBudget resolve() {
            Map<FunctionSetting, Integer> numbers = new EnumMap<>(FunctionSetting.class);
            for (FunctionSetting setting : FunctionSetting.values()) {
                Integer value = optional(layer -> layer.value(setting));
                if (value == null) {
                    value = setting.defaultValue();
                }
                if (value != null) {
                    numbers.put(setting, value);
                }
            }
            ConfigSchema.ManagedInstances managed = optional(FunctionSettings::lambdaManagedInstances);
            return new FunctionBudget(
                    endpoint,
                    Collections.unmodifiableMap(numbers),
                    required("deploymentType", FunctionSettings::deploymentType),
                    managed == null ? null : managed.perExecutionEnvironmentMaxConcurrency());
        }

        private <T> T optional(Function<FunctionSettings, T> key) {
            return layers.stream().map(key).filter(Objects::nonNull).findFirst().orElse(null);
        }

        private <T> T required(String name, Function<FunctionSettings, T> key) {
            T value = optional(key);
            if (value == null) {
                throw BudgetException.configuration(where + ": functions." + endpoint.functionName() + "." + name
                        + " is missing (set it for the function or under defaults, here or in " + DIRECTORY + "/"
                        + SHARED + ")");
            }
            return value;
        }
    }
}
