package com.taskdesk.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every number config/ may set per function, each defined once: its key in config/, the environment
 * variable a deployed function reads it from (null: only the deploy files use it), its unit, the
 * values config/ and a function accept, and its default. The default holds wherever nothing says
 * otherwise: in every stage of config/ (whose files state only what differs), and in a function
 * started without the variable (a local run, the tests). The budget tool reads its schema, its
 * layers, the budget and each function's deploy environment off this table; a function reads its
 * environment through it once, at start (ConnectionSettings, and DeskConfig for a setting with a
 * configuration property).
 */
public enum FunctionSetting {
    /**
     * Instances (execution environments) at once: the function's reserved concurrency, or its
     * MaxExecutionEnvironments on Managed Instances. No default: config/ caps every function itself.
     */
    MAX_INSTANCES("maxInstances", null, null, "instances", 0, 10_000, null),
    /** Each instance's pool cap: one request at a time per instance, one statement per request. */
    CONNECTION_LIMIT("connectionLimit", "DB_CONNECTION_LIMIT", null, "connections", 1, 1000, 1),
    POOL_TIMEOUT("poolTimeoutSeconds", "DB_POOL_TIMEOUT_SECONDS", null, "s", 1, 900, 2),
    /** At most the pool timeout: the pool stops waiting for a new connection at its own timeout. */
    CONNECT_TIMEOUT("connectTimeoutSeconds", "DB_CONNECT_TIMEOUT_SECONDS", null, "s", 1, 900, 2),
    STATEMENT_TIMEOUT(
            "statementTimeoutSeconds",
            "DB_STATEMENT_TIMEOUT_SECONDS",
            "taskdesk.db.statement-timeout-seconds",
            "s",
            1,
            900,
            5),
    /**
     * What a request needs besides pool, connect and statement (validation on borrow, up to 2 s; JSON;
     * the answer); the socket read timeout is the statement timeout plus this margin.
     */
    TIMEOUT_MARGIN("timeoutMarginSeconds", "DB_TIMEOUT_MARGIN_SECONDS", null, "s", 1, 900, 3),
    FUNCTION_TIMEOUT("functionTimeoutSeconds", null, null, "s", 1, 900, 15),
    MEMORY("memoryMb", null, null, "MB", 128, 10_240, 1024),
    /** One warm request, end to end: the gateway throttles the route a little below what this allows. */
    TYPICAL_LATENCY("typicalLatencyMs", null, null, "ms", 1, 900_000, 200),
    /**
     * Rows one list answers at most (contract revision 3, section 2); a longer list is 200 with its
     * first rows and X-Result-Truncated.
     */
    MAX_ROWS("maxRows", "TASKDESK_RESULTS_MAX_ROWS", "taskdesk.results.max-rows", "rows", 1, 100_000, 1000);

    private final String key;
    private final String variable;
    private final String property;
    private final String unit;
    private final int min;
    private final int max;
    private final Integer defaultValue;

    FunctionSetting(String key, String variable, String property, String unit, int min, int max, Integer defaultValue) {
        this.key = key;
        this.variable = variable;
        this.property = property;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
    }

    /** Its key in config/: poolTimeoutSeconds. */
    public String key() {
        return key;
    }

    /** The environment variable a deployed function reads it from, or null: the deploy files use it. */
    public String variable() {
        return variable;
    }

    /**
     * The configuration property the function's code reads it as (DeskConfig), which
     * DatasourceConfigSource gives from the variable read at start; null: the pool's settings
     * (ConnectionSettings turns those into Quarkus' datasource settings) or the deploy files'.
     */
    public String property() {
        return property;
    }

    /** s, ms, MB, connections, ... */
    public String unit() {
        return unit;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** What holds where nothing sets it; null for maxInstances, which config/ must give. */
    public Integer defaultValue() {
        return defaultValue;
    }

    public boolean allows(int value) {
        return value >= min && value <= max;
    }

    /** "between 1 and 900" */
    public String range() {
        return "between " + min + " and " + max;
    }

    /**
     * Its value in text a function was given (by name: its variable, or a DATABASE_URL parameter that
     * stands for it); a whole number out of range or no number at all is an InvalidSettingException.
     */
    public int parse(String name, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (allows(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(
                name + " must be a whole number " + range() + "; got '" + DatabaseUrl.safe(text) + "'");
    }

    public static Optional<FunctionSetting> forKey(String key) {
        return Arrays.stream(values())
                .filter(setting -> setting.key.equals(key))
                .findFirst();
    }

    /** The settings a deployed function reads from its environment, in this table's order. */
    public static List<FunctionSetting> inEnvironment() {
        return Arrays.stream(values())
                .filter(setting -> setting.variable != null)
                .toList();
    }
}
