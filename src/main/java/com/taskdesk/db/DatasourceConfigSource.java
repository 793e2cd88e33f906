package com.taskdesk.db;

import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.config.StartupFailure;
import com.taskdesk.config.QuarkusBuild;

import java.util.Map;

import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns the function's environment (DATABASE_URL and the DB_* budget variables) into the
 * Quarkus datasource settings, at run time only. Ordinal 275: above application.properties,
 * below environment variables, so an explicit QUARKUS_DATASOURCE_* variable still wins.
 * Tests ignore the environment ({@link ConnectionSettings#fromEnvironment()}).
 */
public class DatasourceConfigSource extends MapBackedConfigSource {

    public DatasourceConfigSource() {
        super("DATABASE_URL and DB_* environment", QuarkusBuild.isPackaging() ? Map.of() : properties(), 275);
    }

    private static Map<String, String> properties() {
        try {
            return ConnectionSettings.fromEnvironment().quarkusProperties();
        } catch (InvalidSettingException e) {
            throw StartupFailure.stop(e);
        }
    }
}
