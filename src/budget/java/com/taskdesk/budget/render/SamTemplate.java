package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.HTTP_API;
import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.ref;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigSchema;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template-&lt;stage&gt;.yaml: one SAM template per stage. Every function's setting is literal:
 * AutoPublishAlias publishes a new version when a function's properties as the template writes them
 * change (AutoPublishAliasAllProperties: all of them, the timeout included), so every change of
 * config/ reaches the version the live alias serves, and a change of one function publishes that
 * function only. (SAM hashes a !FindInMap call or a parameter's !Ref, not the value it picks: one
 * template for every stage would hide a change from live.) Globals holds what the stage's functions
 * share (SamGlobals), each function what differs (SamFunction).
 *
 * <p>The alarms are the one place that reads a table: every function has the same five, so the
 * template writes them once, as an Fn::ForEach over the stack's functions (AWS::LanguageExtensions,
 * which CloudFormation applies before the SAM transform), their thresholds in the Functions mapping
 * (AlarmSubject). Alarms are no function's property, so no version hash depends on them.
 *
 * <p>Per stack: the HTTP API with its routes' throttles, access log and detailed metrics, the API's
 * alarms, CodeDeploy's role, the optional custom domain, alarm topic and capacity provider. See
 * docs/deploy.md and docs/alarms.md.
 */
final class SamTemplate {

    static final String CAPACITY_PROVIDER = "CapacityProvider";
    static final String ALARM_TOPIC = "AlarmTopic";
    static final String ACCESS_LOG_GROUP = "ApiAccessLogGroup";
    /** SAM's name for the HTTP API's $default stage. */
    static final String API_STAGE = HTTP_API + "ApiGatewayDefaultStage";

    /** What a SAM template of this project is named: template-<stage>.yaml, and template.yaml. */
    static final String FILE_PATTERN = "template(-[a-z0-9]+)?\\.yaml";

    /**
     * The default stage's template, under the name SAM's commands read without -t (sam build, sam local
     * invoke, sam validate): the same resources as that stage's own file, so it publishes exactly what
     * that stage would. Every stage keeps its own file with its values literal (see above); this is
     * not one template for all stages, which would hide a stage's change from its versions.
     */
    static final String DEFAULT_FILE = "template.yaml";

    /** The stage template.yaml renders: dev, the developers' stage, or the first stage without one. */
    static final String DEFAULT_STAGE = "dev";

    private static final Fragment TEMPLATE = Fragment.of("""
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
            Description: 'Task desk manager endpoints, stage <stage>: one Lambda function per endpoint, sized by <file>'
            Mappings: {<functionsMapping>: <functions>}
            Globals: <globals>
            Resources:
              HttpApi:
                Type: AWS::Serverless::HttpApi
                Properties:
                  CorsConfiguration:
                    AllowOrigins: <corsOrigins>
                    AllowCredentials: true
                    AllowMethods: <corsMethods>
                    AllowHeaders: <corsHeaders>
                    ExposeHeaders: <corsExposedHeaders>
                    MaxAge: <corsMaxAge>
                  AccessLogSettings: {DestinationArn: !GetAtt ApiAccessLogGroup.Arn, Format: <accessLogFormat>}
                  DisableExecuteApiEndpoint: <disableExecuteApi>
                  DefaultRouteSettings: {DetailedMetricsEnabled: true}
                  RouteSettings: <routes>
              ApiAccessLogGroup: <accessLogGroup>
              ApiThrottledRequestsFilter: <throttledRequestsFilter>
            Outputs:
              ApiUrl:
                Description: The HTTP API's own address
                Value: !Sub 'https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}'
            """);

    /** CodeDeploy shifts the functions' aliases and reads their rollback alarms, nothing else. */
    private static final Fragment DEPLOY_ROLE_STATEMENTS = Fragment.of("""
            - Sid: ShiftAliases
              Effect: Allow
              Action: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig']
              Resource: !Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-*'
            - Sid: ReadAlarms
              Effect: Allow
              Action: ['cloudwatch:DescribeAlarms']
              Resource: !Sub 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*'
            """);

