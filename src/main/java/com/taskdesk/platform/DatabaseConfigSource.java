package com.taskdesk.platform;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.LaunchMode;

/**
 * Turns the function's environment (DATABASE_URL and the DB_* budget variables) into the
 * Quarkus datasource settings, at run time only. Ordinal 275: above application.properties,
 * below environment variables, so an explicit QUARKUS_DATASOURCE_* variable still wins.
 * Tests ignore the environment, so a developer's DATABASE_URL never receives test fixtures.
 */
public class DatabaseConfigSource implements ConfigSource {

    private final Map<String, String> properties;

    public DatabaseConfigSource() {
        this(QuarkusBuild.isPackaging() ? null
                : LaunchMode.current() == LaunchMode.TEST ? Map.of() : System.getenv());
    }

    DatabaseConfigSource(Map<String, String> env) {
        this.properties = env == null ? Map.of() : resolve(env);
    }

    private static Map<String, String> resolve(Map<String, String> env) {
        try {
            return DatabaseSettings.resolve(env).quarkusProperties();
        } catch (InvalidSettingException e) {
            throw StartupFailure.stop(e);
        }
    }

    @Override
    public int getOrdinal() {
        return 275;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "DATABASE_URL and DB_* environment";
    }
}
