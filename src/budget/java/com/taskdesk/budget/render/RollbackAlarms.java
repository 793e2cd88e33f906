package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AlarmResource.alarm;
import static com.taskdesk.budget.render.AlarmResource.dimension;
import static com.taskdesk.budget.render.AlarmResource.metricStat;
import static com.taskdesk.budget.render.CfnYaml.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's rollback alarms (SAM only): CodeDeploy watches them while it shifts the live alias and
 * rolls back when one fires. They count the new version's own answers (Lambda's ExecutedVersion, the
 * function's Version dimension), so an error of the old version cannot roll the new one back.
 */
final class RollbackAlarms {

    /** A new version fails the deploy at this many 500/503 answers in a minute. */
    static final int NEW_VERSION_5XX_PER_MINUTE = 3;

    private RollbackAlarms() {}

    /** The new version's failed invocations and its 500/503 answers: CodeDeploy rolls back on either. */
    static Map<String, Object> of(Alarms.Stack stack, Alarms.Function function, Object alias, Object version) {
        Map<String, Object> alarms = new LinkedHashMap<>();
        alarms.put(
                function.logicalName() + "NewVersionErrorsAlarm",
                alarm(
                        stack.actions(),
                        function.function() + "-new-version-failing",
                        "Rolls back a deploy of " + function.function() + ": its new version failed an invocation"
                                + " (Lambda Errors of that version). Read that version's lines in the function's log.",
                        1,
                        1,
                        map(
                                "Namespace",
                                "AWS/Lambda",
                                "MetricName",
                                "Errors",
                                "Dimensions",
                                List.of(
                                        dimension("FunctionName", function.functionRef()),
                                        dimension("Resource", alias),
                                        dimension("ExecutedVersion", version)),
                                "Statistic",
                                "Sum",
                                "Period",
                                Alarms.MINUTE)));
        List<Object> metrics = new ArrayList<>();
        metrics.add(
                map("Id", "answers", "Expression", "SUM(METRICS())", "Label", "HTTP 5xx answers of the new version"));
        List<Object> dimensions = List.of(
                dimension(DeployContract.STAGE_DIMENSION, stack.stage()),
                dimension(DeployContract.FUNCTION_DIMENSION, function.function()),
                dimension(DeployContract.VERSION_DIMENSION, version));
        for (String metric : DeployContract.HTTP_5XX_METRICS) {
            metrics.add(map(
                    "Id",
                    metric.toLowerCase(),
                    "MetricStat",
                    metricStat(Alarms.FUNCTIONS_NAMESPACE, metric, dimensions, Alarms.MINUTE, "Sum"),
                    "ReturnData",
                    false));
        }
        alarms.put(
                function.logicalName() + "NewVersionHttp5xxAlarm",
                alarm(
                        stack.actions(),
                        function.function() + "-new-version-answering-5xx",
                        "Rolls back a deploy of " + function.function() + ": its new version answered 500 or 503 "
                                + NEW_VERSION_5XX_PER_MINUTE + " times in a minute. Read that version's lines in the"
                                + " function's log.",
                        NEW_VERSION_5XX_PER_MINUTE,
                        1,
                        map("Metrics", metrics)));
        return alarms;
    }
}
