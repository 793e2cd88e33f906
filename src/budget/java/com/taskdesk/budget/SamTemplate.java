package com.taskdesk.budget;

import static com.taskdesk.budget.AwsResources.HAS_CUSTOM_DOMAIN;
import static com.taskdesk.budget.AwsResources.HAS_VPC;
import static com.taskdesk.budget.AwsResources.HTTP_API;
import static com.taskdesk.budget.AwsResources.logicalName;
import static com.taskdesk.budget.CfnYaml.Fn;
import static com.taskdesk.budget.CfnYaml.getAtt;
import static com.taskdesk.budget.CfnYaml.ifCondition;
import static com.taskdesk.budget.CfnYaml.map;
import static com.taskdesk.budget.CfnYaml.noValue;
import static com.taskdesk.budget.CfnYaml.ref;
import static com.taskdesk.budget.CfnYaml.sub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml, for every stage at once: a Stage parameter picks the stage's numbers from
 * Mappings (one map per function, keyed by stage). Per function: its role, log group, alarms,
 * and a gradual deploy that the alarms roll back; on Lambda's default model its reserved
 * concurrency, SnapStart and VPC, on Lambda Managed Instances the stack's capacity provider (in the
 * stage's VPC) and its scaling configuration. See README "Deploy".
 */
final class SamTemplate {

    static final String FILE = "template.yaml";
    private static final String STAGES = "Stages";
    static final String CAPACITY_PROVIDER = "CapacityProvider";
    /** Rollback alarms: the function's errors, its throttles, and its 500/503 answers, per minute. */
    private static final int ALARM_PERIOD_SECONDS = 60;

    private static final int HTTP_5XX_PER_MINUTE = 3;

    private SamTemplate() {}

    static String render(BudgetConfig config) {
        return CfnYaml.write(
                "SAM: sam deploy --config-env <stage> (samconfig.toml). Stages: "
                        + String.join(", ", config.stageNames()) + ".",
                document(config));
    }

