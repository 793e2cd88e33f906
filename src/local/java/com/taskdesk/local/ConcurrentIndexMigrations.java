package com.taskdesk.local;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * The index migration (V2) uses CREATE INDEX CONCURRENTLY, which waits for every open
 * transaction, including the one in which Flyway would hold its migration lock: without
 * this, the migration waits for itself forever.
 */
@Singleton
public class ConcurrentIndexMigrations implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration
                .getPluginRegister()
                .getExact(PostgreSQLConfigurationExtension.class)
                .setTransactionalLock(false);
    }
}
