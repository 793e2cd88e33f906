package com.taskdesk.budget.render;

import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.FunctionSetting;
import com.taskdesk.http.BrowserOrigins;
import com.taskdesk.secrets.FunctionSecrets;
import com.taskdesk.telemetry.RequestMetrics;
import java.util.List;
import java.util.Map;

/**
 * What a deployed function and its deploy files agree on: the bundle, the handler, the
 * environment each function gets (from config/), its secrets' names and the metrics its alarms
 * watch. Names the function already defines come from its code (ConnectionSettings).
 */
public final class DeployContract {

    public static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String RUNTIME = "java21";
    static final String ARTIFACT = "target/function.zip";
    /** The alias SAM publishes every version under (SnapStart snapshots published versions). */
    static final String ALIAS = "live";
    /** SAM deploys stage S as stack taskdesk-manager-S; the Serverless Framework as taskdesk-manager-sls-S. */
    static final String SAM_STACK_PREFIX = "taskdesk-manager-";

    static final String SERVERLESS_SERVICE = "taskdesk-manager-sls";

    /**
     * What packages and deploys serverless.yml: osls's 3.x line, the maintained fork of Serverless
     * Framework v3 (serverless@3 is out of support; v4 needs a licence and a sign-in), which takes
     * serverless.yml as v3 wrote it (frameworkVersion 3) and gets bug and security fixes.
     */
    public static final String SERVERLESS_CLI = "osls@3.77.1";

    static final String STAGE = "TASKDESK_STAGE";
    static final String TODAY_TIME_ZONE = "TASKDESK_TODAY_TIME_ZONE";
    static final String CORS_ORIGINS = "TASKDESK_CORS_ORIGINS";
    static final String METRICS_CACHE_SECONDS = "TASKDESK_METRICS_CACHE_SECONDS";
    /** Secrets Manager names: the function reads each secret's string at run time. */
    static final String DATABASE_URL_SECRET_ID = FunctionSecrets.DATABASE_URL_SECRET_ID;

    static final String JWT_SECRET_ID = FunctionSecrets.JWT_SECRET_ID;
    static final String DATABASE_URL_SECRET = "database-url";
    static final String JWT_SECRET = "jwt-secret";

    /** What the function emits as CloudWatch EMF, per Stage and Function; the rollback alarms watch it. */
    static final String METRICS_NAMESPACE = RequestMetrics.NAMESPACE;

    static final String HTTP_500 = RequestMetrics.HTTP_500;

    static final String HTTP_503 = RequestMetrics.HTTP_503;
    static final String STAGE_DIMENSION = RequestMetrics.STAGE;
    static final String FUNCTION_DIMENSION = RequestMetrics.FUNCTION;
    static final String VERSION_DIMENSION = RequestMetrics.VERSION;

    /** Tags on each stack, which CloudFormation puts on every resource of it that takes tags. */
    static Map<String, String> tags(String stage) {
        return ordered("Service", SAM_STACK_PREFIX.replaceFirst("-$", ""), "Stage", stage);
    }

    /** CORS of the HTTP API: the same as the function answers in local runs (API Gateway answers it deployed). */
    static final List<String> CORS_METHODS = BrowserOrigins.ALLOWED_METHODS;

    static final List<String> CORS_HEADERS = BrowserOrigins.ALLOWED_HEADERS;
    static final List<String> CORS_EXPOSED_HEADERS = BrowserOrigins.EXPOSED_HEADERS;
    static final int CORS_MAX_AGE_SECONDS = BrowserOrigins.PREFLIGHT_MAX_AGE_SECONDS;

    /** CloudWatch Logs keeps a function's log this long unless the deploy says otherwise. */
    static final int LOG_RETENTION_DAYS = 30;

    private DeployContract() {}

    /** The environment every function of a stage shares: the token secret is not (functionEnvironment). */
    public static Map<String, String> stageEnvironment(StageConfig stage) {
        return ordered(
                STAGE,
                stage.name(),
                TODAY_TIME_ZONE,
                stage.todayTimeZone(),
                CORS_ORIGINS,
                String.join(",", stage.corsOrigins()),
                METRICS_CACHE_SECONDS,
                Integer.toString(stage.metricsCacheSeconds()));
    }

    /**
     * One function's own environment: who it is, its role, its own database-url secret (its role's
     * password, no other function's), the token secret's name when its endpoint
     * checks tokens (no other function may read it), and its settings the function reads ({@link FunctionSetting}).
     */
    public static Map<String, String> functionEnvironment(StageConfig stage, FunctionBudget function) {
        Map<String, String> environment = ordered(
                ConnectionSettings.FUNCTION_NAME,
                function.name(),
                ConnectionSettings.USER,
                stage.roleName(function.name()),
                DATABASE_URL_SECRET_ID,
                stage.databaseUrlSecretId(function.name()));
        if (function.endpoint().checksToken()) {
            environment.put(JWT_SECRET_ID, stage.secretId(JWT_SECRET));
        }
        for (FunctionSetting setting : FunctionSetting.inEnvironment()) {
            environment.put(
                    setting.variable(), Integer.toString(function.numbers().get(setting)));
        }
        return environment;
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
