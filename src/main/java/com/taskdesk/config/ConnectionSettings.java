package com.taskdesk.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection budget one function runs with, read from its environment once, at start: the
 * Prisma-style {@code DATABASE_URL} and the per-function variables the deployment sets from config/
 * ({@link FunctionSetting}'s, which win over the URL's parameters; what neither gives is the table's
 * default). Each value remembers where it came from, for the start-up log line. A URL stored in
 * Secrets Manager, read per connection, replaces the URL alone ({@link #withDatabaseUrl}).
 *
 * @param role   DB_USER, the function's own database role (from the budget tool's roles SQL), which
 *               wins over the URL's user; null: the URL's
 * @param values every setting of the table a function reads from its environment
 */
public record ConnectionSettings(
        DatabaseUrl url,
        String functionName,
        String role,
        Map<FunctionSetting, Setting> values,
        Setting socketTimeoutSeconds,
        String sslMode,
        String schema,
        boolean pgbouncer,
        List<String> ignoredParameters) {

    public static final String DATABASE_URL = "DATABASE_URL";
    /** The function's own database role (from the budget tool's roles SQL); wins over the URL's user. */
    public static final String USER = "DB_USER";

    public static final String FUNCTION_NAME = "TASKDESK_FUNCTION_NAME";

    public static final String DEFAULT_FUNCTION_NAME = "local";

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** The Prisma URL's names for the settings it may carry. */
    private static final Map<FunctionSetting, String> URL_PARAMETERS = Map.of(
            FunctionSetting.CONNECTION_LIMIT, "connection_limit",
            FunctionSetting.POOL_TIMEOUT, "pool_timeout",
            FunctionSetting.CONNECT_TIMEOUT, "connect_timeout");

    private static final Set<String> KNOWN_PARAMETERS = Set.of(
            "connection_limit", "pool_timeout", "connect_timeout", "socket_timeout", "sslmode", "schema", "pgbouncer");

    /** A value and where it came from: an environment variable, a URL parameter, or the default. */
    public record Setting(int value, String source) {

        @Override
        public String toString() {
            return value + " (" + source + ")";
        }
    }

    public static ConnectionSettings resolve(Map<String, String> env) {
        Map<FunctionSetting, Setting> given = new EnumMap<>(FunctionSetting.class);
        for (FunctionSetting setting : FunctionSetting.inEnvironment()) {
            String text = env.get(setting.variable());
            if (text != null && !text.isBlank()) {
                given.put(setting, new Setting(setting.parse(setting.variable(), text), setting.variable()));
            }
        }
        String user = env.get(USER);
        String rawUrl = env.get(DATABASE_URL);
        return new ConnectionSettings(
                        null,
                        env.getOrDefault(FUNCTION_NAME, DEFAULT_FUNCTION_NAME),
                        user == null || user.isBlank() ? null : user,
                        given,
                        null,
                        null,
                        null,
                        false,
                        List.of())
                .withDatabaseUrl(rawUrl == null || rawUrl.isBlank() ? null : DatabaseUrl.parse(rawUrl));
    }

    /**
     * These settings with another DATABASE_URL (one stored in Secrets Manager, read per connection):
     * its parameters count where no variable set the value; the environment is not read again.
     */
    public ConnectionSettings withDatabaseUrl(DatabaseUrl url) {
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
        Map<FunctionSetting, Setting> resolved = new EnumMap<>(FunctionSetting.class);
        for (FunctionSetting setting : FunctionSetting.inEnvironment()) {
            Setting given = values.get(setting);
            String parameter = URL_PARAMETERS.get(setting);
            if (given != null && given.source().equals(setting.variable())) {
                resolved.put(setting, given);
            } else if (parameter != null && parameters.containsKey(parameter)) {
                String source = "DATABASE_URL " + parameter;
                resolved.put(setting, new Setting(setting.parse(source, parameters.get(parameter)), source));
            } else {
                resolved.put(setting, new Setting(setting.defaultValue(), "default"));
            }
        }
        return new ConnectionSettings(
                url,
                functionName,
                role,
                Collections.unmodifiableMap(resolved),
                socketTimeout(
                        resolved.get(FunctionSetting.STATEMENT_TIMEOUT),
                        resolved.get(FunctionSetting.TIMEOUT_MARGIN),
                        parameters.get("socket_timeout")),
                sslMode,
                schema,
                pgbouncer.equals("true"),
                List.copyOf(ignored));
    }

    public Setting connectionLimit() {
        return values.get(FunctionSetting.CONNECTION_LIMIT);
    }

    public Setting poolTimeoutSeconds() {
        return values.get(FunctionSetting.POOL_TIMEOUT);
    }

    public Setting connectTimeoutSeconds() {
        return values.get(FunctionSetting.CONNECT_TIMEOUT);
    }

    public Setting statementTimeoutSeconds() {
        return values.get(FunctionSetting.STATEMENT_TIMEOUT);
    }

    public Setting timeoutMarginSeconds() {
        return values.get(FunctionSetting.TIMEOUT_MARGIN);
    }

    /**
     * Always set, so a dead network ends a request instead of hanging it: the statement timeout is
     * a cancel request, which cannot cross a network that stopped forwarding. The URL's
     * socket_timeout may lower it, never remove or raise it.
     */
    private static Setting socketTimeout(Setting statementTimeout, Setting margin, String fromUrl) {
        int ceiling = statementTimeout.value() + margin.value();
        String derived = "statement timeout + " + FunctionSetting.TIMEOUT_MARGIN.variable() + " " + margin.value();
        if (fromUrl == null) {
            return new Setting(ceiling, derived);
        }
        int requested = positive(fromUrl, "DATABASE_URL socket_timeout");
        return requested <= ceiling
                ? new Setting(requested, "DATABASE_URL socket_timeout")
                : new Setting(ceiling, derived + "; DATABASE_URL socket_timeout " + requested + " is longer");
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
        properties.put(
                "quarkus.datasource.jdbc.max-size",
                Integer.toString(connectionLimit().value()));
        properties.put(
                "quarkus.datasource.jdbc.acquisition-timeout",
                poolTimeoutSeconds().value() + "S");
        values.forEach((setting, value) -> {
            if (setting.property() != null) {
                properties.put(setting.property(), Integer.toString(value.value()));
            }
        });
        String jdbc = JDBC_PROPERTY;
        properties.put(jdbc + "ApplicationName", functionName);
        properties.put(
                jdbc + "connectTimeout",
                Integer.toString(connectTimeoutSeconds().value()));
        properties.put(
                jdbc + "loginTimeout", Integer.toString(connectTimeoutSeconds().value()));
        properties.put(jdbc + "tcpKeepAlive", "true");
        properties.put(jdbc + "socketTimeout", Integer.toString(socketTimeoutSeconds.value()));
        // The statement timeout's cancel request opens a connection of its own; on a dead network
        // it would hold the request for the driver's default 10 s after the read timed out.
        properties.put(
                jdbc + "cancelSignalTimeout",
                Integer.toString(timeoutMarginSeconds().value()));
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
            if (user() != null) {
                properties.put("user", user());
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
        Map<FunctionSetting, Setting> effective = new EnumMap<>(values);
        effective.put(FunctionSetting.CONNECTION_LIMIT, effective(connectionLimit(), maxSize));
        effective.put(FunctionSetting.POOL_TIMEOUT, effective(poolTimeoutSeconds(), poolTimeout));
        effective.put(FunctionSetting.STATEMENT_TIMEOUT, effective(statementTimeoutSeconds(), statementTimeout));
        return new ConnectionSettings(
                url,
                function,
                role,
                Collections.unmodifiableMap(effective),
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
                                + (user() == null ? "(unset)" : user()));
    }

    /** Who the function connects as: its own role (DB_USER), else the URL's user. */
    private String user() {
        return role != null ? role : url.user();
    }

    /** The start-up log line with the database described by {@code database} (a secret read later, say). */
    public String describe(String database) {
        return "connection budget: function=" + functionName
                + " " + database
                + " connectionLimit=" + connectionLimit()
                + " poolTimeoutSeconds=" + poolTimeoutSeconds()
                + " connectTimeoutSeconds=" + connectTimeoutSeconds()
                + " statementTimeoutSeconds=" + statementTimeoutSeconds()
                + " socketTimeoutSeconds=" + socketTimeoutSeconds
                + (sslMode == null ? "" : " sslmode=" + sslMode)
                + (schema == null ? "" : " schema=" + schema)
                + " pgbouncer=" + pgbouncer
                + (ignoredParameters.isEmpty() ? "" : " ignoredUrlParameters=" + ignoredParameters);
    }
}