    static Map<String, Object> document(BudgetConfig config) {
        Map<String, Object> resources = new LinkedHashMap<>();
        // CORS inside the API's own OpenAPI body: SAM's CorsConfiguration drops every field but the
        // origins when the origins are an intrinsic function (here the stage's list, from Mappings).
        resources.put(
                HTTP_API,
                map(
                        "Type",
                        "AWS::Serverless::HttpApi",
                        "Properties",
                        map(
                                "DefinitionBody",
                                        map(
                                                "openapi",
                                                "3.0.1",
                                                "info",
                                                map("title", "taskdesk-manager", "version", "1.0"),
                                                "paths",
                                                map(),
                                                "x-amazon-apigateway-cors",
                                                map(
                                                        "allowOrigins",
                                                        stageValue("CorsOrigins"),
                                                        "allowCredentials",
                                                        true,
                                                        "allowMethods",
                                                        DeployContract.CORS_METHODS,
                                                        "allowHeaders",
                                                        DeployContract.CORS_HEADERS,
                                                        "exposeHeaders",
                                                        DeployContract.CORS_EXPOSED_HEADERS,
                                                        "maxAge",
                                                        DeployContract.CORS_MAX_AGE_SECONDS)),
                                "RouteSettings", routeSettings())));
        AwsResources.customDomain(resources, ref("DomainName"), ref("CertificateArn"), "HttpApiApiGatewayDefaultStage");
        if (managedInstances(config)) {
            // Its operator role (AWS managed policy AWSLambdaManagedEC2ResourceOperator) is SAM's default.
            resources.put(
                    CAPACITY_PROVIDER,
                    map(
                            "Type",
                            "AWS::Serverless::CapacityProvider",
                            "Properties",
                            map(
                                    "VpcConfig",
                                    map("SubnetIds", ref("SubnetIds"), "SecurityGroupIds", ref("SecurityGroupIds")))));
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
                                        sub(AwsResources.arn("cloudwatch", "alarm:${AWS::StackName}-*"))))));
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put(
                "ApiUrl",
                map(
                        "Description",
                        "The HTTP API's own address",
                        "Value",
                        sub("https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}")));
        outputs.put(
                "CustomDomainUrl",
                map(
                        "Condition",
                        HAS_CUSTOM_DOMAIN,
                        "Description",
                        "The API on the app's site",
                        "Value",
                        sub("https://${DomainName}")));
        outputs.put("CustomDomainTarget", AwsResources.customDomainOutput());
        for (Endpoint endpoint : Endpoint.all()) {
            function(resources, config.stages().get(0), endpoint);
            outputs.put(
                    logicalName(endpoint.functionName()) + "Function",
                    map(
                            "Description",
                            endpoint.route() + ": the alias every request calls",
                            "Value",
                            ref(logicalName(endpoint.functionName()) + "Function.Alias")));
        }
        return map(
                "AWSTemplateFormatVersion",
                "2010-09-09",
                "Transform",
                "AWS::Serverless-2016-10-31",
                "Description",
                "Task desk manager endpoints: one Lambda function per endpoint, sized by config/",
                "Parameters",
                parameters(config),
                "Rules",
                map(
                        "CustomDomainNeedsCertificate",
                        map(
                                "RuleCondition",
                                not(equal(ref("DomainName"), "")),
                                "Assertions",
                                List.of(map(
                                        "Assert",
                                        not(equal(ref("CertificateArn"), "")),
                                        "AssertDescription",
                                        "DomainName needs CertificateArn, an ACM certificate of the domain")))),
                "Conditions",
                map(
                        HAS_VPC,
                        new Fn(
                                "And",
                                List.of(
                                        not(equal(joined("SubnetIds"), "")),
                                        not(equal(joined("SecurityGroupIds"), "")))),
                        HAS_CUSTOM_DOMAIN,
                        new Fn(
                                "And",
                                List.of(not(equal(ref("DomainName"), "")), not(equal(ref("CertificateArn"), ""))))),
                "Mappings",
                mappings(config),
                "Globals",
                map("Function", globals(config.stages().get(0))),
                "Resources",
                resources,
                "Outputs",
                outputs);
    }

    private static Map<String, Object> parameters(BudgetConfig config) {
        // Managed Instances run in the capacity provider's VPC: then every stage has one (DeployFiles).
        boolean vpcRequired = managedInstances(config);
        return map(
                "Stage",
                map(
                        "Type",
                        "String",
                        "AllowedValues",
                        config.stageNames(),
                        "Description",
                        "The stage of config/ this stack deploys"),
                "SubnetIds",
                map(
                        "Type",
                        "CommaDelimitedList",
                        "Default",
                        vpcRequired ? null : "",
                        "Description",
                        "Subnets of the database's VPC (with SecurityGroupIds)"
                                + (vpcRequired ? "; the capacity provider's too" : "; empty: no VPC")),
                "SecurityGroupIds",
                map(
                        "Type",
                        "CommaDelimitedList",
                        "Default",
                        vpcRequired ? null : "",
                        "Description",
                        "Security groups the database admits"),
                "DomainName",
                map("Type", "String", "Default", "", "Description", "The API's custom domain; empty: none"),
                "CertificateArn",
                map("Type", "String", "Default", "", "Description", "ACM certificate of DomainName"),
                "LogRetentionDays",
                map(
                        "Type",
                        "Number",
                        "Default",
                        DeployContract.LOG_RETENTION_DAYS,
                        "Description",
                        "How long each function's log group keeps its logs"));
    }

    /** Every number and text that differs by stage: Stages, and one map per function. */
    private static Map<String, Object> mappings(BudgetConfig config) {
        Map<String, Object> mappings = new LinkedHashMap<>();
        Map<String, Object> stages = new LinkedHashMap<>();
        for (StageConfig stage : config.stages()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("CorsOrigins", stage.corsOrigins());
            DeployContract.stageEnvironment(stage)
                    .forEach((name, value) -> values.put(DeployContract.key(name), value));
            stages.put(stage.name(), values);
        }
        mappings.put(STAGES, stages);
        for (Endpoint endpoint : Endpoint.all()) {
            Map<String, Object> byStage = new LinkedHashMap<>();
            for (StageConfig stage : config.stages()) {
                FunctionBudget function = stage.function(endpoint.functionName());
                Map<String, Object> values = new LinkedHashMap<>();
                if (function.maxInstances() != null && function.onManagedInstances()) {
                    values.put("PerExecutionEnvironmentMaxConcurrency", function.requestsPerInstance());
                    values.put("MinExecutionEnvironments", function.minExecutionEnvironments());
                    values.put("MaxExecutionEnvironments", function.maxInstances());
                } else if (function.maxInstances() != null) {
                    values.put("ReservedConcurrency", function.reservedConcurrency());
                }
                if (function.maxInstances() != null) {
                    values.put("ThrottlingRateLimit", function.throttle().ratePerSecond());
                    values.put("ThrottlingBurstLimit", function.throttle().burst());
                }
                values.put("MemoryMb", function.memoryMb());
                values.put("TimeoutSeconds", function.functionTimeoutSeconds());
                values.put("DeploymentType", function.deploymentType().codeDeployName());
                DeployContract.functionEnvironment(stage, function)
                        .forEach((name, value) -> values.put(DeployContract.key(name), value));
                byStage.put(stage.name(), values);
            }
            mappings.put(logicalName(endpoint.functionName()), byStage);
        }
        return mappings;
    }

    /** What every function shares; the variables' names are the same in every stage (any will do). */
    private static Map<String, Object> globals(StageConfig anyStage) {
        Map<String, Object> environment = new LinkedHashMap<>();
        DeployContract.stageEnvironment(anyStage)
                .keySet()
                .forEach(name -> environment.put(name, stageValue(DeployContract.key(name))));
        return map(
                "Runtime",
                DeployContract.RUNTIME,
                "Handler",
                DeployContract.HANDLER,
                "CodeUri",
                DeployContract.ARTIFACT,
                "AutoPublishAlias",
                DeployContract.ALIAS,
                "Environment",
                map("Variables", environment));
    }

    private static void function(Map<String, Object> resources, StageConfig anyStage, Endpoint endpoint) {
        String function = endpoint.functionName();
        String name = logicalName(function);
        resources.put(
                name + "LogGroup",
                map(
                        "Type",
                        "AWS::Logs::LogGroup",
                        "Properties",
                        map(
                                "LogGroupName", sub("/aws/lambda/${AWS::StackName}-" + function),
                                "RetentionInDays", ref("LogRetentionDays"))));
        resources.put(
                name + "Role",
                AwsResources.functionRole(
                        function,
                        getAtt(name + "LogGroup.Arn"),
                        List.of(
                                secretArn(DeployContract.DATABASE_URL_SECRET_ID),
                                secretArn(DeployContract.JWT_SECRET_ID))));
        Map<String, Object> environment = new LinkedHashMap<>();
        DeployContract.functionEnvironment(anyStage, anyStage.function(function))
                .keySet()
                .forEach(variable -> environment.put(variable, value(name, DeployContract.key(variable))));
        List<Object> alarms = new ArrayList<>();
        alarms(resources, endpoint, alarms);
        String[] route = endpoint.route().split(" ");
        // SAM takes no Fn::If in CapacityProviderConfig: a function runs on one model in every stage (DeployFiles).
        boolean managed = anyStage.function(function).onManagedInstances();
        resources.put(
                name + "Function",
                map(
                        "Type",
                        "AWS::Serverless::Function",
                        "Properties",
                        map(
                                "FunctionName", sub("${AWS::StackName}-" + function),
                                "Description", endpoint.route(),
                                "Role", getAtt(name + "Role.Arn"),
                                "MemorySize", value(name, "MemoryMb"),
                                "Timeout", value(name, "TimeoutSeconds"),
                                "ReservedConcurrentExecutions", managed ? null : value(name, "ReservedConcurrency"),
                                // Managed Instances run in the capacity provider's VPC and start before traffic
                                // (nothing to snapshot).
                                "SnapStart", managed ? null : map("ApplyOn", "PublishedVersions"),
                                "VpcConfig",
                                        managed
                                                ? null
                                                : ifCondition(
                                                        HAS_VPC,
                                                        map(
                                                                "SubnetIds",
                                                                ref("SubnetIds"),
                                                                "SecurityGroupIds",
                                                                ref("SecurityGroupIds")),
                                                        noValue()),
                                "CapacityProviderConfig",
                                        managed
                                                ? map(
                                                        "Arn",
                                                        getAtt(CAPACITY_PROVIDER + ".Arn"),
                                                        "PerExecutionEnvironmentMaxConcurrency",
                                                        value(name, "PerExecutionEnvironmentMaxConcurrency"))
                                                : null,
                                "FunctionScalingConfig",
                                        managed
                                                ? map(
                                                        "MinExecutionEnvironments",
                                                        value(name, "MinExecutionEnvironments"),
                                                        "MaxExecutionEnvironments",
                                                        value(name, "MaxExecutionEnvironments"))
                                                : null,
                                "LoggingConfig", map("LogGroup", ref(name + "LogGroup")),
                                "Environment", map("Variables", environment),
                                "DeploymentPreference",
                                        map(
                                                "Type",
                                                value(name, "DeploymentType"),
                                                "Alarms",
                                                alarms,
                                                "Role",
                                                getAtt("DeployRole.Arn")),
                                "Events",
                                        map(
                                                "Api",
                                                map(
                                                        "Type",
                                                        "HttpApi",
                                                        "Properties",
                                                        map(
                                                                "ApiId",
                                                                ref(HTTP_API),
                                                                "Method",
                                                                route[0],
                                                                "Path",
                                                                route[1]))))));
    }

    /** AWS/Lambda errors and throttles of the alias, and the 500/503 answers the function counts. */
    private static void alarms(Map<String, Object> resources, Endpoint endpoint, List<Object> alarms) {
        String function = endpoint.functionName();
        String name = logicalName(function);
        List<Object> lambda = List.of(
                map("Name", "FunctionName", "Value", ref(name + "Function")),
                map("Name", "Resource", "Value", sub("${" + name + "Function}:" + DeployContract.ALIAS)));
        for (String metric : List.of("Errors", "Throttles")) {
            resources.put(
                    name + metric + "Alarm",
                    alarm(
                            function,
                            metric.toLowerCase(),
                            1,
                            map(
                                    "Namespace",
                                    "AWS/Lambda",
                                    "MetricName",
                                    metric,
                                    "Dimensions",
                                    lambda,
                                    "Statistic",
                                    "Sum",
                                    "Period",
                                    ALARM_PERIOD_SECONDS)));
            alarms.add(ref(name + metric + "Alarm"));
        }
        List<Object> metrics = new ArrayList<>();
        metrics.add(
                map("Id", "answers", "Expression", "SUM(METRICS())", "Label", "HTTP 5xx answers", "ReturnData", true));
        List<Object> ours =
                List.of(map("Name", "Stage", "Value", ref("Stage")), map("Name", "Function", "Value", function));
        for (String metric : DeployContract.HTTP_5XX_METRICS) {
            metrics.add(map(
                    "Id",
                    metric.toLowerCase(),
                    "MetricStat",
                    metricStat(DeployContract.METRICS_NAMESPACE, metric, ours),
                    "ReturnData",
                    false));
        }
        resources.put(name + "Http5xxAlarm", alarm(function, "http-5xx", HTTP_5XX_PER_MINUTE, map("Metrics", metrics)));
        alarms.add(ref(name + "Http5xxAlarm"));
    }

    private static Map<String, Object> alarm(String function, String what, int threshold, Map<String, Object> metric) {
        Map<String, Object> properties = map(
                "AlarmName",
                sub("${AWS::StackName}-" + function + "-" + what),
                "AlarmDescription",
                "Rolls back a deploy of " + function + " (" + what + " >= " + threshold + " a minute)",
                "ComparisonOperator",
                "GreaterThanOrEqualToThreshold",
                "Threshold",
                threshold,
                "EvaluationPeriods",
                1,
                "TreatMissingData",
                "notBreaching");
        properties.putAll(metric);
        return map("Type", "AWS::CloudWatch::Alarm", "Properties", properties);
    }

    private static Map<String, Object> metricStat(String namespace, String metric, List<Object> dimensions) {
        return map(
                "Metric",
                map("Namespace", namespace, "MetricName", metric, "Dimensions", dimensions),
                "Period",
                ALARM_PERIOD_SECONDS,
                "Stat",
                "Sum");
    }

    private static Map<String, Object> routeSettings() {
        Map<String, Object> routes = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.all()) {
            String name = logicalName(endpoint.functionName());
            routes.put(
                    endpoint.route(),
                    map(
                            "ThrottlingRateLimit",
                            value(name, "ThrottlingRateLimit"),
                            "ThrottlingBurstLimit",
                            value(name, "ThrottlingBurstLimit")));
        }
        return routes;
    }

    /** Whether a function runs on Lambda Managed Instances (in every stage, then: DeployFiles). */
    private static boolean managedInstances(BudgetConfig config) {
        return config.stages().get(0).functions().stream().anyMatch(FunctionBudget::onManagedInstances);
    }

    private static Fn secretArn(String variable) {
        return sub(AwsResources.secretArn("${SecretId}"), map("SecretId", stageValue(DeployContract.key(variable))));
    }

    private static Fn stageValue(String key) {
        return value(STAGES, key);
    }

    private static Fn value(String mapping, String key) {
        return new Fn("FindInMap", List.of(mapping, ref("Stage"), key));
    }

    private static Fn joined(String listParameter) {
        return new Fn("Join", List.of("", ref(listParameter)));
    }

    private static Fn not(Object condition) {
        return new Fn("Not", List.of(condition));
    }

    private static Fn equal(Object a, Object b) {
        return new Fn("Equals", List.of(a, b));
    }
}
