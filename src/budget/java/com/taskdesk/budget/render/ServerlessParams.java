package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.map;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigSchema;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * serverless.yml's {@code params}: each stage's values (region, environment, secrets, VPC, alarm
 * topic, permissions boundary, and each function's memory, timeout, reserved concurrency, throttle
 * and environment), which the framework resolves when it packages the stage.
 */
final class ServerlessParams {

    /** What a stage without a boundary names where another stage has one (its condition is false: never used). */
    private static final String UNUSED_BOUNDARY = "arn:aws:iam::aws:policy/no-boundary-in-this-stage";

    private ServerlessParams() {}

    static boolean bounded(BudgetConfig config) {
        return config.stages().stream().anyMatch(stage -> stage.permissionsBoundary() != null);
    }

    /** Each stage's values, by stage name. */
    static Map<String, Object> of(BudgetConfig config) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (StageConfig stage : config.stages()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("region", stage.region());
            values.put("corsOrigins", stage.corsOrigins());
            values.put("environment", DeployContract.stageEnvironment(stage));
            values.put("databaseUrlSecretId", stage.secretId(DeployContract.DATABASE_URL_SECRET));
            values.put("jwtSecretId", stage.secretId(DeployContract.JWT_SECRET));
            values.put("hasVpc", Boolean.toString(stage.network() != null));
            if (stage.network() != null) {
                values.put(
                        "vpc",
                        map(
                                "subnetIds",
                                stage.network().subnetIds(),
                                "securityGroupIds",
                                stage.network().securityGroupIds()));
            }
            alarmParams(stage, values);
            if (bounded(config)) {
                values.put("hasPermissionsBoundary", Boolean.toString(stage.permissionsBoundary() != null));
                values.put(
                        "permissionsBoundary",
                        stage.permissionsBoundary() == null ? UNUSED_BOUNDARY : stage.permissionsBoundary());
            }
            for (FunctionBudget configured : stage.functions()) {
                FunctionBudget function = configured.onDefaultModel();
                String param = prefix(function.name());
                values.put(param + "MemorySize", function.memoryMb());
                values.put(param + "Timeout", function.functionTimeoutSeconds());
                values.put(
                        param + "NearTimeoutMs",
                        function.functionTimeoutSeconds() * 1000 * Alarms.NEAR_TIMEOUT_PERCENT / 100);
                if (function.maxInstances() != null) {
                    values.put(param + "ReservedConcurrency", function.reservedConcurrency());
                    values.put(param + "ConcurrencyCap", function.maxInstances());
                    values.put(
                            param + "Throttle",
                            map(
                                    "ThrottlingRateLimit",
                                    function.throttle().ratePerSecond(),
                                    "ThrottlingBurstLimit",
                                    function.throttle().burst(),
                                    "DetailedMetricsEnabled",
                                    true));
                }
                values.put(param + "Environment", DeployContract.functionEnvironment(stage, function));
            }
            params.put(stage.name(), values);
        }
        return params;
    }

    /** Who the alarms notify: an existing topic, or the AlarmTopic the stack creates for e-mail addresses. */
    private static void alarmParams(StageConfig stage, Map<String, Object> values) {
        ConfigSchema.AlarmNotifications notify = stage.alarmNotifications();
        boolean ownTopic = notify != null && notify.email() != null;
        values.put("hasAlarmTopic", Boolean.toString(ownTopic));
        values.put(
                "alarmSubscriptions",
                ownTopic
                        ? notify.email().stream()
                                .map(address -> (Object) map("Protocol", "email", "Endpoint", address))
                                .toList()
                        : List.of());
        values.put(
                "alarmActions",
                notify == null
                        ? List.of()
                        : List.of(notify.topicArn() != null ? notify.topicArn() : map("Ref", SamTemplate.ALARM_TOPIC)));
    }

    /** "agent-progress" -> "agentProgress": its params are agentProgressTimeout, ... */
    static String prefix(String function) {
        String name = logicalName(function);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
