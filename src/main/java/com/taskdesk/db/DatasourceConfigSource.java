package com.taskdesk.db;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.secrets.FunctionSecrets;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.common.MapBackedConfigSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the function's environment once, at start ({@link ConnectionSettings}: DATABASE_URL and the
 * variables of config/'s function settings), and turns it into the Quarkus datasource settings and
 * the functions' own properties of those settings (FunctionSetting#property). Quarkus
 * needs them before any bean exists, so this is where the reading happens; the beans take the same
 * settings from here ({@link #settings()}) instead of reading the environment again. Ordinal 275:
 * above application.properties, below environment variables, so an explicit QUARKUS_DATASOURCE_*
 * variable still wins. Tests ignore the environment ({@link Environment#ofThisProcess()}).
 *
 * <p>Quarkus also asks configuration sources while it builds, and keeps their values in the
 * jar as defaults. So this source gives no part of the URL but the fact that there is one
 * (the host, database, user and password reach pgjdbc per connection, through
 * {@link DatabaseCredentials}), and never fails: a bad setting stops the function at start
 * ({@link PoolStartupLog}), not the build.
 */
public class DatasourceConfigSource extends MapBackedConfigSource {

    /** A URL without host or database: pgjdbc takes them from each connection's properties. */
    public static final String URL_FROM_CONNECTION_PROPERTIES = "jdbc:postgresql://";

    private static final String NAME = "DATABASE_URL and DB_* environment";

    private final Reading reading;

    public DatasourceConfigSource() {
        this(Reading.of(Environment.ofThisProcess()));
    }

    private DatasourceConfigSource(Reading reading) {
        super(NAME, reading.properties(), 275);
        this.reading = reading;
    }

    /** What the environment said at start; a setting the function cannot run with, named. */
    public ConnectionSettings settings() {
        if (reading.failure() != null) {
            throw reading.failure();
        }
        return reading.settings();
    }

    /** The source this function's configuration was built with. */
    static DatasourceConfigSource of(Config config) {
        for (Object source : config.unwrap(SmallRyeConfig.class).getConfigSources(DatasourceConfigSource.class)) {
            return (DatasourceConfigSource) source;
        }
        throw new IllegalStateException(NAME + " is not among the configuration's sources");
    }

    /** The environment once read: the settings, or why the function cannot run with them. */
    private record Reading(
            ConnectionSettings settings, InvalidSettingException failure, Map<String, String> properties) {

        static Reading of(Environment environment) {
            ConnectionSettings settings = null;
            InvalidSettingException failure = null;
            try {
                settings = ConnectionSettings.resolve(environment.variables());
            } catch (InvalidSettingException e) {
                failure = e; // reported at start, with the setting's name, by PoolStartupLog
            }
            // With a bad setting, the defaults: the configuration stays whole until PoolStartupLog stops the function.
            Map<String, String> properties = new LinkedHashMap<>(
                    (settings == null ? ConnectionSettings.resolve(Map.of()) : settings).quarkusProperties());
            if (environment.value(FunctionSecrets.DATABASE_URL) != null
                    || environment.value(FunctionSecrets.DATABASE_URL_SECRET_ID) != null) {
                properties.put("quarkus.datasource.jdbc.url", URL_FROM_CONNECTION_PROPERTIES);
            }
            return new Reading(settings, failure, properties);
        }
    }

    /** The settings read at start, for the beans that need them (DatabaseCredentials). */
    @Singleton
    static class Producer {

        @Produces
        @Singleton
        ConnectionSettings connectionSettings(Config config) {
            return of(config).settings();
        }
    }
}
