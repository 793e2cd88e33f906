package com.taskdesk.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import com.taskdesk.config.DeskConfig;
import com.taskdesk.db.PoolFigures;
import com.taskdesk.request.RequestFigures;
import jakarta.enterprise.inject.IllegalProductException;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * One log line per request when its answer is ready, its figures as fields of the log record
 * (one JSON object when deployed: quarkus-logging-json), and the same figures as one CloudWatch
 * metrics line ({@link RequestMetrics}). The route is the method and path, never the query string;
 * no header, cookie or body is ever read here. Every other line logged during the request
 * carries its Lambda request id too.
 */
public class RequestLog {

    static final String REQUEST_ID = "requestId";

    private static final Logger LOG = Logger.getLogger(RequestLog.class);

    private final RequestFigures figures;
    private final Instance<Context> lambda;
    private final PoolFigures.Source pool;
    private final RequestMetrics metrics;
    private final String function;
    private final AtomicBoolean firstRequest = new AtomicBoolean(true);

    RequestLog(
            RequestFigures figures,
            Instance<Context> lambda,
            PoolFigures.Source pool,
            RequestMetrics metrics,
            DeskConfig config) {
        this.figures = figures;
        this.lambda = lambda;
        this.pool = pool;
        this.metrics = metrics;
        this.function = config.functionName();
    }

    /** First of all filters, before the origin check or authentication can answer. */
    @ServerRequestFilter(preMatching = true, priority = 1)
    public void started() {
        figures.start();
        String requestId = lambdaRequestId();
        if (requestId != null) {
            MDC.put(REQUEST_ID, requestId);
        }
    }

    @ServerResponseFilter(priority = 1)
    public void answered(ContainerRequestContext request, ContainerResponseContext response) {
        PoolFigures now = pool.now();
        RequestRecord record = new RequestRecord(
                lambdaRequestId(),
                function,
                request.getMethod() + " " + request.getUriInfo().getPath(),
                response.getStatus(),
                figures.statements(),
                figures.connectionWaitMs(),
                figures.databaseMs(),
                figures.totalMs(),
                firstRequest.getAndSet(false),
                figures.errorId(),
                now.active(),
                now.awaiting());
        record.logFields().forEach(MDC::put);
        try {
            LOG.info(record.summary());
        } finally {
            record.logFields().keySet().forEach(MDC::remove);
        }
        metrics.emit(record);
    }

    /**
     * The id Lambda gave this invocation; null in the plain HTTP build, which has no Lambda
     * Context, and for a request that reached the HTTP server directly rather than as an event.
     */
    private String lambdaRequestId() {
        if (!lambda.isResolvable()) {
            return null;
        }
        try {
            return lambda.get().getAwsRequestId();
        } catch (IllegalProductException e) {
            return null;
        }
    }
}
