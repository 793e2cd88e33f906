package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.HAS_VPC;
import static com.taskdesk.budget.render.AwsResources.HTTP_API;
import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.Fn;
import static com.taskdesk.budget.render.CfnYaml.ifCondition;
import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.noValue;
import static com.taskdesk.budget.render.CfnYaml.ref;
import static com.taskdesk.budget.render.CfnYaml.sub;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * serverless.yml (Serverless Framework v3): the same functions, roles, routes, throttles, CORS, VPC,
 * access log, tags and standing alarms as the SAM templates, each stage's values in {@code params}
 * (the framework resolves them when it packages, so the packaged template holds literal values and a
 * changed setting publishes a new version). Without plugins the framework can neither shift traffic
 * gradually nor map a custom domain, and v3 cannot declare a capacity provider: those are the SAM
 * templates' only, and serverless.yml deploys every function on Lambda's default model.
 */
public final class ServerlessFile {

    public static final String FILE = "serverless.yml";
    /** The framework's logical ids of what it generates from provider.httpApi and provider.logs.httpApi. */
    static final String HTTP_API_STAGE = "HttpApiStage";

    static final String HTTP_API_LOG_GROUP = "HttpApiLogGroup";
    static final String HAS_ALARM_TOPIC = "HasAlarmTopic";
    static final String HAS_PERMISSIONS_BOUNDARY = "HasPermissionsBoundary";

    private ServerlessFile() {}

    static String render(BudgetConfig config) {
        return CfnYaml.write(
                "Serverless Framework v3: npx serverless@3 package|deploy --stage <stage> (stack "
                        + DeployContract.SERVERLESS_SERVICE + "-<stage>).\nStages: "
                        + String.join(", ", config.stageNames())
                        + ". What the framework cannot say without plugins is in the SAM templates only: gradual"
                        + " deploys\nwith rollback alarms, the custom domain, and Lambda Managed Instances (v3 runs"
                        + " every function on\nLambda's default model).",
                document(config));
    }

