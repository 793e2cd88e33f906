package com.taskdesk.bench.sweep;

import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of one stage that the sweep needs, as the budget tool reads config/ (its layers and
 * the setting table's defaults): the database's limits and each function's maxInstances,
 * connectionLimit and pool timeout.
 */
record StageBudget(
        String stage,
        int maxConnections,
        int reservedConnections,
        int superuserReservedConnections,
        Map<String, Function> functions) {

    record Function(int maxInstances, int connectionLimit, int poolTimeoutSeconds) {}

    static StageBudget read(Path config, String stage) {
        StageConfig stageConfig =
                ConfigFiles.load(config.toAbsolutePath().getParent()).stage(stage);
        DatabaseLimits database = stageConfig.database();
        Map<String, Function> functions = new LinkedHashMap<>();
        for (FunctionBudget function : stageConfig.functions()) {
            if (function.maxInstances() == null) {
                throw new IllegalArgumentException(
                        "config/" + stage + ".yaml: function " + function.name() + " has no maxInstances to sweep to");
            }
            functions.put(
                    function.name(),
                    new Function(function.maxInstances(), function.connectionLimit(), function.poolTimeoutSeconds()));
        }
        return new StageBudget(
                stage,
                database.maxConnections(),
                database.reservedConnections(),
                database.superuserReserved(),
                functions);
    }

    /** Connections the functions may hold: what the database allows minus its reserve. */
    int roomForFunctions() {
        return maxConnections - reservedConnections;
    }
}
