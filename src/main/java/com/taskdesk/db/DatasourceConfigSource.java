package com.taskdesk.db;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.secrets.FunctionSecrets;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the function's environment (the DB_* budget variables and DATABASE_URL's pool
 * parameters) into the Quarkus datasource settings. Ordinal 275: above
 * application.properties, below environment variables, so an explicit QUARKUS_DATASOURCE_*
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

    public DatasourceConfigSource() {
        super("DATABASE_URL and DB_* environment", properties(Environment.ofThisProcess()), 275);
    }

    static Map<String, String> properties(Environment environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            properties.putAll(
                    ConnectionSettings.resolve(environment.variables()).quarkusProperties());
        } catch (InvalidSettingException e) {
            // reported at start, with the setting's name, by PoolStartupLog
        }
        if (environment.value(FunctionSecrets.DATABASE_URL) != null
                || environment.value(FunctionSecrets.DATABASE_URL_SECRET_ID) != null) {
            properties.put("quarkus.datasource.jdbc.url", URL_FROM_CONNECTION_PROPERTIES);
        }
        return properties;
    }
}
