package com.taskdesk.health;

import com.taskdesk.snapstart.Priming;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * SnapStart "client priming" by the health check with the database: it goes the way a request's
 * statement goes (the secret read from Secrets Manager, a pgjdbc connection with its
 * authentication, the statement, the pool), so those classes are loaded and initialised in the
 * snapshot instead of in the first request after a restore. The connection it opens is closed,
 * and the secret it read forgotten, before the snapshot. It never fails the snapshot: a database
 * out of reach is one log line.
 */
@Singleton
public class HealthCheckPriming implements Priming {

    private static final Logger LOG = Logger.getLogger(HealthCheckPriming.class);

    private final HealthResource health;

    HealthCheckPriming(HealthResource health) {
        this.health = health;
    }

    /** Its own request context, as a request has (the request's figures are request-scoped). */
    @Override
    @ActivateRequestContext
    public void run() {
        long start = System.nanoTime();
        try {
            int status = health.health("database").getStatus();
            LOG.infof(
                    "SnapStart priming: GET /api/health?check=database answered %d in %d ms",
                    status, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("SnapStart priming did not complete (%s); the first request loads what it needs", e);
        }
    }
}
