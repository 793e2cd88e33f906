package com.taskdesk.db;

import com.taskdesk.config.DeskConfig;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The pool's part of a SnapStart snapshot: before it, no connection may stay open (a
 * restored copy would share the socket with every other copy of the snapshot, and the
 * server may have closed it long ago); after the restore, the pool opens connections again
 * as requests need them. Agroal 3.0 and Quarkus have no such hook of their own.
 */
@Singleton
public class PoolCheckpoint {

    private static final Logger LOG = Logger.getLogger(PoolCheckpoint.class);
    /** How long closing the connections (on Agroal's housekeeping thread) may take. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final AgroalDataSource dataSource;
    private final ConnectionGate gate;
    private final Duration drain;

    PoolCheckpoint(AgroalDataSource dataSource, ConnectionGate gate, DeskConfig config) {
        this.dataSource = dataSource;
        this.gate = gate;
        // A statement already inside may wait for a connection, then run to its timeout.
        this.drain = dataSource
                .getConfiguration()
                .connectionPoolConfiguration()
                .acquisitionTimeout()
                .plusSeconds(config.db().statementTimeoutSeconds() + 1L);
    }

    /** Agroal counts nothing unless asked: the checkpoint (and /api/health) count from the start. */
    void countFromTheStart(@Observes StartupEvent start) {
        dataSource.getConfiguration().setMetricsEnabled(true);
    }

    /**
     * Stops new statements, lets those inside finish, closes every pooled connection and
     * waits until each is closed. A connection Agroal was still opening for a request that
     * gave up cannot join the pool later: Agroal cancels (interrupts) that attempt, and pgjdbc
     * closes a connection whose caller stopped waiting (StoredSecretsTest proves it).
     *
     * @throws IllegalStateException when a connection is still open: no snapshot may hold it
     */
    public void beforeCheckpoint() {
        if (!gate.close(drain)) {
            LOG.warnf(
                    "A statement was still running %d s into the SnapStart checkpoint: its connection is closed",
                    drain.toSeconds());
        }
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (open() > 0 && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        long open = open();
        if (open > 0) {
            throw new IllegalStateException(open + " pooled connection(s) still open " + CLOSE_WAIT.toSeconds()
                    + " s after closing them for the SnapStart snapshot");
        }
    }

    /** The restored copy gets no connection from the snapshot: statements may open new ones. */
    public void afterRestore() {
        gate.open();
    }

    private long open() {
        AgroalDataSourceMetrics metrics = dataSource.getMetrics();
        return metrics.creationCount() - metrics.destroyCount();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
