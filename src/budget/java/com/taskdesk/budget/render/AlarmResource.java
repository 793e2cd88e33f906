package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.sub;

import java.util.List;
import java.util.Map;

/** How CloudFormation writes one CloudWatch alarm and the metrics it watches; which alarms a stack has is Alarms'. */
final class AlarmResource {

    private AlarmResource() {}

    /**
     * An alarm of the stack, named after it: it notifies actions (a list of topics, a variable holding
     * one, or null: no one) when it fires and when it is OK again; missing data never fires it.
     */
    static Map<String, Object> alarm(
            Object actions,
            String what,
            String description,
            Object threshold,
            int periods,
            Map<String, Object> metric) {
        Map<String, Object> properties = map(
                "AlarmName",
                sub("${AWS::StackName}-" + what),
                "AlarmDescription",
                description,
                "ComparisonOperator",
                "GreaterThanOrEqualToThreshold",
                "Threshold",
                threshold,
                "EvaluationPeriods",
                periods,
                "TreatMissingData",
                "notBreaching",
                "AlarmActions",
                actions,
                "OKActions",
                actions);
        properties.putAll(metric);
        return map("Type", "AWS::CloudWatch::Alarm", "Properties", properties);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    static Map<String, Object> dimension(String name, Object value) {
        return map("Name", name, "Value", value);
    }

    static Map<String, Object> metricStat(
            String namespace, String metric, List<Object> dimensions, int periodSeconds, String stat) {
        return map(
                "Metric",
                map("Namespace", namespace, "MetricName", metric, "Dimensions", dimensions),
                "Period",
                periodSeconds,
                "Stat",
                stat);
    }
}
