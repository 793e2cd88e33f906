package com.taskdesk.telemetry;

import com.taskdesk.config.DeskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    /**
     * The published version that answered (Lambda's AWS_LAMBDA_FUNCTION_VERSION): a second dimension
     * set, so a deploy's rollback alarms judge the new version alone, not the old one it replaces.
     */
    public static final String VERSION = "Version";

    static final String LAMBDA_VERSION_VARIABLE = "AWS_LAMBDA_FUNCTION_VERSION";
    /** 1 on such an answer, else 0: what the rollback alarms sum. */
    public static final String HTTP_500 = "Http500";

    public static final String HTTP_503 = "Http503";

    private static final Logger LOG = Logger.getLogger(RequestMetrics.class);

    private final String stage;
    private final String function;
    /** Empty outside Lambda (local runs, tests). */
    private final Optional<String> version;

    private final ConsoleSink standardOutput = new ConsoleSink();

    RequestMetrics(DeskConfig config, @ConfigProperty(name = LAMBDA_VERSION_VARIABLE) Optional<String> version) {
        this.stage = config.stage();
        this.function = config.functionName();
        this.version = version;
    }

    void emit(RequestRecord request) {
        try {
            standardOutput.accept(metricsOf(stage, function, version, request));
        } catch (RuntimeException e) {
            LOG.warnf("no metrics for this request: %s", e.toString());
        }
    }

    /**
     * A request's metrics line written once, and not printed, so that EMF's serialisation of its model is
     * set up before the first request: static, as it may run before the runtime configuration exists.
     */
    public static void warmUp() throws Exception {
        metricsOf(
                        "warm-up",
                        "warm-up",
                        Optional.of("1"),
                        new RequestRecord("warm-up", "warm-up", "GET /", 200, 1, 0.5, 1.5, 2.5, true, null, 1, 0))
                .serialize();
    }

    private static MetricsContext metricsOf(
            String stage, String function, Optional<String> version, RequestRecord request) {
        MetricsContext metrics = new MetricsContext();
        metrics.setNamespace(NAMESPACE);
        DimensionSet byFunction = DimensionSet.of(STAGE, stage, FUNCTION, function);
        if (version.isPresent()) {
            metrics.setDimensions(
                    byFunction, DimensionSet.of(STAGE, stage, FUNCTION, function, VERSION, version.get()));
        } else {
            metrics.setDimensions(byFunction);
        }
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
