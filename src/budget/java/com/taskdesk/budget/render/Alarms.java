package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AlarmResource.alarm;
import static com.taskdesk.budget.render.AlarmResource.dimension;
import static com.taskdesk.budget.render.AlarmResource.metricStat;
import static com.taskdesk.budget.render.AlarmResource.properties;
import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.ref;

import com.taskdesk.budget.config.ConfigSchema;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch alarms of a stage's stack, each named for what a person does about it
 * (docs/alarms.md says what each means and what to do): here the standing alarms, outside deploys
 * (the gateway's 5xx and 429 rates, a function's duration near its timeout, its concurrency at its
 * cap, its rate of 503 answers); the SAM templates' rollback alarms are {@link RollbackAlarms}.
 * Every alarm notifies the stage's alarm topic, when config/ names one.
 */
final class Alarms {

    static final String FUNCTIONS_NAMESPACE = DeployContract.METRICS_NAMESPACE;
    /** What the access log's metric filter writes: the gateway's 429 answers, per API. */
    static final String GATEWAY_NAMESPACE = "TaskDesk/ManagerApi";

    static final String HTTP_429 = "Http429";
    /** A request this close to the function's timeout (in percent of it) is near it. */
    static final int NEAR_TIMEOUT_PERCENT = 80;
    /** Rates are judged over this many minutes, and only with this many requests in them. */
    static final int RATE_MINUTES = 5;

    static final int RATE_MIN_REQUESTS = 20;
    static final int API_5XX_PERCENT = 5;
    static final int API_429_PERCENT = 5;
    static final int FUNCTION_503_PERCENT = 5;
    /** A function is at its cap when its instances are this busy (in percent of their time). */
    static final int BUSY_PERCENT = 80;

    static final int MINUTE = 60;

    /**
     * The stack the alarms are in (their names start with its name).
     *
     * @param stage   the value of the functions' Stage dimension (the stage's name, or a variable for it)
     * @param actions AlarmActions and OKActions: a list of topics (ARNs or references), or a variable
     *                holding one; null: notify no one
     */
    record Stack(Object stage, Object actions) {}

    /**
     * One function as its alarms see it.
     *
     * @param logicalName    the prefix of its alarms' logical ids (Agents)
     * @param functionRef    what names the function in AWS/Lambda's FunctionName dimension
     * @param nearTimeoutMs  NEAR_TIMEOUT_PERCENT of its timeout, in ms (a number, or a variable)
     * @param concurrencyCap requests it serves at once at most (maxInstances x requests per instance; a
     *                       number or a variable), or null: no cap, no alarm
     */
    record Function(
            String function, String logicalName, Object functionRef, Object nearTimeoutMs, Object concurrencyCap) {}

    private Alarms() {}

    /** A function's standing alarms: near its timeout, at its concurrency cap, answering 503. */
    static Map<String, Object> standing(Stack stack, Function function) {
        Map<String, Object> alarms = new LinkedHashMap<>();
        String name = function.function();
        List<Object> lambda = List.of(dimension("FunctionName", function.functionRef()));
        alarms.put(
                function.logicalName() + "NearTimeoutAlarm",
                alarm(
                        stack.actions(),
                        name + "-raise-timeout-or-find-slow-statement",
                        "A request of " + name + " ran over " + NEAR_TIMEOUT_PERCENT + "% of its timeout: find the"
                                + " slow statement (DatabaseMs in its log) or raise functionTimeoutSeconds in config/.",
                        function.nearTimeoutMs(),
                        1,
                        map(
                                "Namespace",
                                "AWS/Lambda",
                                "MetricName",
                                "Duration",
                                "Dimensions",
                                lambda,
                                "Statistic",
                                "Maximum",
                                "Period",
                                RATE_MINUTES * MINUTE)));
        if (function.concurrencyCap() != null) {
            // Busy time over capacity time: the share of its capped instances' minute spent serving (Lambda's
            // ConcurrentExecutions Maximum would read "at cap" for one request a minute on a one-instance stage).
            Map<String, Object> atCap = alarm(
                    stack.actions(),
                    name + "-at-max-instances-raise-or-accept-throttling",
                    "The instances " + name + " may run were over " + BUSY_PERCENT + "% busy in 3 of 5 minutes,"
                            + " so requests beyond are throttled: raise its maxInstances in config/ (plan says what"
                            + " the database allows), or accept the route's 429s.",
                    BUSY_PERCENT,
                    5,
                    map(
                            "Metrics",
                            List.of(
                                    map(
                                            "Id",
                                            "busy",
                                            "Expression",
                                            "100 * FILL(duration, 0) / (" + MINUTE * 1000 + " * "
                                                    + function.concurrencyCap() + ")",
                                            "Label",
                                            "instances busy, % of maxInstances"),
                                    map(
                                            "Id",
                                            "duration",
                                            "MetricStat",
                                            metricStat("AWS/Lambda", "Duration", lambda, MINUTE, "Sum"),
                                            "ReturnData",
                                            false))));
            properties(atCap).put("DatapointsToAlarm", 3);
            alarms.put(function.logicalName() + "AtCapacityAlarm", atCap);
        }
        List<Object> ours = List.of(
                dimension(DeployContract.STAGE_DIMENSION, stack.stage()),
                dimension(DeployContract.FUNCTION_DIMENSION, name));
        alarms.put(
                function.logicalName() + "Http503RateAlarm",
                alarm(
                        stack.actions(),
                        name + "-database-refusing-check-live",
                        "Over " + FUNCTION_503_PERCENT + "% of " + name + "'s answers in " + RATE_MINUTES
                                + " minutes were 503 (the database or the pool refused): run check --live for the"
                                + " stage's connections per role, then look at the database.",
                        FUNCTION_503_PERCENT,
                        1,
                        rate(
                                metricStat(
                                        FUNCTIONS_NAMESPACE,
                                        DeployContract.HTTP_503,
                                        ours,
                                        RATE_MINUTES * MINUTE,
                                        "Sum"),
                                metricStat(
                                        FUNCTIONS_NAMESPACE,
                                        DeployContract.HTTP_503,
                                        ours,
                                        RATE_MINUTES * MINUTE,
                                        "SampleCount"),
                                "503 answers, % of requests")));
        return alarms;
    }

