package com.taskdesk.budget;

import static com.taskdesk.budget.AwsResources.HTTP_API;
import static com.taskdesk.budget.AwsResources.logicalName;
import static com.taskdesk.budget.CfnYaml.getAtt;
import static com.taskdesk.budget.CfnYaml.map;
import static com.taskdesk.budget.CfnYaml.ref;
import static com.taskdesk.budget.CfnYaml.sub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template-&lt;stage&gt;.yaml: one SAM template per stage, every value literal. AutoPublishAlias
 * publishes a new version when a function's properties as the template writes them change
 * (AutoPublishAliasAllProperties: all of them, the timeout included), so every change of config/
 * reaches the version the live alias serves; a change of one function publishes that function only.
 * (One template for every stage, its values picked from Mappings by a Stage parameter, never did:
 * SAM hashes the !FindInMap call, not the value it picks.) Globals holds what the stage's functions
 * share, each function what differs (SamGlobals).
 *
 * <p>Per function: its role, log group, alarms, and a gradual deploy its rollback alarms stop; on
 * Lambda's default model its reserved concurrency, SnapStart and VPC, on Lambda Managed Instances the
 * stack's capacity provider (in the stage's VPC) and its scaling configuration. Per stack: the HTTP
 * API with its routes' throttles, access log and detailed metrics, the API's alarms, the optional
 * custom domain and alarm topic. See docs/connection-budget.md "Deploy" and docs/alarms.md.
 */
final class SamTemplate {

    static final String CAPACITY_PROVIDER = "CapacityProvider";
    static final String ALARM_TOPIC = "AlarmTopic";
    static final String ACCESS_LOG_GROUP = "ApiAccessLogGroup";
    /** SAM's name for the HTTP API's $default stage. */
    static final String API_STAGE = HTTP_API + "ApiGatewayDefaultStage";
    /** A function on Lambda Managed Instances has this suffix in its name (see {@link #functionName}). */
    static final String MANAGED_INSTANCES_SUFFIX = "-mi";

    private SamTemplate() {}

    /** What a SAM template of this project is named (template.yaml: the one template of before). */
    static final String FILE_PATTERN = "template(-[a-z0-9]+)?\\.yaml";

    /** template-prod.yaml */
    static String file(StageConfig stage) {
        return "template-" + stage.name() + ".yaml";
    }

    static String render(StageConfig stage) {
        return CfnYaml.write(
                "SAM, stage " + stage.name() + ": sam deploy --config-env " + stage.name() + " (samconfig.toml).",
                document(stage));
    }

    /**
     * The function's name, ${AWS::StackName}-agents; on Lambda Managed Instances ...-agents-mi. Lambda
     * cannot move an existing function onto Managed Instances or off them, so a function that moves
     * gets a new name: CloudFormation then creates it anew and deletes the old one (check --deployed
     * refuses a move that would keep the name).
     */
    static String functionName(FunctionBudget function) {
        return "${AWS::StackName}-" + function.name() + (function.onManagedInstances() ? MANAGED_INSTANCES_SUFFIX : "");
    }

    static Map<String, Object> document(StageConfig stage) {
        Object boundary = stage.permissionsBoundary();
        Alarms.Stack alarmStack = new Alarms.Stack(stage.name(), Alarms.actions(stage, ALARM_TOPIC));
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put(HTTP_API, httpApi(stage));
        resources.put(
                ACCESS_LOG_GROUP,
                AwsResources.logGroup(sub("/aws/http-api/${AWS::StackName}"), DeployContract.LOG_RETENTION_DAYS));
        resources.put("ApiThrottledRequestsFilter", Alarms.throttledRequestsFilter(ref(ACCESS_LOG_GROUP)));
        resources.putAll(Alarms.api(alarmStack, ref(HTTP_API)));
        if (stage.domain() != null) {
            AwsResources.customDomain(
                    resources, stage.domain().name(), stage.domain().certificateArn(), API_STAGE);
        }
        if (stage.alarmNotifications() != null && stage.alarmNotifications().email() != null) {
            resources.put(ALARM_TOPIC, alarmTopic(stage.alarmNotifications().email()));
        }
        if (stage.managedInstances()) {
            capacityProvider(resources, stage);
        }
        resources.put(
                "DeployRole",
                AwsResources.role(
                        "codedeploy",
                        "shift-aliases-on-alarms",
                        List.of(
                                AwsResources.statement(
                                        "ShiftAliases",
                                        List.of(
                                                "lambda:GetAlias",
                                                "lambda:UpdateAlias",
                                                "lambda:GetProvisionedConcurrencyConfig"),
                                        sub(AwsResources.arn("lambda", "function:${AWS::StackName}-*"))),
                                AwsResources.statement(
                                        "ReadAlarms",
                                        List.of("cloudwatch:DescribeAlarms"),
                                        sub(AwsResources.arn("cloudwatch", "alarm:${AWS::StackName}-*")))),
                        boundary));
        List<Map<String, Object>> functions = new ArrayList<>();
        for (FunctionBudget function : stage.functions()) {
            functions.add(function(resources, stage, alarmStack, function));
        }
        // The functions' properties, in resources already, lose what Globals takes.
        Map<String, Object> globals = SamGlobals.split(functions);
        return map(
                "AWSTemplateFormatVersion",
                "2010-09-09",
                "Transform",
                "AWS::Serverless-2016-10-31",
                "Description",
                "Task desk manager endpoints, stage " + stage.name() + ": one Lambda function per endpoint, sized by "
                        + stage.fileName(),
                "Globals",
                map("Function", globals),
                "Resources",
                resources,
                "Outputs",
                outputs(stage));
    }