    private static final Fragment ALARM_TOPIC_RESOURCE = Fragment.of("""
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Sub '${AWS::StackName}-alarms'
              Subscription: <subscriptions>
            """);

    /** One e-mail address the alarm topic the stack creates mails (each confirms the mail AWS sends). */
    static final Fragment SUBSCRIPTION = Fragment.of("{Protocol: email, Endpoint: <address>}");

    /**
     * The stack's capacity provider, in the stage's VPC. Its operator role is SAM's default
     * (AWSLambdaManagedEC2ResourceOperator) unless the stage sets a permissions boundary, which SAM's
     * role could not carry: then the stack declares the same role with the boundary.
     */
    private static final Fragment CAPACITY_PROVIDER_RESOURCE = Fragment.of("""
            Type: AWS::Serverless::CapacityProvider
            Properties:
              VpcConfig: {SubnetIds: <subnetIds>, SecurityGroupIds: <securityGroupIds>}
              OperatorRole: <operatorRole>
            """);

    private static final Fragment OPERATOR_ROLE = Fragment.of("""
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: {Service: lambda.amazonaws.com}
                    Action: sts:AssumeRole
              PermissionsBoundary: <boundary>
              ManagedPolicyArns: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator']
            """);

    /** A function's route, and the alias every request calls (not the function: its $LATEST serves none). */
    private static final Fragment FUNCTION_OUTPUT =
            Fragment.of("{Description: <route>, Value: !Ref <name>Function.Alias}");

    private static final Fragment DOMAIN_OUTPUTS = Fragment.of("""
            CustomDomainUrl:
              Description: The API on the app's site
              Value: https://<domain>
            CustomDomainTarget:
              Description: 'The custom domain''s target: point its DNS record (CNAME or alias) here'
              Value: !GetAtt CustomDomain.RegionalDomainName
            """);

    private SamTemplate() {}

    /** template-prod.yaml */
    static String file(StageConfig stage) {
        return "template-" + stage.name() + ".yaml";
    }

    static String render(StageConfig stage) {
        return CfnYaml.write(
                "SAM, stage " + stage.name() + ": sam deploy --config-env " + stage.name() + " (samconfig.toml).",
                document(stage));
    }

    /** The stage template.yaml is rendered from. */
    static StageConfig defaultStage(BudgetConfig config) {
        return config.stageNames().contains(DEFAULT_STAGE)
                ? config.stage(DEFAULT_STAGE)
                : config.stage(config.stageNames().get(0));
    }

