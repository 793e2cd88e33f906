package com.taskdesk.db;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.DeskConfig;
import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.config.StartupFailure;
import com.taskdesk.secrets.FunctionSecrets;
import com.taskdesk.secrets.Secret;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * At start, one line with the budget this function actually runs with and where each
 * number came from, so a platform engineer can read it off the function's first log
 * lines; or, for a setting it cannot run with, one line naming it, and the function stops.
 * Touches no connection and reads no secret; the settings are those DatasourceConfigSource read from
 * the environment at start. Never the password.
 */
@Singleton
public class PoolStartupLog {

    private static final Logger LOG = Logger.getLogger(PoolStartupLog.class);

    void log(
            @Observes @Priority(20) StartupEvent start,
            Environment environment,
            Config configuration,
            FunctionSecrets secrets,
            AgroalDataSource dataSource,
            DeskConfig config) {
        ConnectionSettings settings;
        try {
            settings = DatasourceConfigSource.of(configuration).settings();
            if (LaunchMode.current() == LaunchMode.NORMAL && environment.value("QUARKUS_DATASOURCE_JDBC_URL") == null) {
                Secret.checkGiven(
                        environment,
                        FunctionSecrets.DATABASE_URL,
                        FunctionSecrets.DATABASE_URL_SECRET_ID,
                        "give the function its database");
            }
        } catch (InvalidSettingException e) {
            throw StartupFailure.stop(e);
        }
        Secret databaseUrl = secrets.databaseUrl();
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        ConnectionSettings effective = settings.withEffective(
                config.functionName(),
                pool.maxSize(),
                (int) pool.acquisitionTimeout().toSeconds(),
                config.db().statementTimeoutSeconds());
        LOG.info(
                databaseUrl.inSecretsManager()
                        ? effective.describe("database=(" + databaseUrl.source() + ", read at the first connection)")
                        : effective.describe());
        settings.ignoredParameters()
                .forEach(name ->
                        LOG.warnf("DATABASE_URL parameter '%s' is not used by these functions and was ignored", name));
    }
}
