package com.taskdesk.platform;

import java.util.Map;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns the function's environment (DATABASE_URL and the DB_* budget variables) into the
 * Quarkus datasource settings, at run time only. Ordinal 275: above application.properties,
 * below environment variables, so an explicit QUARKUS_DATASOURCE_* variable still wins.
 * Tests ignore the environment, so a developer's DATABASE_URL never receives test fixtures.
 */
public class DatabaseConfigSource extends MapBackedConfigSource {

    public DatabaseConfigSource() {
        this(QuarkusBuild.isPackaging() ? null : LaunchMode.current() == LaunchMode.TEST ? Map.of() : System.getenv());
    }

    DatabaseConfigSource(Map<String, String> env) {
        super("DATABASE_URL and DB_* environment", env == null ? Map.of() : resolve(env), 275);
    }

    private static Map<String, String> resolve(Map<String, String> env) {
        try {
            return DatabaseSettings.resolve(env).quarkusProperties();
        } catch (InvalidSettingException e) {
            throw StartupFailure.stop(e);
        }
    }
}
