package com.taskdesk.db;

import com.taskdesk.config.DeskConfig;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This instance's pool: its configured budget, what it holds right now, and what it went through
 * since the instance started ({@code maxUsed}: the most connections ever out at once;
 * {@code acquisitionTimeouts}: requests that found no free connection within the pool timeout;
 * {@code invalidated}: connections found dead by validation and dropped instead of being handed out).
 * Agroal counts from the start: com.taskdesk.db.PoolCheckpoint turns its metrics on.
 */
public record PoolFigures(
        int maxSize,
        long poolTimeoutSeconds,
        int statementTimeoutSeconds,
        long active,
        long idle,
        long awaiting,
        long maxUsed,
        long acquisitionTimeouts,
        long created,
        long destroyed,
        long invalidated) {

    @ApplicationScoped
    public static class Source {

        private final AgroalDataSource dataSource;
        private final Database database;
        private final int statementTimeoutSeconds;

        Source(AgroalDataSource dataSource, Database database, DeskConfig config) {
            this.dataSource = dataSource;
            this.database = database;
            this.statementTimeoutSeconds = config.db().statementTimeoutSeconds();
        }

        public PoolFigures now() {
            AgroalConnectionPoolConfiguration pool =
                    dataSource.getConfiguration().connectionPoolConfiguration();
            AgroalDataSourceMetrics metrics = dataSource.getMetrics();
            return new PoolFigures(
                    pool.maxSize(),
                    pool.acquisitionTimeout().toSeconds(),
                    statementTimeoutSeconds,
                    metrics.activeCount(),
                    metrics.availableCount(),
                    metrics.awaitingCount(),
                    Math.max(0, metrics.maxUsedCount()), // Agroal says Long.MIN_VALUE until first use
                    database.acquisitionTimeouts(),
                    metrics.creationCount(),
                    metrics.destroyCount(),
                    metrics.invalidCount());
        }
    }
}
