package com.taskdesk.budget;

/**
 * What a deploy file must say about a function for it to match config/, and how each file
 * spells it (template.yaml, serverless.yml).
 */
enum DeploySetting {
    FUNCTION_NAME("Environment TASKDESK_FUNCTION_NAME", "environment.TASKDESK_FUNCTION_NAME"),
    ROUTE("HttpApi event Method and Path", "events httpApi"),
    RESERVED_CONCURRENCY("ReservedConcurrentExecutions", "reservedConcurrency"),
    MANAGED_INSTANCES_CONCURRENCY(
            "CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency",
            "Lambda Managed Instances concurrency (Serverless Framework v3 cannot declare it)"),
    TIMEOUT("Timeout", "timeout"),
    MEMORY("MemorySize", "memorySize"),
    RUNTIME("Runtime", "runtime"),
    HANDLER("Handler", "handler"),
    ARTIFACT("CodeUri", "package.artifact"),
    CONNECTION_LIMIT("Environment DB_CONNECTION_LIMIT", "environment.DB_CONNECTION_LIMIT"),
    POOL_TIMEOUT("Environment DB_POOL_TIMEOUT_SECONDS", "environment.DB_POOL_TIMEOUT_SECONDS"),
    CONNECT_TIMEOUT("Environment DB_CONNECT_TIMEOUT_SECONDS", "environment.DB_CONNECT_TIMEOUT_SECONDS"),
    STATEMENT_TIMEOUT("Environment DB_STATEMENT_TIMEOUT_SECONDS", "environment.DB_STATEMENT_TIMEOUT_SECONDS"),
    DATABASE_USER("Environment DB_USER", "environment.DB_USER");

    private final String samName;
    private final String serverlessName;

    DeploySetting(String samName, String serverlessName) {
        this.samName = samName;
        this.serverlessName = serverlessName;
    }

    String samName() {
        return samName;
    }

    String serverlessName() {
        return serverlessName;
    }
}
