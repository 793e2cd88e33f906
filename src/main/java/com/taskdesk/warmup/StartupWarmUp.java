package com.taskdesk.warmup;

import com.taskdesk.auth.TokenCheckWarmUp;
import com.taskdesk.db.FirstStatementClasses;
import com.taskdesk.telemetry.RequestMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Does what a cold function's first request did first, while the function starts: the token check
 * (with a throwaway key), a metrics line (not printed) and the first statement's classes. On a thread
 * of its own from the moment the application's beans exist, while Quarkus goes on starting; start-up
 * waits for it at its end, so the first request, or a SnapStart snapshot, never finds it half done.
 * Lambda runs the init phase on a full, unthrottled vCPU and the handler on its memory's share, so
 * what moves here is cheaper for a cold start even where it does not overlap. No part reads a
 * secret, opens a connection or uses configuration (the runtime configuration does not exist yet when
 * this starts). A part that fails is left to the first request; start-up never fails for it.
 */
@Singleton
public class StartupWarmUp {

    private static final Logger LOG = Logger.getLogger(StartupWarmUp.class);
    /** Far more than it takes (0.2 to 0.5 s); Lambda's init phase may take 10 s. */
    private static final long MAX_WAIT_SECONDS = 5;

    @FunctionalInterface
    interface Part {
        void run() throws Exception;
    }

    static final List<Part> PARTS = List.of(TokenCheckWarmUp::run, RequestMetrics::warmUp, FirstStatementClasses::load);

    private volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    void start(@Observes @Initialized(ApplicationScoped.class) Object beansExist) {
        done = CompletableFuture.runAsync(StartupWarmUp::runAll, task -> {
            Thread thread = new Thread(task, "startup-warm-up");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The last of the start-up observers. */
    void awaitBeforeStartupEnds(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent started) {
        try {
            done.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("start-up warm-up did not finish (%s)", e.toString());
        }
    }

    static void runAll() {
        for (Part part : PARTS) {
            try {
                part.run();
            } catch (Exception e) {
                LOG.debugf("start-up warm-up: a part failed (%s); the first request does it", e.toString());
            }
        }
    }
}
