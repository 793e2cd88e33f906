package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.logicalName;

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

    private static final Fragment STAGE = Fragment.of("""
            region: <region>
            corsOrigins: <corsOrigins>
            environment: <environment>
            databaseUrlSecretId: <databaseUrlSecretId>
            jwtSecretId: <jwtSecretId>
            hasVpc: '<hasVpc>'
            vpc: {subnetIds: <subnetIds>, securityGroupIds: <securityGroupIds>}
            hasAlarmTopic: '<hasAlarmTopic>'
            alarmSubscriptions: <alarmSubscriptions>
            alarmActions: <alarmActions>
            hasPermissionsBoundary: <hasPermissionsBoundary>
            permissionsBoundary: <permissionsBoundary>
            """);

    private static final Fragment FUNCTION = Fragment.of("""
            <param>MemorySize: <memory>
            <param>Timeout: <timeout>
            <param>NearTimeoutMs: <nearTimeoutMs>
            <param>ReservedConcurrency: <reservedConcurrency>
            <param>ConcurrencyCap: <capacity>
            <param>Throttle: <throttle>
            <param>Environment: <environment>
            """);

    private ServerlessParams() {}

    static boolean bounded(BudgetConfig config) {
        return config.stages().stream().anyMatch(stage -> stage.permissionsBoundary() != null);
    }

    /** Each stage's values, by stage name. */
    static Map<String, Object> of(BudgetConfig config) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (StageConfig stage : config.stages()) {
            ConfigSchema.Network network = stage.network();
            ConfigSchema.AlarmNotifications notify = stage.alarmNotifications();
            boolean ownTopic = notify != null && notify.email() != null;
            Map<String, Object> values = new LinkedHashMap<>(STAGE.map(
                    "region",
                    stage.region(),
                    "corsOrigins",
                    stage.corsOrigins(),
                    "environment",
                    DeployContract.stageEnvironment(stage),
                    "databaseUrlSecretId",
                    stage.secretId(DeployContract.DATABASE_URL_SECRET),
                    "jwtSecretId",
                    stage.secretId(DeployContract.JWT_SECRET),
                    "hasVpc",
                    Boolean.toString(network != null),
                    "subnetIds",
                    network == null ? null : network.subnetIds(),
                    "securityGroupIds",
                    network == null ? null : network.securityGroupIds(),
                    "hasAlarmTopic",
                    Boolean.toString(ownTopic),
                    "alarmSubscriptions",
                    ownTopic
                            ? notify.email().stream()
                                    .map(address -> SamTemplate.SUBSCRIPTION.with("address", address))
                                    .toList()
                            : List.of(),
                    // Who the alarms notify: an existing topic, or the AlarmTopic the stack creates for e-mail
                    // addresses.
                    "alarmActions",
                    notify == null
                            ? List.of()
                            : List.of(
                                    notify.topicArn() != null
                                            ? notify.topicArn()
                                            : Map.of("Ref", SamTemplate.ALARM_TOPIC)),
                    "hasPermissionsBoundary",
                    bounded(config) ? Boolean.toString(stage.permissionsBoundary() != null) : null,
                    "permissionsBoundary",
                    bounded(config)
                            ? stage.permissionsBoundary() == null ? UNUSED_BOUNDARY : stage.permissionsBoundary()
                            : null));
            for (FunctionBudget configured : stage.functions()) {
                FunctionBudget function = configured.onDefaultModel();
                boolean capped = function.maxInstances() != null;
                values.putAll(FUNCTION.map(
                        "param",
                        prefix(function.name()),
                        "memory",
                        function.memoryMb(),
                        "timeout",
                        function.functionTimeoutSeconds(),
                        "nearTimeoutMs",
                        AlarmSubject.nearTimeoutMs(function),
                        "reservedConcurrency",
                        capped ? function.reservedConcurrency() : null,
                        "capacity",
                        AlarmSubject.capacity(function),
                        "throttle",
                        capped ? AwsResources.routeSettings(function.throttle()) : null,
                        "environment",
                        DeployContract.functionEnvironment(stage, function)));
            }
            params.put(stage.name(), values);
        }
        return params;
    }

    /** "agent-progress" -> "agentProgress": its params are agentProgressTimeout, ... */
    static String prefix(String function) {
        String name = logicalName(function);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