    static Map<String, Object> document(BudgetConfig config) {
        Map<String, Object> functions = new LinkedHashMap<>();
        Map<String, Object> resources = new LinkedHashMap<>();
        Map<String, Object> routes = new LinkedHashMap<>();
        Map<String, Object> extensions = new LinkedHashMap<>();
        List<Object> routeIds = new ArrayList<>();
        Alarms.Stack alarmStack = new Alarms.Stack("${sls:stage}", "${param:alarmActions}");
        // Only when a stage sets one: a stage without gets the condition false (and an unused ARN-shaped value).
        Object boundary = ServerlessParams.bounded(config)
                ? ifCondition(HAS_PERMISSIONS_BOUNDARY, "${param:permissionsBoundary}", noValue())
                : null;
        resources.put(
                SamTemplate.ALARM_TOPIC,
                map(
                        "Type",
                        "AWS::SNS::Topic",
                        "Condition",
                        HAS_ALARM_TOPIC,
                        "Properties",
                        map(
                                "TopicName",
                                sub("${AWS::StackName}-alarms"),
                                "Subscription",
                                "${param:alarmSubscriptions}")));
        resources.put("ApiThrottledRequestsFilter", Alarms.throttledRequestsFilter(ref(HTTP_API_LOG_GROUP)));
        resources.putAll(Alarms.api(alarmStack, ref(HTTP_API)));
        extensions.put(HTTP_API_LOG_GROUP, retained());
        for (Endpoint endpoint : Endpoint.all()) {
            String function = endpoint.functionName();
            String name = logicalName(function);
            String param = ServerlessParams.prefix(function);
            functions.put(
                    function,
                    map(
                            "handler",
                            DeployContract.HANDLER,
                            "role",
                            name + "Role",
                            "snapStart",
                            true,
                            "memorySize",
                            "${param:" + param + "MemorySize}",
                            "timeout",
                            "${param:" + param + "Timeout}",
                            "reservedConcurrency",
                            "${param:" + param + "ReservedConcurrency}",
                            "environment",
                            "${param:" + param + "Environment}",
                            "events",
                            List.of(map("httpApi", endpoint.route()))));
            resources.put(
                    name + "Role",
                    AwsResources.functionRole(
                            function,
                            sub(AwsResources.arn(
                                    "logs",
                                    "log-group:/aws/lambda/" + DeployContract.SERVERLESS_SERVICE + "-${sls:stage}-"
                                            + function + ":*")),
                            List.of(
                                    sub(AwsResources.secretArn("${param:databaseUrlSecretId}")),
                                    sub(AwsResources.secretArn("${param:jwtSecretId}"))),
                            AwsResources.InVpc.when(HAS_VPC),
                            boundary));
            resources.putAll(Alarms.standing(
                    alarmStack,
                    new Alarms.Function(
                            function,
                            name,
                            ref(frameworkName(function) + "LambdaFunction"),
                            "${param:" + param + "NearTimeoutMs}",
                            "${param:" + param + "ConcurrencyCap}")));
            routes.put(endpoint.route(), "${param:" + param + "Throttle}");
            routeIds.add(routeLogicalId(endpoint.route()));
            extensions.put(frameworkName(function) + "LogGroup", retained());
        }
        // The stage's route settings name the routes, so CloudFormation must create them first; v3 does not say so.
        extensions.put(HTTP_API_STAGE, map("DependsOn", routeIds, "Properties", map("RouteSettings", routes)));
        return map(
                "service",
                DeployContract.SERVERLESS_SERVICE,
                "frameworkVersion",
                "3",
                "configValidationMode",
                "error",
                "provider",
                map(
                        "name",
                        "aws",
                        "runtime",
                        DeployContract.RUNTIME,
                        "region",
                        "${param:region}",
                        "stackTags",
                        DeployContract.tags("${sls:stage}"),
                        "logRetentionInDays",
                        DeployContract.LOG_RETENTION_DAYS,
                        "vpc",
                        "${param:vpc, null}",
                        "environment",
                        "${param:environment}",
                        "logs",
                        map("httpApi", map("format", AwsResources.ACCESS_LOG_FORMAT)),
                        "httpApi",
                        map(
                                "metrics",
                                true,
                                "cors",
                                map(
                                        "allowedOrigins",
                                        "${param:corsOrigins}",
                                        "allowCredentials",
                                        true,
                                        "allowedMethods",
                                        DeployContract.CORS_METHODS,
                                        "allowedHeaders",
                                        DeployContract.CORS_HEADERS,
                                        "exposedResponseHeaders",
                                        DeployContract.CORS_EXPOSED_HEADERS,
                                        "maxAge",
                                        DeployContract.CORS_MAX_AGE_SECONDS))),
                "package",
                map("artifact", DeployContract.ARTIFACT),
                "functions",
                functions,
                "resources",
                map(
                        "Conditions",
                        map(
                                HAS_VPC,
                                isTrue("${param:hasVpc}"),
                                HAS_ALARM_TOPIC,
                                isTrue("${param:hasAlarmTopic}"),
                                HAS_PERMISSIONS_BOUNDARY,
                                boundary == null ? null : isTrue("${param:hasPermissionsBoundary}")),
                        "Resources",
                        resources,
                        "extensions",
                        extensions),
                "params",
                ServerlessParams.of(config));
    }

    private static Fn isTrue(String param) {
        return new Fn("Equals", List.of(param, "true"));
    }

    private static Map<String, Object> retained() {
        return map("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain");
    }

    /** The framework's name for a function in logical ids: "agent-progress" -> "AgentDashprogress". */
    static String frameworkName(String function) {
        String name = function.replace("-", "Dash").replace("_", "Underscore");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The framework's logical id of a route: "GET /api/manager/dashboard/agent-progress" ->
     * HttpApiRouteGetApiManagerDashboardAgentDashprogress (each part of the path capitalised, '-' as
     * "Dash", every other character left out).
     */
    static String routeLogicalId(String route) {
        StringBuilder id = new StringBuilder("HttpApiRoute");
        for (String part : route.split("/")) {
            String capitalised = part.isEmpty()
                    ? ""
                    : part.substring(0, 1).toUpperCase() + part.substring(1).toLowerCase();
            id.append(capitalised.replace("-", "Dash").replaceAll("[^0-9A-Za-z]", ""));
        }
        return id.toString();
    }
}
