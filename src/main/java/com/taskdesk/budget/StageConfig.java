package com.taskdesk.budget;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One file of config/: a stage, its database, the defaults its functions share, and its
 * functions' budgets (in file order, defaults applied).
 */
public record StageConfig(String stage, Path file, DatabaseLimits database, Map<String, Integer> defaults,
                          List<FunctionBudget> functions) {

    public Optional<FunctionBudget> function(String name) {
        return functions.stream().filter(function -> function.name().equals(name)).findFirst();
    }

    /** The database role a function of this stage connects as (DB_USER): taskdesk_prod_agent_progress. */
    public String roleName(String function) {
        return "taskdesk_" + stage + "_" + function.replace('-', '_');
    }

    /** config/prod.yaml, relative to the project. */
    public String fileName() {
        return "config/" + file.getFileName();
    }
}
