package com.taskdesk.budget.config;

import java.util.List;

/**
 * One stage of config/, resolved: its database, what it deploys, and its seven functions'
 * budgets (config/functions.yaml and the stage's file merged), in {@link Endpoint} order.
 *
 * @param network             null: the functions run outside any VPC
 * @param domain              null: the API answers on its execute-api address only
 * @param alarmNotifications  null: the alarms notify no one (they still roll deploys back)
 * @param permissionsBoundary null: the stack's roles get no permissions boundary
 * @param confirmChangeset    sam deploy shows the change set and waits for a yes
 * @param frontDoor           null: the app's host hands no route to the API (no rules rendered)
 */
public record StageConfig(
        String name,
        DatabaseLimits database,
        String region,
        List<String> corsOrigins,
        String todayTimeZone,
        int metricsCacheSeconds,
        ConfigSchema.Network network,
        ConfigSchema.Domain domain,
        ConfigSchema.AlarmNotifications alarmNotifications,
        String permissionsBoundary,
        boolean confirmChangeset,
        FrontDoor frontDoor,
        List<FunctionBudget> functions) {

    public FunctionBudget function(String functionName) {
        return functions.stream()
                .filter(function -> function.name().equals(functionName))
                .findFirst()
                .orElseThrow();
    }

    /** The same stage on another database (the game day puts prod's behind PgBouncer). */
    public StageConfig withDatabase(DatabaseLimits other) {
        return new StageConfig(
                name,
                other,
                region,
                corsOrigins,
                todayTimeZone,
                metricsCacheSeconds,
                network,
                domain,
                alarmNotifications,
                permissionsBoundary,
                confirmChangeset,
                frontDoor,
                functions);
    }

    /** The database role a function of this stage connects as (DB_USER): taskdesk_prod_agent_progress. */
    public String roleName(String function) {
        return "taskdesk_" + name + "_" + function.replace('-', '_');
    }

    /** The Secrets Manager name of one of the stage's secrets: taskdesk/prod/database-url. */
    public String secretId(String secret) {
        return "taskdesk/" + name + "/" + secret;
    }

    /**
     * The Secrets Manager name of a function's own DATABASE_URL, with its role and the password only
     * that role has: taskdesk/prod/database-url/agents. A leaked one opens that role's share alone.
     */
    public String databaseUrlSecretId(String function) {
        return secretId("database-url/" + function);
    }

    /** config/prod.yaml */
    public String fileName() {
        return ConfigFiles.DIRECTORY + "/" + name + ".yaml";
    }

    /** Whether a function of this stage runs on Lambda Managed Instances (the stack then has a capacity provider). */
    public boolean managedInstances() {
        return functions.stream().anyMatch(FunctionBudget::onManagedInstances);
    }

    /** Concurrency this stage reserves in its AWS account (every function's reserved concurrency). */
    public int reservedConcurrency() {
        return functions.stream()
                .filter(f -> f.maxInstances() != null)
                .mapToInt(FunctionBudget::reservedConcurrency)
                .sum();
    }
}
