package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.HAS_VPC;
import static com.taskdesk.budget.render.AwsResources.HTTP_API;
import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.ifCondition;
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
 * serverless.yml (Serverless Framework v3, run with osls: DeployContract.SERVERLESS_CLI): the same functions, roles, routes, throttles, CORS, VPC,
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

    private static final Fragment FILE_TEXT = Fragment.of("""
            service: <service>
            frameworkVersion: '3'
            configValidationMode: error
            provider:
              name: aws
              runtime: <runtime>
              region: ${param:region}
              stackTags: <tags>
              logRetentionInDays: <retentionDays>
              vpc: ${param:vpc, null}
              environment: ${param:environment}
              logs:
                httpApi: {format: <accessLogFormat>}
              httpApi:
                metrics: true
                cors:
                  allowedOrigins: ${param:corsOrigins}
                  allowCredentials: true
                  allowedMethods: <corsMethods>
                  allowedHeaders: <corsHeaders>
                  exposedResponseHeaders: <corsExposedHeaders>
                  maxAge: <corsMaxAge>
            package: {artifact: <artifact>}
            functions: <functions>
            resources:
              Conditions:
                HasVpc: !Equals ['${param:hasVpc}', 'true']
                HasAlarmTopic: !Equals ['${param:hasAlarmTopic}', 'true']
                HasPermissionsBoundary: <hasPermissionsBoundary>
              Resources:
                AlarmTopic:
                  Type: AWS::SNS::Topic
                  Condition: HasAlarmTopic
                  Properties:
                    TopicName: !Sub '${AWS::StackName}-alarms'
                    Subscription: ${param:alarmSubscriptions}
                ApiThrottledRequestsFilter: <throttledRequestsFilter>
              extensions: <extensions>
            params: <params>
            """);

    private static final Fragment FUNCTION = Fragment.of("""
            handler: <handler>
            role: <name>Role
            snapStart: true
            memorySize: ${param:<param>MemorySize}
            timeout: ${param:<param>Timeout}
            reservedConcurrency: ${param:<param>ReservedConcurrency}
            environment: ${param:<param>Environment}
            events: [{httpApi: <route>}]
            """);

    /** The stage's route settings name the routes, so CloudFormation must create them first; v3 does not say so. */
    private static final Fragment HTTP_API_STAGE_EXTENSION =
            Fragment.of("{DependsOn: <routeIds>, Properties: {RouteSettings: <routes>}}");

    private ServerlessFile() {}

    static String render(BudgetConfig config) {
        return CfnYaml.write(
                "Serverless Framework v3, run with osls: npx " + DeployContract.SERVERLESS_CLI
                        + " package|deploy --stage <stage> (stack "
                        + DeployContract.SERVERLESS_SERVICE + "-<stage>).\nStages: "
                        + String.join(", ", config.stageNames())
                        + ". What the framework cannot say without plugins is in the SAM templates only: gradual"
                        + " deploys\nwith rollback alarms, the custom domain, and Lambda Managed Instances (v3 runs"
                        + " every function on\nLambda's default model).",
                document(config));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> document(BudgetConfig config) {
        Map<String, Object> functions = new LinkedHashMap<>();
        // The API's alarms, then each function's role and alarms.
        Map<String, Object> resources = new LinkedHashMap<>(Alarm.api("${param:alarmActions}", ref(HTTP_API)));
        Map<String, Object> routes = new LinkedHashMap<>();
        Map<String, Object> extensions = new LinkedHashMap<>();
        List<Object> routeIds = new ArrayList<>();
        // Only when a stage sets one: a stage without gets the condition false (and an unused ARN-shaped value).
        boolean bounded = ServerlessParams.bounded(config);
        Object boundary =
                bounded ? ifCondition(HAS_PERMISSIONS_BOUNDARY, "${param:permissionsBoundary}", noValue()) : null;
        // The log groups the framework creates, kept as the SAM templates' are.
        extensions.put(HTTP_API_LOG_GROUP, AwsResources.keptExceptOnCreate());
        for (Endpoint endpoint : Endpoint.all()) {
            String function = endpoint.functionName();
            String name = logicalName(function);
            String param = ServerlessParams.prefix(function);
            functions.put(
                    function,
                    FUNCTION.with(
                            "handler",
                            DeployContract.HANDLER,
                            "name",
                            name,
                            "param",
                            param,
                            "route",
                            endpoint.route()));
            resources.put(
                    name + "Role",
                    AwsResources.functionRole(
                            function,
                            sub(AwsResources.arn(
                                    "logs",
                                    "log-group:/aws/lambda/" + DeployContract.SERVERLESS_SERVICE + "-${sls:stage}-"
                                            + function + ":*")),
                            AwsResources.secretArns(
                                    endpoint, "${param:databaseUrlSecretId}/" + function, "${param:jwtSecretId}"),
                            AwsResources.InVpc.when(HAS_VPC),
                            boundary));
            AlarmSubject subject = new AlarmSubject(
                    function,
                    ref(frameworkName(function) + "LambdaFunction"),
                    null,
                    null,
                    "${param:" + param + "NearTimeoutMs}",
                    "${param:" + param + "ConcurrencyCap}",
                    "${sls:stage}");
            resources.putAll(
                    subject.alarms("${param:alarmActions}", name, Alarm.Scope.FUNCTION, Alarm.Scope.CAPPED_FUNCTION));
            routes.put(endpoint.route(), "${param:" + param + "Throttle}");
            routeIds.add(routeLogicalId(endpoint.route()));
            extensions.put(frameworkName(function) + "LogGroup", AwsResources.keptExceptOnCreate());
        }
        extensions.put(HTTP_API_STAGE, HTTP_API_STAGE_EXTENSION.with("routeIds", routeIds, "routes", routes));
        Map<String, Object> document = FILE_TEXT.map(
                "service",
                DeployContract.SERVERLESS_SERVICE,
                "runtime",
                DeployContract.RUNTIME,
                "tags",
                DeployContract.tags("${sls:stage}"),
                "retentionDays",
                DeployContract.LOG_RETENTION_DAYS,
                "accessLogFormat",
                AwsResources.ACCESS_LOG_FORMAT,
                "corsMethods",
                DeployContract.CORS_METHODS,
                "corsHeaders",
                DeployContract.CORS_HEADERS,
                "corsExposedHeaders",
                DeployContract.CORS_EXPOSED_HEADERS,
                "corsMaxAge",
                DeployContract.CORS_MAX_AGE_SECONDS,
                "artifact",
                DeployContract.ARTIFACT,
                "functions",
                functions,
                "hasPermissionsBoundary",
                bounded ? new CfnYaml.Fn("Equals", List.of("${param:hasPermissionsBoundary}", "true")) : null,
                "throttledRequestsFilter",
                Alarm.throttledRequestsFilter(ref(HTTP_API_LOG_GROUP)),
                "extensions",
                extensions,
                "params",
                ServerlessParams.of(config));
        ((Map<String, Object>) ((Map<String, Object>) document.get("resources")).get("Resources")).putAll(resources);
        return document;
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
