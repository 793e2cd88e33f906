package com.taskdesk.snapstart;

import com.taskdesk.db.PoolCheckpoint;
import com.taskdesk.secrets.FunctionSecrets;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

/**
 * The function's SnapStart runtime hooks, registered with CRaC's global context, which
 * Lambda's Java runtime calls before it takes the snapshot and after each restore. Quarkus
 * (quarkus.snapstart.*, on by default with the Lambda extension) already starts the whole
 * application during init and preloads its classes; this adds what it does not do:
 *
 * <ol>
 * <li>before the snapshot: prime the request path ({@link Priming}), then close every pooled
 * connection and let none be opened ({@link PoolCheckpoint}), then forget every secret and
 * the AWS client and read none until the restore ({@link FunctionSecrets#closeForSnapshot()});</li>
 * <li>after a restore: let statements open connections again; secrets are read again at
 * their first use.</li>
 * </ol>
 * One resource in a fixed order, rather than one per concern, because CRaC orders hooks by
 * registration, which CDI does not fix.
 */
@Startup
@Singleton
public class SnapStartHooks implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartHooks.class);

    private final Priming priming;
    private final PoolCheckpoint pool;
    private final FunctionSecrets secrets;
    /** CRaC cannot unregister: a stopped application (a test restart) leaves an inert hook. */
    private volatile boolean running;

    SnapStartHooks(Priming priming, PoolCheckpoint pool, FunctionSecrets secrets) {
        this.priming = priming;
        this.pool = pool;
        this.secrets = secrets;
    }

    @PostConstruct
    void register() {
        running = true;
        Core.getGlobalContext().register(this);
    }

    @PreDestroy
    void stop() {
        running = false;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        if (!running) {
            return;
        }
        priming.run();
        try {
            pool.beforeCheckpoint();
        } catch (RuntimeException e) {
            CheckpointException failure = new CheckpointException();
            failure.addSuppressed(e);
            throw failure;
        } finally {
            secrets.closeForSnapshot();
        }
        LOG.info("SnapStart checkpoint: no pooled connection open, no secret in memory");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        if (!running) {
            return;
        }
        secrets.reopenAfterRestore();
        pool.afterRestore();
        LOG.info("SnapStart restore: connections open as requests need them; secrets are read at their first use");
    }
}
