package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.HTTP_API;
import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.getAtt;
import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.ref;
import static com.taskdesk.budget.render.CfnYaml.sub;

import com.taskdesk.budget.config.ConfigSchema;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One function of a stage's SAM template: its log group, its own role, the function itself (its
 * alias, its gradual deploy stopped by its rollback alarms; on Lambda's default model its reserved
 * concurrency, SnapStart and VPC, on Managed Instances the stack's capacity provider and its scaling)
 * and its standing alarms.
 */
public final class SamFunction {

    /** A function on Lambda Managed Instances has this suffix in its name (see {@link #functionName}). */
    public static final String MANAGED_INSTANCES_SUFFIX = "-mi";

    private SamFunction() {}

    /**
     * The function's name, ${AWS::StackName}-agents; on Lambda Managed Instances ...-agents-mi. Lambda
     * cannot move an existing function onto Managed Instances or off them, so a function that moves
     * gets a new name: CloudFormation then creates it anew and deletes the old one (check --deployed
     * refuses a move that would keep the name).
     */
    public static String functionName(FunctionBudget function) {
        return "${AWS::StackName}-" + function.name() + (function.onManagedInstances() ? MANAGED_INSTANCES_SUFFIX : "");
    }

    /** Adds a function's log group, role, the function and its alarms; returns its properties, for Globals to share. */
    static Map<String, Object> add(
            Map<String, Object> resources,
            StageConfig stage,
            Alarms.Stack alarmStack,
            FunctionBudget function,
            Object capacityProviderArn) {
        String name = logicalName(function.name());
        String resource = name + "Function";
        resources.put(
                name + "LogGroup",
                AwsResources.logGroup(
                        sub("/aws/lambda/${AWS::StackName}-" + function.name()), DeployContract.LOG_RETENTION_DAYS));
        boolean managed = function.onManagedInstances();
        resources.put(
                name + "Role",
                AwsResources.functionRole(
                        function.name(),
                        getAtt(name + "LogGroup.Arn"),
                        List.of(
                                sub(AwsResources.secretArn(stage.secretId(DeployContract.DATABASE_URL_SECRET))),
                                sub(AwsResources.secretArn(stage.secretId(DeployContract.JWT_SECRET)))),
                        AwsResources.InVpc.of(!managed && stage.network() != null),
                        stage.permissionsBoundary()));
        Map<String, Object> rollback = RollbackAlarms.of(
                alarmStack,
                alarmed(function, resource),
                sub("${" + resource + "}:" + DeployContract.ALIAS),
                getAtt(resource + ".Version.Version"));
        Map<String, Object> properties = properties(stage, function, rollback.keySet(), capacityProviderArn);
        resources.put(resource, map("Type", "AWS::Serverless::Function", "Properties", properties));
        resources.putAll(rollback);
        resources.putAll(Alarms.standing(alarmStack, alarmed(function, resource)));
        return properties;
    }

    /** Everything a function states, before Globals take what it shares with the others. */
    private static Map<String, Object> properties(
            StageConfig stage, FunctionBudget function, Set<String> rollbackAlarms, Object capacityProviderArn) {
        String name = logicalName(function.name());
        boolean managed = function.onManagedInstances();
        Map<String, Object> environment = new LinkedHashMap<>(DeployContract.stageEnvironment(stage));
        environment.putAll(DeployContract.functionEnvironment(stage, function));
        String[] route = function.endpoint().route().split(" ");
        ConfigSchema.Network network = stage.network();
        return map(
                "FunctionName",
                sub(functionName(function)),
                "Description",
                function.endpoint().route(),
                "Role",
                getAtt(name + "Role.Arn"),
                "Runtime",
                DeployContract.RUNTIME,
                "Handler",
                DeployContract.HANDLER,
                "CodeUri",
                DeployContract.ARTIFACT,
                "AutoPublishAlias",
                DeployContract.ALIAS,
                "AutoPublishAliasAllProperties",
                true,
                "MemorySize",
                function.memoryMb(),
                "Timeout",
                function.functionTimeoutSeconds(),
                "ReservedConcurrentExecutions",
                managed ? null : cap(function),
                // Managed Instances run in the capacity provider's VPC and start before traffic (nothing to snapshot).
                "SnapStart",
                managed ? null : map("ApplyOn", "PublishedVersions"),
                "VpcConfig",
                managed || network == null
                        ? null
                        : map("SubnetIds", network.subnetIds(), "SecurityGroupIds", network.securityGroupIds()),
                "CapacityProviderConfig",
                managed
                        ? map(
                                "Arn",
                                capacityProviderArn,
                                "PerExecutionEnvironmentMaxConcurrency",
                                function.requestsPerInstance())
                        : null,
                "FunctionScalingConfig",
                managed && function.maxInstances() != null
                        ? map(
                                "MinExecutionEnvironments",
                                function.minExecutionEnvironments(),
                                "MaxExecutionEnvironments",
                                function.maxInstances())
                        : null,
                "LoggingConfig",
                map("LogGroup", ref(name + "LogGroup")),
                "Environment",
                map("Variables", environment),
                "DeploymentPreference",
                map(
                        "Type",
                        function.deploymentType().codeDeployName(),
                        "Role",
                        getAtt("DeployRole.Arn"),
                        "Alarms",
                        rollbackAlarms.stream()
                                .map(alarm -> (Object) ref(alarm))
                                .toList()),
                "Events",
                map(
                        "Api",
                        map(
                                "Type",
                                "HttpApi",
                                "Properties",
                                map("ApiId", ref(HTTP_API), "Method", route[0], "Path", route[1]))));
    }

    private static Integer cap(FunctionBudget function) {
        return function.maxInstances() == null ? null : function.reservedConcurrency();
    }

    private static Alarms.Function alarmed(FunctionBudget function, String resource) {
        return new Alarms.Function(
                function.name(),
                logicalName(function.name()),
                ref(resource),
                function.functionTimeoutSeconds() * 1000 * Alarms.NEAR_TIMEOUT_PERCENT / 100,
                function.maxInstances() == null ? null : function.maxInstances() * function.requestsPerInstance());
    }
}