    /** The gateway's 5xx and 429 rates. apiRef names the HTTP API (its id); its stage is $default. */
    static Map<String, Object> api(Stack stack, Object apiRef) {
        Map<String, Object> alarms = new LinkedHashMap<>();
        List<Object> api = List.of(dimension("ApiId", apiRef), dimension("Stage", "$default"));
        Map<String, Object> requests = metricStat("AWS/ApiGateway", "Count", api, RATE_MINUTES * MINUTE, "Sum");
        alarms.put(
                "ApiHttp5xxRateAlarm",
                alarm(
                        stack.actions(),
                        "api-5xx-read-integration-errors",
                        "Over " + API_5XX_PERCENT + "% of the API's answers in " + RATE_MINUTES + " minutes were 5xx:"
                                + " read integrationError in its access log (a throttled or failing function) and the"
                                + " functions' own alarms.",
                        API_5XX_PERCENT,
                        1,
                        rate(
                                metricStat("AWS/ApiGateway", "5xx", api, RATE_MINUTES * MINUTE, "Sum"),
                                requests,
                                "5xx answers, % of requests")));
        alarms.put(
                "ApiHttp429RateAlarm",
                alarm(
                        stack.actions(),
                        "api-429-raise-max-instances-or-accept",
                        "Over " + API_429_PERCENT + "% of the API's requests in " + RATE_MINUTES + " minutes were"
                                + " refused by a route's throttle (429): raise the route's function's maxInstances in"
                                + " config/ (its throttle follows), or accept the shed load.",
                        API_429_PERCENT,
                        1,
                        rate(
                                metricStat(
                                        GATEWAY_NAMESPACE,
                                        HTTP_429,
                                        List.of(dimension("ApiId", apiRef)),
                                        RATE_MINUTES * MINUTE,
                                        "Sum"),
                                requests,
                                "429 answers, % of requests")));
        return alarms;
    }

    /** Counts the access log's 429 lines as GATEWAY_NAMESPACE/Http429, per API (its id is a field of each line). */
    static Map<String, Object> throttledRequestsFilter(Object accessLogGroupRef) {
        return map(
                "Type",
                "AWS::Logs::MetricFilter",
                "Properties",
                map(
                        "LogGroupName",
                        accessLogGroupRef,
                        "FilterPattern",
                        "{ $.status = 429 }",
                        "MetricTransformations",
                        List.of(map(
                                "MetricNamespace",
                                GATEWAY_NAMESPACE,
                                "MetricName",
                                HTTP_429,
                                "MetricValue",
                                "1",
                                "Unit",
                                "Count",
                                "Dimensions",
                                List.of(map("Key", "ApiId", "Value", "$.apiId"))))));
    }

    /** 100 x part / whole, or 0 below RATE_MIN_REQUESTS requests (a missing part counts 0). */
    private static Map<String, Object> rate(Map<String, Object> part, Map<String, Object> whole, String label) {
        return map(
                "Metrics",
                List.of(
                        map(
                                "Id",
                                "rate",
                                "Expression",
                                "IF(whole >= " + RATE_MIN_REQUESTS + ", 100 * FILL(part, 0) / whole, 0)",
                                "Label",
                                label),
                        map("Id", "part", "MetricStat", part, "ReturnData", false),
                        map("Id", "whole", "MetricStat", whole, "ReturnData", false)));
    }

    /** The alarm topic's ARN for AlarmActions, or a reference to the topic the stack creates; null: none. */
    static List<Object> actions(StageConfig stage, String topicResource) {
        ConfigSchema.AlarmNotifications notify = stage.alarmNotifications();
        if (notify == null) {
            return null;
        }
        return List.of(notify.topicArn() != null ? notify.topicArn() : ref(topicResource));
    }
}
