package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.CfnYaml.Fn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rendered deploy files declare, read from the documents the tool writes. */
class RenderedDeployFilesTest {

    private final BudgetConfig config = ConfigFiles.load(ProjectCopy.PROJECT);
    private final Map<String, Object> template = SamTemplate.document(config);
    private final Map<String, Object> serverless = ServerlessFile.document(config);

    private static Object at(Object node, String... path) {
        for (String key : path) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return node;
    }

    /** Every map anywhere in the document. */
    private static List<Map<?, ?>> maps(Object node) {
        List<Map<?, ?>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            found.add(map);
            map.values().forEach(value -> found.addAll(maps(value)));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> found.addAll(maps(item)));
        } else if (node instanceof Fn fn) {
            found.addAll(maps(fn.argument()));
        }
        return found;
    }

    @Test
    void eachFunctionHasItsOwnRoleLogsOnlyToItsLogGroupAndReadsOnlyItsStagesTwoSecrets() {
        for (Endpoint endpoint : Endpoint.all()) {
            String name = AwsResources.logicalName(endpoint.functionName());
            Map<?, ?> function = (Map<?, ?>) at(template, "Resources", name + "Function", "Properties");
            assertEquals(CfnYaml.getAtt(name + "Role.Arn"), function.get("Role"));
            assertFalse(
                    function.containsKey("Policies"),
                    "no SAM-generated role, which would attach AWSLambdaBasicExecutionRole");
            List<?> statements = (List<?>) at(
                    ((List<?>) at(template, "Resources", name + "Role", "Properties", "Policies")).get(0),
                    "PolicyDocument",
                    "Statement");
            assertEquals(CfnYaml.getAtt(name + "LogGroup.Arn"), at(statements.get(0), "Resource"));
            assertEquals(List.of("secretsmanager:GetSecretValue"), at(statements.get(1), "Action"));
            assertEquals(2, ((List<?>) at(statements.get(1), "Resource")).size());
        }
        for (Map<String, Object> document : List.of(template, serverless)) {
            assertTrue(maps(document).stream().noneMatch(map -> map.containsKey("ManagedPolicyArns")));
            assertEquals(
                    Set.of("VpcDescribe"),
                    maps(document).stream()
                            .filter(map -> "*".equals(map.get("Resource")))
                            .map(map -> map.get("Sid"))
                            .collect(java.util.stream.Collectors.toSet()),
                    "Resource '*' only for the two describe calls IAM cannot scope, and only in a VPC");
        }
        assertEquals(
                List.of("lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"),
                at(
                        ((List<?>) at(
                                        ((List<?>) at(template, "Resources", "DeployRole", "Properties", "Policies"))
                                                .get(0),
                                        "PolicyDocument",
                                        "Statement"))
                                .get(0),
                        "Action"),
                "CodeDeploy gets its own narrow role too");
    }

    @Test
    void noSecretIsInAFunctionsEnvironmentOnlyTheNamesOfItsStagesSecrets() {
        Set<Object> variables =
                new TreeSet<>(((Map<?, ?>) at(template, "Globals", "Function", "Environment", "Variables")).keySet());
        variables.addAll(
                ((Map<?, ?>) at(template, "Resources", "AgentsFunction", "Properties", "Environment", "Variables"))
                        .keySet());
        assertFalse(variables.contains("DATABASE_URL") || variables.contains("JWT_SECRET"), variables.toString());
        assertTrue(
                variables.containsAll(List.of(
                        "DATABASE_URL_SECRET_ID", "JWT_SECRET_ID", "DB_TIMEOUT_MARGIN_SECONDS", "TASKDESK_STAGE")),
                variables.toString());
        assertEquals("taskdesk/prod/database-url", at(template, "Mappings", "Stages", "prod", "DatabaseUrlSecretId"));
        Map<?, ?> prodEnvironment = (Map<?, ?>) at(serverless, "params", "prod", "environment");
        assertEquals("taskdesk/prod/jwt-secret", prodEnvironment.get("JWT_SECRET_ID"));
        assertFalse(prodEnvironment.containsKey("JWT_SECRET"));
    }

    @Test
    void corsIsInTheApisOwnBodySoNoFieldIsLostAndBrowsersMayReadRetryAfter() {
        Map<?, ?> api = (Map<?, ?>) at(template, "Resources", "HttpApi", "Properties");
        assertFalse(
                api.containsKey("CorsConfiguration"), "SAM keeps only the origins when they are an intrinsic function");
        Map<?, ?> cors = (Map<?, ?>) at(api, "DefinitionBody", "x-amazon-apigateway-cors");
        assertEquals(true, cors.get("allowCredentials"));
        assertEquals(List.of("Retry-After", "Last-Modified", "X-Data-Age"), cors.get("exposeHeaders"));
        assertEquals(List.of("https://desk.example.com"), at(template, "Mappings", "Stages", "prod", "CorsOrigins"));
        assertEquals(
                cors.get("exposeHeaders"), at(serverless, "provider", "httpApi", "cors", "exposedResponseHeaders"));
    }

    @Test
    void theRoutesAreTheApiContractsReadFromTheResourcesAnnotations() {
        // ../shared/spec/api.md
        assertEquals(
                Set.of(
                        "GET /api/manager/agents",
                        "GET /api/manager/dashboard/agent-progress",
                        "GET /api/manager/dashboard/metrics",
                        "GET /api/manager/spam/counts",
                        "POST /api/manager/tasks/mark-spam",
                        "POST /api/manager/spam/restore",
                        "POST /api/manager/spam/review/restore",
                        "GET /api/health"),
                ((Map<?, ?>) at(template, "Resources", "HttpApi", "Properties", "RouteSettings")).keySet());
        assertEquals(
                List.of(Map.of("httpApi", "POST /api/manager/spam/restore")),
                at(serverless, "functions", "spam-restore", "events"));
    }

    @Test
    void eachRouteIsThrottledByItsBudgetAndEachFunctionShiftsGraduallyUnderItsAlarms() {
        Map<?, ?> routes = (Map<?, ?>) at(template, "Resources", "HttpApi", "Properties", "RouteSettings");
        assertEquals(Endpoint.all().size(), routes.size());
        for (Endpoint endpoint : Endpoint.all()) {
            assertTrue(routes.containsKey(endpoint.route()), endpoint.route());
            String name = AwsResources.logicalName(endpoint.functionName());
            List<?> alarms = (List<?>)
                    at(template, "Resources", name + "Function", "Properties", "DeploymentPreference", "Alarms");
            assertEquals(3, alarms.size());
            for (Object alarm : alarms) {
                String resource = (String) ((Fn) alarm).argument();
                assertEquals(
                        "notBreaching",
                        at(template, "Resources", resource, "Properties", "TreatMissingData"),
                        resource);
            }
        }
        assertEquals(20, at(template, "Mappings", "Agents", "prod", "ThrottlingRateLimit"));
        assertEquals(5, at(template, "Mappings", "Agents", "prod", "ReservedConcurrency"));
        assertEquals(
                "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                at(template, "Mappings", "Agents", "prod", "DeploymentType"));
        assertEquals("CodeDeployDefault.LambdaAllAtOnce", at(template, "Mappings", "Agents", "dev", "DeploymentType"));
    }

    @Test
    void theHttp5xxAlarmWatchesTheMetricsTheFunctionEmitsForItsStageAndName() {
        List<?> metrics = (List<?>) at(template, "Resources", "MarkSpamHttp5xxAlarm", "Properties", "Metrics");
        List<Object> watched = new ArrayList<>();
        for (Object metric : metrics.subList(1, metrics.size())) {
            Map<?, ?> stat = (Map<?, ?>) at(metric, "MetricStat", "Metric");
            assertEquals("TaskDesk/ManagerFunctions", stat.get("Namespace"));
            assertEquals(
                    List.of(
                            Map.of("Name", "Stage", "Value", CfnYaml.ref("Stage")),
                            Map.of("Name", "Function", "Value", "mark-spam")),
                    stat.get("Dimensions"));
            watched.add(stat.get("MetricName"));
        }
        assertEquals(List.of("Http500", "Http503"), watched);
    }

    @Test
    void samAndServerlessDeployAStageToDifferentStacks() {
        String samconfig = SamConfig.render(config);
        assertTrue(samconfig.contains("[prod.global.parameters]\nstack_name = \"taskdesk-manager-prod\"\n"), samconfig);
        assertNotEquals("taskdesk-manager", serverless.get("service"));
        assertTrue(
                ((String) serverless.get("service")).startsWith("taskdesk-manager-"), "its stack: <service>-<stage>");
    }

    @Test
    void everyParamServerlessUsesIsSetForEveryStageSoPackageNeedsNoArguments() {
        String text = ServerlessFile.render(config);
        Matcher used = Pattern.compile("\\$\\{param:([A-Za-z]+)}").matcher(text);
        Set<String> required = new TreeSet<>();
        while (used.find()) {
            required.add(used.group(1));
        }
        for (String stage : config.stageNames()) {
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(((Map<?, ?>) at(serverless, "params", stage)).keySet());
            assertEquals(Set.of(), missing, stage);
        }
    }

    @Test
    void aStagesNetworkAndDomainFromConfigReachBothDeployPaths(@TempDir Path temp) {
        BudgetConfig withNetwork = ProjectCopy.of(temp)
                .set(
                        "config/prod.yaml",
                        "network",
                        Map.of(
                                "subnetIds",
                                List.of("subnet-0a1b", "subnet-2c3d"),
                                "securityGroupIds",
                                List.of("sg-0e4f")))
                .set(
                        "config/prod.yaml",
                        "domain",
                        Map.of(
                                "name",
                                "api.desk.example.com",
                                "certificateArn",
                                "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))
                .config();

        assertTrue(SamConfig.render(withNetwork)
                .contains("parameter_overrides = \"Stage=prod SubnetIds=subnet-0a1b,subnet-2c3d"
                        + " SecurityGroupIds=sg-0e4f DomainName=api.desk.example.com"
                        + " CertificateArn=arn:aws:acm:eu-west-1:123456789012:certificate/abc\"\n"));
        Object params = at(ServerlessFile.document(withNetwork), "params");
        assertEquals("true", at(params, "prod", "hasVpc"));
        assertEquals(List.of("sg-0e4f"), at(params, "prod", "vpc", "securityGroupIds"));
        assertEquals("false", at(params, "dev", "hasVpc"));
        assertEquals(null, at(params, "dev", "vpc"), "no VPC: the framework's ${param:vpc, null} leaves it out");
    }

    @Test
    void aManagedInstancesFunctionGetsTheStacksCapacityProviderAndItsScalingConfigInsteadOfReservedConcurrency(
            @TempDir Path temp) {
        BudgetConfig managed =
                ProjectCopy.of(temp).onManagedInstances("metrics", 8, 16).config();
        Map<String, Object> sam = SamTemplate.document(managed);

        Map<?, ?> metrics = (Map<?, ?>) at(sam, "Resources", "MetricsFunction", "Properties");
        assertEquals(
                Map.of(
                        "Arn",
                        CfnYaml.getAtt("CapacityProvider.Arn"),
                        "PerExecutionEnvironmentMaxConcurrency",
                        new Fn(
                                "FindInMap",
                                List.of("Metrics", CfnYaml.ref("Stage"), "PerExecutionEnvironmentMaxConcurrency"))),
                metrics.get("CapacityProviderConfig"));
        assertTrue(metrics.containsKey("FunctionScalingConfig"));
        for (String property : List.of("ReservedConcurrentExecutions", "SnapStart", "VpcConfig")) {
            assertFalse(metrics.containsKey(property), property + ": not on Managed Instances");
            assertTrue(
                    ((Map<?, ?>) at(sam, "Resources", "AgentsFunction", "Properties")).containsKey(property),
                    property + ": still on the default model's functions");
        }
        // prod: 3 environments, Lambda's default minimum of 3; dev: 1 environment, so at most 1.
        assertEquals(
                Map.of(
                        "PerExecutionEnvironmentMaxConcurrency",
                        16,
                        "MinExecutionEnvironments",
                        3,
                        "MaxExecutionEnvironments",
                        3),
                subMap(
                        at(sam, "Mappings", "Metrics", "prod"),
                        "PerExecutionEnvironmentMaxConcurrency",
                        "MinExecutionEnvironments",
                        "MaxExecutionEnvironments"));
        assertEquals(1, at(sam, "Mappings", "Metrics", "dev", "MinExecutionEnvironments"));
        assertEquals(null, at(sam, "Mappings", "Metrics", "prod", "ReservedConcurrency"));
        assertEquals(
                Map.of("SubnetIds", CfnYaml.ref("SubnetIds"), "SecurityGroupIds", CfnYaml.ref("SecurityGroupIds")),
                at(sam, "Resources", "CapacityProvider", "Properties", "VpcConfig"));
        assertFalse(((Map<?, ?>) at(sam, "Parameters", "SubnetIds")).containsKey("Default"), "every stage has a VPC");
        // serverless.yml (Framework v3) runs it on the default model: one request per instance, its instances reserved.
        assertEquals(3, at(ServerlessFile.document(managed), "params", "prod", "metricsReservedConcurrency"));
    }

    private static Map<Object, Object> subMap(Object map, String... keys) {
        Map<Object, Object> picked = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            picked.put(key, ((Map<?, ?>) map).get(key));
        }
        return picked;
    }
}
