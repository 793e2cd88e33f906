package com.taskdesk.telemetry;

import com.taskdesk.config.DeskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ConsoleSink;

/**
 * Each request's figures as CloudWatch metrics: one line in the Embedded Metric Format on
 * standard output, which Lambda sends to CloudWatch Logs and CloudWatch turns into metrics.
 * Its own line, not a field of a log record (the JSON log formatter would write numbers as
 * strings, and EMF needs {@code _aws} at the root). The deploy files' alarms watch these names.
 */
@ApplicationScoped
public class RequestMetrics {

    public static final String NAMESPACE = "TaskDesk/ManagerFunctions";
    public static final String STAGE = "Stage";
    public static final String FUNCTION = "Function";
    /** 1 on such an answer, else 0: what the rollback alarms sum. */
    public static final String HTTP_500 = "Http500";

    public static final String HTTP_503 = "Http503";

    private static final Logger LOG = Logger.getLogger(RequestMetrics.class);

    private final String stage;
    private final String function;
    private final ConsoleSink standardOutput = new ConsoleSink();

    RequestMetrics(DeskConfig config) {
        this.stage = config.stage();
        this.function = config.functionName();
    }

    void emit(RequestRecord request) {
        try {
            standardOutput.accept(metricsOf(request));
        } catch (RuntimeException e) {
            LOG.warnf("no metrics for this request: %s", e.toString());
        }
    }

    private MetricsContext metricsOf(RequestRecord request) {
        MetricsContext metrics = new MetricsContext();
        metrics.setNamespace(NAMESPACE);
        metrics.setDimensions(DimensionSet.of(STAGE, stage, FUNCTION, function));
        metrics.putMetric("ConnectionWaitMs", request.connectionWaitMs(), Unit.MILLISECONDS);
        metrics.putMetric("DatabaseMs", request.databaseMs(), Unit.MILLISECONDS);
        metrics.putMetric("Statements", request.statements(), Unit.COUNT);
        metrics.putMetric("PoolActive", request.poolActive(), Unit.COUNT);
        metrics.putMetric("PoolAwaiting", request.poolAwaiting(), Unit.COUNT);
        metrics.putMetric(HTTP_503, request.status() == 503 ? 1 : 0, Unit.COUNT);
        metrics.putMetric(HTTP_500, request.status() == 500 ? 1 : 0, Unit.COUNT);
        metrics.putMetric("ColdStart", request.coldStart() ? 1 : 0, Unit.COUNT);
        // Properties: in the line (Logs Insights reads them), not metrics (no cost, any cardinality).
        if (request.requestId() != null) {
            metrics.putProperty("requestId", request.requestId());
        }
        metrics.putProperty("route", request.route());
        metrics.putProperty("status", request.status());
        metrics.putProperty("totalMs", request.totalMs());
        return metrics;
    }
}
