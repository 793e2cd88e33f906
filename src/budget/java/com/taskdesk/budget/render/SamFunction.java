package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.getAtt;
import static com.taskdesk.budget.render.CfnYaml.sub;
import static com.taskdesk.budget.render.SamGlobals.unlessShared;

import com.taskdesk.budget.config.ConfigSchema;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One function of a stage's SAM template: its log group, its own role and the function itself (its
 * alias, its gradual deploy stopped by its rollback alarms; on Lambda's default model its reserved
 * concurrency, SnapStart and VPC, on Managed Instances the stack's capacity provider and its
 * scaling). Every value is literal: SAM's version hash sees it (see SamTemplate). Its alarms are the
 * stack's loop over its functions (SamTemplate, Alarm).
 */
public final class SamFunction {

    /** A function on Lambda Managed Instances has this suffix in its name (see {@link #functionName}). */
    public static final String MANAGED_INSTANCES_SUFFIX = "-mi";

    private static final Fragment FUNCTION = Fragment.of("""
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub '<functionName>'
              Description: <route>
              Role: !GetAtt <name>Role.Arn
              MemorySize: <memory>
              Timeout: <timeout>
              ReservedConcurrentExecutions: <reservedConcurrency>
              SnapStart: <snapStart>
              VpcConfig: <vpc>
              CapacityProviderConfig: <capacityProvider>
              FunctionScalingConfig: <scaling>
              LoggingConfig: {LogGroup: !Ref <name>LogGroup}
              Environment: {Variables: <environment>}
              DeploymentPreference:
                Type: <deploymentType>
                Alarms: [!Ref <name>NewVersionErrorsAlarm, !Ref <name>NewVersionHttp5xxAlarm]
              Events:
                Api: {Type: HttpApi, Properties: {ApiId: !Ref HttpApi, Method: <method>, Path: <path>}}
            """);

    /** Managed Instances run in the capacity provider's VPC and start before traffic (nothing to snapshot). */
    private static final Fragment ON_MANAGED_INSTANCES = Fragment.of("""
            CapacityProviderConfig: {Arn: !GetAtt CapacityProvider.Arn, PerExecutionEnvironmentMaxConcurrency: <perEnvironment>}
            FunctionScalingConfig: {MinExecutionEnvironments: <min>, MaxExecutionEnvironments: <max>}
            """);

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

    /** Adds the function's log group, role and the function itself, stating only what Globals does not. */
    static void add(Map<String, Object> resources, StageConfig stage, SamGlobals globals, FunctionBudget function) {
        String name = logicalName(function.name());
        resources.put(
                name + "LogGroup", AwsResources.logGroup(sub("/aws/lambda/${AWS::StackName}-" + function.name())));
        resources.put(
                name + "Role",
                AwsResources.functionRole(
                        function.name(),
                        getAtt(name + "LogGroup.Arn"),
                        AwsResources.secretArns(
                                function.endpoint(),
                                stage.databaseUrlSecretId(function.name()),
                                stage.secretId(DeployContract.JWT_SECRET)),
                        AwsResources.InVpc.of(vpc(stage, function) != null),
                        stage.permissionsBoundary()));
        Map<String, Object> ownEnvironment = new LinkedHashMap<>(environment(stage, function));
        ownEnvironment
                .entrySet()
                .removeIf(variable ->
                        variable.getValue().equals(globals.environment().get(variable.getKey())));
        boolean managed = function.onManagedInstances();
        Map<String, Object> managedInstances = managed
                ? ON_MANAGED_INSTANCES.map(
                        "perEnvironment",
                        function.requestsPerInstance(),
                        "min",
                        function.maxInstances() == null ? null : function.minExecutionEnvironments(),
                        "max",
                        function.maxInstances())
                : Map.of();
        String[] route = function.endpoint().route().split(" ");
        resources.put(
                name + "Function",
                FUNCTION.with(
                        "functionName",
                        functionName(function),
                        "route",
                        function.endpoint().route(),
                        "name",
                        name,
                        "memory",
                        unlessShared(function.memoryMb(), globals.memory()),
                        "timeout",
                        unlessShared(function.functionTimeoutSeconds(), globals.timeout()),
                        "reservedConcurrency",
                        managed || function.maxInstances() == null ? null : function.reservedConcurrency(),
                        "snapStart",
                        globals.snapStart() == null ? snapStart(function) : null,
                        "vpc",
                        globals.vpc() == null ? vpc(stage, function) : null,
                        "capacityProvider",
                        managedInstances.get("CapacityProviderConfig"),
                        "scaling",
                        managedInstances.get("FunctionScalingConfig"),
                        "environment",
                        ownEnvironment.isEmpty() ? null : ownEnvironment,
                        "deploymentType",
                        unlessShared(function.deploymentType().codeDeployName(), globals.deploymentType()),
                        "method",
                        route[0],
                        "path",
                        route[1]));
    }

    /** Everything the function reads from its environment: the stage's and its own. */
    static Map<String, String> environment(StageConfig stage, FunctionBudget function) {
        Map<String, String> environment = new LinkedHashMap<>(DeployContract.stageEnvironment(stage));
        environment.putAll(DeployContract.functionEnvironment(stage, function));
        return environment;
    }

    static Map<String, Object> snapStart(FunctionBudget function) {
        return function.onManagedInstances() ? null : Map.of("ApplyOn", "PublishedVersions");
    }

    static Map<String, Object> vpc(StageConfig stage, FunctionBudget function) {
        ConfigSchema.Network network = stage.network();
        if (function.onManagedInstances() || network == null) {
            return null;
        }
        Map<String, Object> vpc = new LinkedHashMap<>();
        vpc.put("SubnetIds", network.subnetIds());
        vpc.put("SecurityGroupIds", network.securityGroupIds());
        return vpc;
    }
}
