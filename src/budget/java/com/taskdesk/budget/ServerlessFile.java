package com.taskdesk.budget;

import static com.taskdesk.budget.AwsResources.HAS_VPC;
import static com.taskdesk.budget.AwsResources.logicalName;
import static com.taskdesk.budget.CfnYaml.Fn;
import static com.taskdesk.budget.CfnYaml.map;
import static com.taskdesk.budget.CfnYaml.sub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * serverless.yml (Serverless Framework v3): the same functions, roles, routes, throttles, CORS and
 * VPC as template.yaml, each stage's values in {@code params}. Without plugins the framework can
 * neither shift traffic gradually nor map a custom domain, and v3 cannot declare a capacity provider:
 * those are template.yaml's only, and it deploys every function on Lambda's default model.
 */
final class ServerlessFile {

    static final String FILE = "serverless.yml";

    private ServerlessFile() {}

    static String render(BudgetConfig config) {
        return CfnYaml.write(
                "Serverless Framework v3: npx serverless@3 package|deploy --stage <stage> (stack "
                        + DeployContract.SERVERLESS_SERVICE + "-<stage>).\nStages: "
                        + String.join(", ", config.stageNames())
                        + ". What the framework cannot say without plugins is in template.yaml only: gradual deploys\nwith"
                        + " rollback alarms, the custom domain, and Lambda Managed Instances (v3 runs every function on\nLambda's"
                        + " default model).",
                document(config));
    }

    static Map<String, Object> document(BudgetConfig config) {
        Map<String, Object> functions = new LinkedHashMap<>();
        Map<String, Object> resources = new LinkedHashMap<>();
        Map<String, Object> routes = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.all()) {
            String function = endpoint.functionName();
            String name = logicalName(function);
            String param = paramPrefix(function);
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
                                    sub(AwsResources.secretArn("${param:jwtSecretId}")))));
            routes.put(endpoint.route(), "${param:" + param + "Throttle}");
        }
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
                        "logRetentionInDays",
                        "${param:logRetentionDays, " + DeployContract.LOG_RETENTION_DAYS + "}",
                        "vpc",
                        "${param:vpc, null}",
                        "environment",
                        "${param:environment}",
                        "httpApi",
                        map(
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
                        "Conditions", map(HAS_VPC, new Fn("Equals", List.of("${param:hasVpc}", "true"))),
                        "Resources", resources,
                        "extensions", map("HttpApiStage", map("Properties", map("RouteSettings", routes)))),
                "params",
                params(config));
    }

    private static Map<String, Object> params(BudgetConfig config) {
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
            for (FunctionBudget configured : stage.functions()) {
                FunctionBudget function = configured.onDefaultModel();
                String param = paramPrefix(function.name());
                values.put(param + "MemorySize", function.memoryMb());
                values.put(param + "Timeout", function.functionTimeoutSeconds());
                if (function.maxInstances() != null) {
                    values.put(param + "ReservedConcurrency", function.reservedConcurrency());
                    values.put(
                            param + "Throttle",
                            map(
                                    "ThrottlingRateLimit",
                                    function.throttle().ratePerSecond(),
                                    "ThrottlingBurstLimit",
                                    function.throttle().burst()));
                }
                values.put(param + "Environment", DeployContract.functionEnvironment(stage, function));
            }
            params.put(stage.name(), values);
        }
        return params;
    }

    /** "agent-progress" -> "agentProgress": its params are agentProgressTimeout, ... */
    private static String paramPrefix(String function) {
        String name = logicalName(function);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
