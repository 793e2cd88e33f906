package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.HTTP_API;
import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.getAtt;
import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.ref;
import static com.taskdesk.budget.render.CfnYaml.sub;

import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
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
 * share, each function what differs (SamGlobals); each function's resources are SamFunction's.
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
            functions.add(SamFunction.add(resources, stage, alarmStack, function, getAtt(CAPACITY_PROVIDER + ".Arn")));
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
                        "DisableExecuteApiEndpoint",
                        stage.edge() == null ? null : true, // edge: CloudFront's origin is the domain
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
