package com.taskdesk.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection budget one function runs with, resolved from its environment: the
 * Prisma-style {@code DATABASE_URL} and the per-function {@code DB_*} variables the
 * deployment sets from config/ (which win over the URL's parameters). Each value
 * remembers where it came from, for the start-up log line.
 */
public record ConnectionSettings(
        DatabaseUrl url,
        String functionName,
        Setting connectionLimit,
        Setting poolTimeoutSeconds,
        Setting connectTimeoutSeconds,
        Setting statementTimeoutSeconds,
        Setting timeoutMarginSeconds,
        Setting socketTimeoutSeconds,
        String sslMode,
        String schema,
        boolean pgbouncer,
        List<String> ignoredParameters) {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String CONNECTION_LIMIT = "DB_CONNECTION_LIMIT";
    public static final String POOL_TIMEOUT = "DB_POOL_TIMEOUT_SECONDS";
    public static final String CONNECT_TIMEOUT = "DB_CONNECT_TIMEOUT_SECONDS";
    public static final String STATEMENT_TIMEOUT = "DB_STATEMENT_TIMEOUT_SECONDS";
    /** What a request needs beyond its statement; the socket read timeout is statement timeout + this. */
    public static final String TIMEOUT_MARGIN = "DB_TIMEOUT_MARGIN_SECONDS";
    /** The function's own database role (from the budget tool's roles SQL); wins over the URL's user. */
    public static final String USER = "DB_USER";

    public static final String FUNCTION_NAME = "TASKDESK_FUNCTION_NAME";

    /** Without any setting: one connection (an instance serves one request at a time). */
    public static final int DEFAULT_CONNECTION_LIMIT = 1;

    public static final int DEFAULT_POOL_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_STATEMENT_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_TIMEOUT_MARGIN_SECONDS = 3;
    public static final String DEFAULT_FUNCTION_NAME = "local";

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> KNOWN_PARAMETERS = Set.of(
            "connection_limit", "pool_timeout", "connect_timeout", "socket_timeout", "sslmode", "schema", "pgbouncer");

    /** A value and where it came from: an environment variable, a URL parameter, or the default. */
    public record Setting(int value, String source) {

        @Override
        public String toString() {
            return value + " (" + source + ")";
        }
    }

    /**
     * The settings of this process. Tests ignore the environment, so a developer's
     * DATABASE_URL never receives test fixtures.
     */
    public static ConnectionSettings fromEnvironment() {
        return resolve(Environment.ofThisProcess().variables());
    }

    public static ConnectionSettings resolve(Map<String, String> env) {
        String rawUrl = env.get(DATABASE_URL);
        DatabaseUrl url = rawUrl == null || rawUrl.isBlank() ? null : DatabaseUrl.parse(rawUrl);
        String user = env.get(USER);
        if (url != null && user != null && !user.isBlank()) {
            url = new DatabaseUrl(url.host(), url.port(), url.database(), user, url.password(), url.parameters());
        }
        Map<String, String> parameters = url == null ? Map.of() : url.parameters();

        List<String> ignored = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (!KNOWN_PARAMETERS.contains(name)) {
                ignored.add(name);
            }
        }
        String sslMode = parameters.get("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new InvalidSettingException("DATABASE_URL sslmode must be one of "
                    + String.join(", ", List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"))
                    + "; got '" + DatabaseUrl.safe(sslMode) + "'");
        }
        String pgbouncer = parameters.getOrDefault("pgbouncer", "false");
        if (!pgbouncer.equals("true") && !pgbouncer.equals("false")) {
            throw new InvalidSettingException(
                    "DATABASE_URL pgbouncer must be true or false; got '" + DatabaseUrl.safe(pgbouncer) + "'");
        }
        String schema = parameters.get("schema");
        if (schema != null && schema.isBlank()) {
            throw new InvalidSettingException("DATABASE_URL schema is empty");
        }
        String functionName = env.getOrDefault(FUNCTION_NAME, DEFAULT_FUNCTION_NAME);
        Setting statementTimeout = setting(env, STATEMENT_TIMEOUT, Map.of(), null, DEFAULT_STATEMENT_TIMEOUT_SECONDS);
        Setting margin = setting(env, TIMEOUT_MARGIN, Map.of(), null, DEFAULT_TIMEOUT_MARGIN_SECONDS);

        return new ConnectionSettings(
                url,
                functionName,
                setting(env, CONNECTION_LIMIT, parameters, "connection_limit", DEFAULT_CONNECTION_LIMIT),
                setting(env, POOL_TIMEOUT, parameters, "pool_timeout", DEFAULT_POOL_TIMEOUT_SECONDS),
                setting(env, CONNECT_TIMEOUT, parameters, "connect_timeout", DEFAULT_CONNECT_TIMEOUT_SECONDS),
                statementTimeout,
                margin,
                socketTimeout(statementTimeout, margin, parameters.get("socket_timeout")),
                sslMode,
                schema,
                pgbouncer.equals("true"),
                List.copyOf(ignored));
    }

    /**
     * Always set, so a dead network ends a request instead of hanging it: the statement timeout is
     * a cancel request, which cannot cross a network that stopped forwarding. The URL's
     * socket_timeout may lower it, never remove or raise it.
     */
    private static Setting socketTimeout(Setting statementTimeout, Setting margin, String fromUrl) {
        int ceiling = statementTimeout.value() + margin.value();
        String derived = "statement timeout + " + TIMEOUT_MARGIN + " " + margin.value();
        if (fromUrl == null) {
            return new Setting(ceiling, derived);
        }
        int requested = positive(fromUrl, "DATABASE_URL socket_timeout");
        return requested <= ceiling
                ? new Setting(requested, "DATABASE_URL socket_timeout")
                : new Setting(ceiling, derived + "; DATABASE_URL socket_timeout " + requested + " is longer");
    }

    private static Setting setting(
            Map<String, String> env,
            String variable,
            Map<String, String> parameters,
            String parameter,
            int defaultValue) {
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Setting(positive(fromEnv, variable), variable);
        }
        if (parameter != null && parameters.containsKey(parameter)) {
            String source = "DATABASE_URL " + parameter;
            return new Setting(positive(parameters.get(parameter), source), source);
        }
        return new Setting(defaultValue, "default");
    }

    private static int positive(String text, String name) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(
                name + " must be a whole number of at least 1; got '" + DatabaseUrl.safe(text) + "'");
    }

    /**
     * The Quarkus datasource and pgjdbc properties these settings stand for, without the
     * URL's host, database, user and password: those reach pgjdbc with each new connection
     * ({@link #connectionProperties()}), never through configuration.
     */
    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.max-size", Integer.toString(connectionLimit.value()));
        properties.put("quarkus.datasource.jdbc.acquisition-timeout", poolTimeoutSeconds.value() + "S");
        properties.put("taskdesk.db.statement-timeout-seconds", Integer.toString(statementTimeoutSeconds.value()));
        String jdbc = JDBC_PROPERTY;
        properties.put(jdbc + "ApplicationName", functionName);
        properties.put(jdbc + "connectTimeout", Integer.toString(connectTimeoutSeconds.value()));
        properties.put(jdbc + "loginTimeout", Integer.toString(connectTimeoutSeconds.value()));
        properties.put(jdbc + "tcpKeepAlive", "true");
        properties.put(jdbc + "socketTimeout", Integer.toString(socketTimeoutSeconds.value()));
        // The statement timeout's cancel request opens a connection of its own; on a dead network
        // it would hold the request for the driver's default 10 s after the read timed out.
        properties.put(jdbc + "cancelSignalTimeout", Integer.toString(timeoutMarginSeconds.value()));
        if (sslMode != null) {
            properties.put(jdbc + "sslmode", sslMode);
        }
        if (schema != null) {
            properties.put(jdbc + "currentSchema", schema);
        }
        if (pgbouncer) {
            // PgBouncer in transaction mode cannot keep server-side prepared statements.
            properties.put(jdbc + "prepareThreshold", "0");
        }
        return properties;
    }

    private static final String JDBC_PROPERTY = "quarkus.datasource.jdbc.additional-jdbc-properties.";

    /**
     * The pgjdbc properties of one new connection (see DatabaseCredentials): where to connect
     * and as whom, plus the same connection settings as {@link #quarkusProperties()}, so the
     * URL's parameters apply even when the URL is only read when connecting. The pool's URL
     * names no host ({@code jdbc:postgresql://}), so pgjdbc takes these.
     */
    public Map<String, String> connectionProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        quarkusProperties().forEach((name, value) -> {
            if (name.startsWith(JDBC_PROPERTY)) {
                properties.put(name.substring(JDBC_PROPERTY.length()), value);
            }
        });
        if (url != null) {
            properties.put("PGHOST", url.host().contains(":") ? "[" + url.host() + "]" : url.host());
            properties.put("PGPORT", Integer.toString(url.port()));
            properties.put("PGDBNAME", url.database());
            if (url.user() != null) {
                properties.put("user", url.user());
            }
            if (url.password() != null) {
                properties.put("password", url.password());
            }
        }
        return properties;
    }

    /**
     * These settings with the values the running function really has: where something
     * else (a QUARKUS_DATASOURCE_* variable, say) overrode a value, the source says so.
     */
    public ConnectionSettings withEffective(String function, int maxSize, int poolTimeout, int statementTimeout) {
        return new ConnectionSettings(
                url,
                function,
                effective(connectionLimit, maxSize),
                effective(poolTimeoutSeconds, poolTimeout),
                connectTimeoutSeconds,
                effective(statementTimeoutSeconds, statementTimeout),
                timeoutMarginSeconds,
                socketTimeoutSeconds,
                sslMode,
                schema,
                pgbouncer,
                ignoredParameters);
    }

    private static Setting effective(Setting resolved, int actual) {
        return resolved.value() == actual ? resolved : new Setting(actual, "overridden by Quarkus configuration");
    }

    /** The start-up log line: every number and where it came from; never the password. */
    public String describe() {
        return describe(
                url == null
                        ? "database=(quarkus.datasource.jdbc.url) user=(unset)"
                        : "database=" + url.hostAndPort() + "/" + url.database() + " user="
                                + (url.user() == null ? "(unset)" : url.user()));
    }

    /** The start-up log line with the database described by {@code database} (a secret read later, say). */
    public String describe(String database) {
        return "connection budget: function=" + functionName
                + " " + database
                + " connectionLimit=" + connectionLimit
                + " poolTimeoutSeconds=" + poolTimeoutSeconds
                + " connectTimeoutSeconds=" + connectTimeoutSeconds
                + " statementTimeoutSeconds=" + statementTimeoutSeconds
                + " socketTimeoutSeconds=" + socketTimeoutSeconds
                + (sslMode == null ? "" : " sslmode=" + sslMode)
                + (schema == null ? "" : " schema=" + schema)
                + " pgbouncer=" + pgbouncer
                + (ignoredParameters.isEmpty() ? "" : " ignoredUrlParameters=" + ignoredParameters);
    }
}
