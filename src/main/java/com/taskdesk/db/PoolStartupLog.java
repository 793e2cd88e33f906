package com.taskdesk.db;

import com.taskdesk.config.DeskConfig;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * At start, one line with the budget this function actually runs with and where each
 * number came from, so a platform engineer can read it off the function's first log
 * lines. Touches no connection. Never the password.
 */
@Singleton
public class PoolStartupLog {

    private static final Logger LOG = Logger.getLogger(PoolStartupLog.class);

    void log(@Observes StartupEvent start, AgroalDataSource dataSource, DeskConfig config) {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment();
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        LOG.info(settings.withEffective(config.functionName(), pool.maxSize(),
                (int) pool.acquisitionTimeout().toSeconds(), config.db().statementTimeoutSeconds()).describe());
        settings.ignoredParameters().forEach(name -> LOG.warnf(
                "DATABASE_URL parameter '%s' is not used by these functions and was ignored", name));
    }
}