    private static Map<String, Object> httpApi(StageConfig stage) {
        Map<String, Object> routes = new LinkedHashMap<>();
        for (FunctionBudget function : stage.functions()) {
            if (function.maxInstances() != null) {
                routes.put(
                        function.endpoint().route(),
                        map(
                                "ThrottlingRateLimit",
                                function.throttle().ratePerSecond(),
                                "ThrottlingBurstLimit",
                                function.throttle().burst(),
                                "DetailedMetricsEnabled",
                                true));
            }
        }
        return map(
                "Type",
                "AWS::Serverless::HttpApi",
                "Properties",
                map(
                        "CorsConfiguration",
                        map(
                                "AllowOrigins",
                                stage.corsOrigins(),
                                "AllowCredentials",
                                true,
                                "AllowMethods",
                                DeployContract.CORS_METHODS,
                                "AllowHeaders",
                                DeployContract.CORS_HEADERS,
                                "ExposeHeaders",
                                DeployContract.CORS_EXPOSED_HEADERS,
                                "MaxAge",
                                DeployContract.CORS_MAX_AGE_SECONDS),
                        "AccessLogSettings",
                        map(
                                "DestinationArn",
                                getAtt(ACCESS_LOG_GROUP + ".Arn"),
                                "Format",
                                AwsResources.ACCESS_LOG_FORMAT),
                        "DefaultRouteSettings",
                        map("DetailedMetricsEnabled", true),
                        "RouteSettings",
                        routes.isEmpty() ? null : routes));
    }

    private static Map<String, Object> alarmTopic(List<String> email) {
        return map(
                "Type",
                "AWS::SNS::Topic",
                "Properties",
                map(
                        "TopicName",
                        sub("${AWS::StackName}-alarms"),
                        "Subscription",
                        email.stream()
                                .map(address -> (Object) map("Protocol", "email", "Endpoint", address))
                                .toList()));
    }

    /**
     * The stack's capacity provider, in the stage's VPC. Its operator role is SAM's default
     * (AWSLambdaManagedEC2ResourceOperator) unless the stage sets a permissions boundary, which SAM's
     * role could not carry: then the stack declares the same role with the boundary.
     */
    private static void capacityProvider(Map<String, Object> resources, StageConfig stage) {
        Object operatorRole = null;
        if (stage.permissionsBoundary() != null) {
            resources.put(
                    CAPACITY_PROVIDER + "OperatorRole",
                    map(
                            "Type",
                            "AWS::IAM::Role",
                            "Properties",
                            map(
                                    "AssumeRolePolicyDocument",
                                    AwsResources.assumedBy("lambda"),
                                    "PermissionsBoundary",
                                    stage.permissionsBoundary(),
                                    "ManagedPolicyArns",
                                    List.of(
                                            sub(
                                                    "arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator")))));
            operatorRole = getAtt(CAPACITY_PROVIDER + "OperatorRole.Arn");
        }
        resources.put(
                CAPACITY_PROVIDER,
                map(
                        "Type",
                        "AWS::Serverless::CapacityProvider",
                        "Properties",
                        map(
                                "VpcConfig",
                                map(
                                        "SubnetIds",
                                        stage.network().subnetIds(),
                                        "SecurityGroupIds",
                                        stage.network().securityGroupIds()),
                                "OperatorRole",
                                operatorRole)));
    }

    /** Adds a function's log group, role, the function and its alarms; returns its properties, for Globals to share. */
    private static Map<String, Object> function(
            Map<String, Object> resources, StageConfig stage, Alarms.Stack alarmStack, FunctionBudget function) {
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
        Map<String, Object> rollback = Alarms.rollback(
                alarmStack,
                alarmed(function, resource),
                sub("${" + resource + "}:" + DeployContract.ALIAS),
                getAtt(resource + ".Version.Version"));
        Map<String, Object> properties = properties(stage, function, rollback.keySet());
        resources.put(resource, map("Type", "AWS::Serverless::Function", "Properties", properties));
        resources.putAll(rollback);
        resources.putAll(Alarms.standing(alarmStack, alarmed(function, resource)));
        return properties;
    }

    /** Everything a function states, before Globals take what it shares with the others. */
    private static Map<String, Object> properties(
            StageConfig stage, FunctionBudget function, java.util.Set<String> rollbackAlarms) {
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
                                getAtt(CAPACITY_PROVIDER + ".Arn"),
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

    private static Map<String, Object> outputs(StageConfig stage) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put(
                "ApiUrl",
                map(
                        "Description",
                        "The HTTP API's own address",
                        "Value",
                        sub("https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}")));
        if (stage.domain() != null) {
            outputs.put(
                    "CustomDomainUrl",
                    map(
                            "Description",
                            "The API on the app's site",
                            "Value",
                            "https://" + stage.domain().name()));
            outputs.put("CustomDomainTarget", AwsResources.customDomainOutput());
        }
        for (FunctionBudget function : stage.functions()) {
            outputs.put(
                    logicalName(function.name()) + "Function",
                    map(
                            "Description",
                            function.endpoint().route() + ": the alias every request calls",
                            "Value",
                            ref(logicalName(function.name()) + "Function.Alias")));
        }
        return outputs;
    }
}