    /** template.yaml: the default stage's template, saying so. */
    static String renderDefault(BudgetConfig config) {
        StageConfig stage = defaultStage(config);
        return CfnYaml.write(
                "SAM, stage " + stage.name() + " (the default stage: the same as " + file(stage) + "), the template"
                        + " sam build,\nsam local invoke and sam validate read without -t. Every stage deploys"
                        + " from its own file:\nsam deploy --config-env <stage> (samconfig.toml).",
                document(stage));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> document(StageConfig stage) {
        SamGlobals globals = SamGlobals.of(stage);
        Object actions = actions(stage);
        Map<String, Object> document = TEMPLATE.map(
                "stage",
                stage.name(),
                "file",
                stage.fileName(),
                "functionsMapping",
                AlarmSubject.FUNCTIONS_MAPPING,
                "functions",
                AlarmSubject.mapping(stage),
                "globals",
                globals.section(),
                "corsOrigins",
                stage.corsOrigins(),
                "corsMethods",
                DeployContract.CORS_METHODS,
                "corsHeaders",
                DeployContract.CORS_HEADERS,
                "corsExposedHeaders",
                DeployContract.CORS_EXPOSED_HEADERS,
                "corsMaxAge",
                DeployContract.CORS_MAX_AGE_SECONDS,
                "accessLogFormat",
                AwsResources.ACCESS_LOG_FORMAT,
                "routes",
                routes(stage),
                "disableExecuteApi", // behind the edge, CloudFront's origin is the domain and nothing else may reach it
                stage.edge() == null ? null : true,
                "accessLogGroup",
                AwsResources.logGroup(CfnYaml.sub("/aws/http-api/${AWS::StackName}")),
                "throttledRequestsFilter",
                Alarm.throttledRequestsFilter(ref(ACCESS_LOG_GROUP)));
        Map<String, Object> resources = (Map<String, Object>) document.get("Resources");
        resources.putAll(Alarm.api(actions, ref(HTTP_API)));
        if (stage.domain() != null) {
            resources.putAll(AwsResources.customDomain(
                    stage.domain().name(), stage.domain().certificateArn(), API_STAGE));
        }
        if (stage.alarmNotifications() != null && stage.alarmNotifications().email() != null) {
            resources.put(ALARM_TOPIC, alarmTopic(stage.alarmNotifications().email()));
        }
        if (stage.managedInstances()) {
            boolean bounded = stage.permissionsBoundary() != null;
            if (bounded) {
                resources.put(
                        CAPACITY_PROVIDER + "OperatorRole", OPERATOR_ROLE.map("boundary", stage.permissionsBoundary()));
            }
            resources.put(
                    CAPACITY_PROVIDER,
                    CAPACITY_PROVIDER_RESOURCE.map(
                            "subnetIds",
                            stage.network().subnetIds(),
                            "securityGroupIds",
                            stage.network().securityGroupIds(),
                            "operatorRole",
                            bounded ? CfnYaml.getAtt(CAPACITY_PROVIDER + "OperatorRole.Arn") : null));
        }
        resources.put(
                "DeployRole",
                AwsResources.role(
                        "codedeploy",
                        "shift-aliases-on-alarms",
                        (List<?>) DEPLOY_ROLE_STATEMENTS.with(),
                        stage.permissionsBoundary()));
        for (FunctionBudget function : stage.functions()) {
            SamFunction.add(resources, stage, globals, function);
        }
        resources.putAll(AlarmSubject.loops(stage, actions));
        Map<String, Object> outputs = (Map<String, Object>) document.get("Outputs");
        if (stage.domain() != null) {
            outputs.putAll(DOMAIN_OUTPUTS.map("domain", stage.domain().name()));
        }
        for (FunctionBudget function : stage.functions()) {
            String name = logicalName(function.name());
            outputs.put(
                    name + "Function",
                    FUNCTION_OUTPUT.with("route", function.endpoint().route(), "name", name));
        }
        return document;
    }

    /** Each capped function's route throttle (a function without a cap has none). */
    private static Map<String, Object> routes(StageConfig stage) {
        Map<String, Object> routes = new LinkedHashMap<>();
        for (FunctionBudget function : stage.functions()) {
            if (function.maxInstances() != null) {
                routes.put(function.endpoint().route(), AwsResources.routeSettings(function.throttle()));
            }
        }
        return routes.isEmpty() ? null : routes;
    }

    private static Map<String, Object> alarmTopic(List<String> email) {
        return ALARM_TOPIC_RESOURCE.map(
                "subscriptions",
                email.stream()
                        .map(address -> SUBSCRIPTION.with("address", address))
                        .toList());
    }

    /** The alarm topic's ARN for AlarmActions, or a reference to the topic the stack creates; null: none. */
    static List<Object> actions(StageConfig stage) {
        ConfigSchema.AlarmNotifications notify = stage.alarmNotifications();
        if (notify == null) {
            return null;
        }
        return List.of(notify.topicArn() != null ? notify.topicArn() : ref(ALARM_TOPIC));
    }
}
