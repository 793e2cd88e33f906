package com.taskdesk.platform;

import java.util.Map;

import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns the function's environment (DATABASE_URL and the DB_* budget variables) into the
 * Quarkus datasource settings, at run time only. Ordinal 275: above application.properties,
 * below environment variables, so an explicit QUARKUS_DATASOURCE_* variable still wins.
 * Tests ignore the environment ({@link DatabaseSettings#fromEnvironment()}).
 */
public class DatabaseConfigSource extends MapBackedConfigSource {

    public DatabaseConfigSource() {
        super("DATABASE_URL and DB_* environment", QuarkusBuild.isPackaging() ? Map.of() : properties(), 275);
    }

    private static Map<String, String> properties() {
        try {
            return DatabaseSettings.fromEnvironment().quarkusProperties();
        } catch (InvalidSettingException e) {
            throw StartupFailure.stop(e);
        }
    }
}
