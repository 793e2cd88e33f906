package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SampleProject;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.CfnYaml.Fn;
import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.FunctionSetting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rendered deploy files declare, read from the documents the tool writes. */
class RenderedDeployFilesTest {

    private final BudgetConfig config = ConfigFiles.load(ProjectCopy.PROJECT);
    private final Map<String, Object> template = SamTemplate.document(config.stage("prod"));
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

    private static Map<?, ?> resources(Map<String, Object> document) {
        return (Map<?, ?>) document.get("Resources");
    }

    /** The logical ids of a document's resources of one type. */
    private static List<String> ofType(Map<?, ?> resources, String type) {
        return resources.entrySet().stream()
                .filter(entry -> type.equals(at(entry.getValue(), "Type")))
                .map(entry -> (String) entry.getKey())
                .toList();
    }

    /** A function's properties as SAM deploys them: Globals merged (maps key by key). */
    private static Map<String, Object> merged(Map<String, Object> template, String function) {
        Map<String, Object> properties = new LinkedHashMap<>();
        mergeInto(properties, (Map<?, ?>) at(template, "Globals", "Function"));
        mergeInto(properties, (Map<?, ?>) at(template, "Resources", function, "Properties"));
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> into, Map<?, ?> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && into.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                mergeInto(copy, map);
                into.put((String) key, copy);
            } else {
                into.put((String) key, value);
            }
        });
    }

    @Test
    void templateYamlAtTheTopIsTheDefaultStagesOwnTemplateAndNoStageDeploysFromIt() {
        Map<String, String> files = DeployFiles.render(config);
        String body = files.get(SamTemplate.DEFAULT_FILE).replaceAll("(?m)^#.*\n", "");
        assertEquals(files.get("template-dev.yaml").replaceAll("(?m)^#.*\n", ""), body, "dev's resources, as they are");
        assertTrue(files.get(SamTemplate.DEFAULT_FILE).contains("sam deploy --config-env <stage>"));
        String samconfig = files.get(SamConfig.FILE);
        for (StageConfig stage : config.stages()) {
            assertTrue(
                    samconfig.contains("template_file = \"" + SamTemplate.file(stage) + "\""),
                    stage.name() + " deploys its own file: " + samconfig);
        }
        assertFalse(samconfig.contains(SamTemplate.DEFAULT_FILE + "\""), samconfig);
    }

    @Test
    void eachStageHasItsOwnTemplateWhoseFunctionsStateEveryValueLiterallyNoParameters() {
        Map<String, String> files = DeployFiles.render(config);
        assertEquals(
                List.of("template-dev.yaml", "template-prod.yaml", "template-staging.yaml", "template.yaml"),
                files.keySet().stream()
                        .filter(name -> name.startsWith("template"))
                        .toList());
        for (StageConfig stage : config.stages()) {
            Map<String, Object> document = SamTemplate.document(stage);
            assertNull(document.get("Parameters"), stage.name());
            List<Object> hashed = new ArrayList<>(List.of(at(document, "Globals")));
            for (Endpoint endpoint : Endpoint.all()) {
                hashed.add(at(document, "Resources", AwsResources.logicalName(endpoint.functionName()) + "Function"));
            }
            assertTrue(
                    maps(hashed).stream()
                            .flatMap(map -> map.values().stream())
                            .noneMatch(value -> value instanceof Fn fn
                                    && List.of("FindInMap", "If").contains(fn.name())),
                    "no function's value is picked at deploy time: SAM would not see it change");
            assertEquals(
                    Set.of(AlarmSubject.FUNCTIONS_MAPPING),
                    ((Map<?, ?>) document.get("Mappings")).keySet(),
                    "the one mapping: the alarms' thresholds, which no function reads");
        }
        assertEquals("prod", at(template, "Globals", "Function", "Environment", "Variables", DeployContract.STAGE));
    }

    @Test
    void globalsHoldWhatTheFunctionsShareAndEachFunctionStatesOnlyWhatDiffers() {
        Map<?, ?> globals = (Map<?, ?>) at(template, "Globals", "Function");
        assertEquals(1024, globals.get("MemorySize"));
        assertEquals(19, globals.get("Timeout"));
        assertEquals(true, globals.get("AutoPublishAliasAllProperties"));
        assertEquals("CodeDeployDefault.LambdaCanary10Percent5Minutes", at(globals, "DeploymentPreference", "Type"));
        Map<?, ?> agents = (Map<?, ?>) at(template, "Resources", "AgentsFunction", "Properties");
        assertEquals(
                Set.of(
                        "FunctionName",
                        "Description",
                        "Role",
                        "ReservedConcurrentExecutions",
                        "LoggingConfig",
                        "Environment",
                        "DeploymentPreference",
                        "Events"),
                agents.keySet());
        assertEquals(
                Map.of(
                        ConnectionSettings.FUNCTION_NAME,
                        "agents",
                        ConnectionSettings.USER,
                        "taskdesk_prod_agents",
                        DeployContract.DATABASE_URL_SECRET_ID,
                        "taskdesk/prod/database-url/agents",
                        DeployContract.JWT_SECRET_ID,
                        "taskdesk/prod/jwt-secret"),
                at(agents, "Environment", "Variables"),
                "its own database-url secret, and the token secret's name: not every function has it (health checks no token)");
        Map<?, ?> markSpam = (Map<?, ?>) at(template, "Resources", "MarkSpamFunction", "Properties");
        assertEquals(22, markSpam.get("Timeout"), "its own, above the shared 19 s");
        assertEquals("8", at(markSpam, "Environment", "Variables", FunctionSetting.STATEMENT_TIMEOUT.variable()));

        for (Endpoint endpoint : Endpoint.all()) {
            FunctionBudget budget = config.stage("prod").function(endpoint.functionName());
            Map<String, Object> deployed =
                    merged(template, AwsResources.logicalName(endpoint.functionName()) + "Function");
            assertEquals(budget.functionTimeoutSeconds(), deployed.get("Timeout"), endpoint.functionName());
            assertEquals(budget.memoryMb(), deployed.get("MemorySize"), endpoint.functionName());
            Map<String, String> environment =
                    new LinkedHashMap<>(DeployContract.stageEnvironment(config.stage("prod")));
            environment.putAll(DeployContract.functionEnvironment(config.stage("prod"), budget));
            assertEquals(environment, at(deployed, "Environment", "Variables"), endpoint.functionName());
        }
    }

    @Test
    void aStagesMaxRowsReachesItsFunctionsAsTheirResultsCapAndAFunctionsOwnWins(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp)
                .set("config/prod.yaml", "defaults.maxRows", 250)
                .set("config/prod.yaml", "functions.agents.maxRows", 400);
        BudgetConfig edited = copy.config();
        String variable = FunctionSetting.MAX_ROWS.variable();
        Map<String, Object> prod = SamTemplate.document(edited.stage("prod"));
        assertEquals("250", at(merged(prod, "AgentProgressFunction"), "Environment", "Variables", variable));
        assertEquals("400", at(merged(prod, "AgentsFunction"), "Environment", "Variables", variable));
        assertEquals(
                "1000",
                at(
                        merged(SamTemplate.document(edited.stage("dev")), "AgentsFunction"),
                        "Environment",
                        "Variables",
                        variable),
                "a stage that sets none: the application's default");
        assertEquals(
                "250", at(ServerlessFile.document(edited), "params", "prod", "agentProgressEnvironment", variable));
    }

    @Test
    void onlyTheFunctionsThatCheckATokenAreGivenTheTokenSecretsNameAndMayReadIt() {
        Set<String> withoutToken = new TreeSet<>();
        for (StageConfig stage : config.stages()) {
            Map<String, Object> stageTemplate = SamTemplate.document(stage);
            String tokenSecret = stage.secretId(DeployContract.JWT_SECRET);
            Object stageParams = at(ServerlessFile.document(config), "params", stage.name());
            assertNull(at(stageParams, "environment", "JWT_SECRET_ID"), "no stage-wide token secret");
            for (Endpoint endpoint : Endpoint.all()) {
                String name = AwsResources.logicalName(endpoint.functionName());
                boolean checksToken = endpoint.checksToken();
                if (!checksToken) {
                    withoutToken.add(endpoint.functionName());
                }
                Map<String, Object> function = merged(stageTemplate, name + "Function");
                assertEquals(
                        checksToken ? tokenSecret : null,
                        at(function, "Environment", "Variables", "JWT_SECRET_ID"),
                        stage.name() + " " + endpoint);
                List<?> statements = (List<?>) at(
                        ((List<?>) at(stageTemplate, "Resources", name + "Role", "Properties", "Policies")).get(0),
                        "PolicyDocument",
                        "Statement");
                assertEquals(
                        checksToken,
                        String.valueOf(at(statements.get(1), "Resource")).contains(":secret:" + tokenSecret + "-"),
                        stage.name() + " " + endpoint + "'s role and the token secret");
                assertEquals(
                        checksToken ? tokenSecret : null,
                        at(
                                stageParams,
                                ServerlessParams.prefix(endpoint.functionName()) + "Environment",
                                "JWT_SECRET_ID"),
                        "serverless.yml: " + stage.name() + " " + endpoint);
                Object serverlessRole = at(serverless, "resources", "Resources", name + "Role");
                assertEquals(
                        checksToken,
                        String.valueOf(serverlessRole).contains("${param:jwtSecretId}"),
                        "serverless.yml: " + endpoint + "'s role and the token secret");
            }
        }
        assertEquals(Set.of("health"), withoutToken, "health checks no token; every other function does");
    }

    @Test
    void eachFunctionHasItsOwnRoleLogsOnlyToItsLogGroupAndReadsOnlyItsStagesSecrets() {
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
            assertEquals(2, statements.size(), "outside a VPC, no network statements");
        }
        for (Map<String, Object> document : List.of(template, serverless)) {
            assertTrue(maps(document).stream().noneMatch(map -> map.containsKey("ManagedPolicyArns")));
            assertTrue(
                    Set.of("VpcDescribe")
                            .containsAll(maps(document).stream()
                                    .filter(map -> "*".equals(map.get("Resource")))
                                    .map(map -> map.get("Sid"))
                                    .collect(Collectors.toSet())),
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
    void noSecretIsInAFunctionsEnvironmentOnlyTheNamesOfItsOwnSecrets() {
        Set<Object> variables = new TreeSet<>(
                ((Map<?, ?>) at(merged(template, "AgentsFunction"), "Environment", "Variables")).keySet());
        assertFalse(variables.contains("DATABASE_URL") || variables.contains("JWT_SECRET"), variables.toString());
        assertTrue(
                variables.containsAll(List.of(
                        "DATABASE_URL_SECRET_ID", "JWT_SECRET_ID", "DB_TIMEOUT_MARGIN_SECONDS", "TASKDESK_STAGE")),
                variables.toString());
        Map<?, ?> prodEnvironment = (Map<?, ?>) at(serverless, "params", "prod", "environment");
        assertEquals(
                "taskdesk/prod/jwt-secret", at(serverless, "params", "prod", "agentsEnvironment", "JWT_SECRET_ID"));
        assertFalse(prodEnvironment.containsKey("JWT_SECRET") || prodEnvironment.containsKey("DATABASE_URL"));
    }

    @Test
    void eachFunctionReadsItsOwnDatabaseUrlSecretSoALeakedOneOpensOneRolesShare() {
        assertNull(
                at(template, "Globals", "Function", "Environment", "Variables", "DATABASE_URL_SECRET_ID"),
                "no stage-wide database-url secret");
        assertNull(at(serverless, "params", "prod", "environment", "DATABASE_URL_SECRET_ID"));
        for (Endpoint endpoint : Endpoint.all()) {
            String function = endpoint.functionName();
            String name = AwsResources.logicalName(function);
            String own = "taskdesk/prod/database-url/" + function;
            assertEquals(
                    own,
                    at(
                            template,
                            "Resources",
                            name + "Function",
                            "Properties",
                            "Environment",
                            "Variables",
                            "DATABASE_URL_SECRET_ID"));
            assertEquals(
                    own,
                    at(
                            serverless,
                            "params",
                            "prod",
                            ServerlessParams.prefix(function) + "Environment",
                            "DATABASE_URL_SECRET_ID"));
            String readable = String.valueOf(at(template, "Resources", name + "Role", "Properties", "Policies"));
            assertTrue(readable.contains(":secret:" + own + "-??????"), function + " may read its own: " + readable);
            assertFalse(readable.contains(":secret:taskdesk/prod/database-url-"), function + ": no stage-wide one");
            for (Endpoint other : Endpoint.all()) {
                if (!other.equals(endpoint)) {
                    assertFalse(
                            readable.contains("/database-url/" + other.functionName() + "-"),
                            function + " may not read " + other.functionName() + "'s");
                }
            }
        }
    }

    @Test
    void corsNamesTheStagesOriginsAndLetsBrowsersReadRetryAfter() {
        Map<?, ?> cors = (Map<?, ?>) at(template, "Resources", "HttpApi", "Properties", "CorsConfiguration");
        assertEquals(config.stage("prod").corsOrigins(), cors.get("AllowOrigins"));
        assertEquals(true, cors.get("AllowCredentials"));
        assertEquals(List.of("Retry-After", "Last-Modified", "X-Data-Age"), cors.get("ExposeHeaders"));
        assertEquals(
                cors.get("ExposeHeaders"), at(serverless, "provider", "httpApi", "cors", "exposedResponseHeaders"));
    }

    @Test
    void theRoutesAreTheResourcesReadFromTheirAnnotations() {
        // Each endpoint's own test calls its route as the contract writes it (../shared/spec/api.md).
        assertEquals(
                Endpoint.all().stream().map(Endpoint::route).collect(Collectors.toSet()),
                ((Map<?, ?>) at(template, "Resources", "HttpApi", "Properties", "RouteSettings")).keySet());
        assertEquals(
                List.of(Map.of("httpApi", "POST /api/manager/spam/restore")),
                at(serverless, "functions", "spam-restore", "events"));
    }

    @Test
    void eachRouteIsThrottledByItsBudgetAndEachFunctionShiftsGradually() {
        Map<?, ?> routes = (Map<?, ?>) at(template, "Resources", "HttpApi", "Properties", "RouteSettings");
        assertEquals(Endpoint.all().size(), routes.size());
        FunctionBudget prodAgents = config.stage("prod").function("agents");
        assertEquals(
                prodAgents.throttle().ratePerSecond(), at(routes, "GET /api/manager/agents", "ThrottlingRateLimit"));
        assertEquals(
                prodAgents.maxInstances(),
                at(template, "Resources", "AgentsFunction", "Properties", "ReservedConcurrentExecutions"));
        assertEquals(
                config.stage("dev").function("agents").deploymentType().codeDeployName(),
                at(SamTemplate.document(config.stage("dev")), "Globals", "Function", "DeploymentPreference", "Type"));
    }

    @Test
    void theGatewayWritesAJsonAccessLogAndDetailedMetricsPerRoute() {
        Map<?, ?> api = (Map<?, ?>) at(template, "Resources", "HttpApi", "Properties");
        assertEquals(CfnYaml.getAtt("ApiAccessLogGroup.Arn"), at(api, "AccessLogSettings", "DestinationArn"));
        String format = (String) at(api, "AccessLogSettings", "Format");
        for (String field : List.of(
                "\"requestId\":\"$context.requestId\"",
                "\"routeKey\":\"$context.routeKey\"",
                "\"status\":$context.status,",
                "\"integrationError\":\"$context.integrationErrorMessage\"",
                "\"responseLatency\":\"$context.responseLatency\"")) {
            assertTrue(format.contains(field), field);
        }
        assertEquals(true, at(api, "DefaultRouteSettings", "DetailedMetricsEnabled"));
        ((Map<?, ?>) api.get("RouteSettings"))
                .values()
                .forEach(route -> assertEquals(true, at(route, "DetailedMetricsEnabled")));
        assertEquals(
                DeployContract.LOG_RETENTION_DAYS,
                at(template, "Resources", "ApiAccessLogGroup", "Properties", "RetentionInDays"),
                "the same retention as the functions' logs");
        assertEquals(
                "{ $.status = 429 }",
                at(template, "Resources", "ApiThrottledRequestsFilter", "Properties", "FilterPattern"));
        assertEquals(format, at(serverless, "provider", "logs", "httpApi", "format"));
        assertEquals(true, at(serverless, "provider", "httpApi", "metrics"));
    }

    @Test
    void logGroupsOutliveTheStackButAFailedFirstCreateRemovesThemSoItsRetryCanCreateThemAgain() {
        for (StageConfig stage : config.stages()) {
            Map<String, Object> stageTemplate = SamTemplate.document(stage);
            List<String> groups = ofType(resources(stageTemplate), "AWS::Logs::LogGroup");
            assertEquals(Endpoint.all().size() + 1, groups.size(), "each function's and the access log's");
            for (String group : groups) {
                assertEquals(
                        "RetainExceptOnCreate",
                        at(stageTemplate, "Resources", group, "DeletionPolicy"),
                        stage.name() + ": " + group + " kept after a rolled-back first create fails the retry");
                assertEquals("Retain", at(stageTemplate, "Resources", group, "UpdateReplacePolicy"), group);
            }
        }
        Map<?, ?> extensions = (Map<?, ?>) at(serverless, "resources", "extensions");
        List<String> frameworkGroups = new ArrayList<>(List.of(ServerlessFile.HTTP_API_LOG_GROUP));
        Endpoint.all()
                .forEach(endpoint ->
                        frameworkGroups.add(ServerlessFile.frameworkName(endpoint.functionName()) + "LogGroup"));
        for (String group : frameworkGroups) {
            assertEquals("RetainExceptOnCreate", at(extensions, group, "DeletionPolicy"), group);
            assertEquals("Retain", at(extensions, group, "UpdateReplacePolicy"), group);
        }
    }

    @Test
    void everyStackIsTaggedWithItsStage() {
        String samconfig = SamConfig.render(config);
        assertTrue(samconfig.contains("[prod.deploy.parameters]\ntemplate_file = \"template-prod.yaml\"\n"), samconfig);
        assertTrue(samconfig.contains("tags = \"Service=\\\"taskdesk-manager\\\" Stage=\\\"prod\\\"\"\n"), samconfig);
        assertEquals(
                Map.of("Service", "taskdesk-manager", "Stage", "${sls:stage}"),
                at(serverless, "provider", "stackTags"));
    }

    @Test
    void prodShowsItsChangeSetAndWaitsForAYesTheOtherStagesDeployAtOnce() {
        String samconfig = SamConfig.render(config);
        for (StageConfig stage : config.stages()) {
            String section = samconfig.substring(samconfig.indexOf("[" + stage.name() + ".deploy.parameters]"));
            assertTrue(
                    section.contains("confirm_changeset = " + stage.name().equals("prod") + "\n"),
                    stage.name() + ": " + section);
        }
    }

    @Test
    void aPermissionsBoundaryFromConfigBoundsEveryRoleTheStackCreates(@TempDir Path temp) {
        String boundary = "arn:aws:iam::123456789012:policy/taskdesk-boundary";
        ProjectCopy copy = ProjectCopy.of(temp)
                .onManagedInstances("metrics", 8, 16)
                .set("config/prod.yaml", "permissionsBoundary", boundary);
        Map<String, Object> bounded = SamTemplate.document(copy.config().stage("prod"));

        List<String> roles = ofType(resources(bounded), "AWS::IAM::Role");
        assertEquals(Endpoint.all().size() + 2, roles.size(), "the functions', CodeDeploy's, the capacity provider's");
        for (String role : roles) {
            assertEquals(boundary, at(bounded, "Resources", role, "Properties", "PermissionsBoundary"), role);
        }
        assertEquals(
                CfnYaml.getAtt("CapacityProviderOperatorRole.Arn"),
                at(bounded, "Resources", "CapacityProvider", "Properties", "OperatorRole"),
                "SAM's own operator role could not carry the boundary");
        assertTrue(maps(template).stream().noneMatch(map -> map.containsKey("PermissionsBoundary")), "none by default");
        assertEquals(boundary, at(ServerlessFile.document(copy.config()), "params", "prod", "permissionsBoundary"));
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
    void theServerlessStageDependsOnEveryRouteItsRouteSettingsName() {
        Map<?, ?> stage = (Map<?, ?>) at(serverless, "resources", "extensions", "HttpApiStage");
        assertEquals(
                Endpoint.all().stream()
                        .map(endpoint -> ServerlessFile.routeLogicalId(endpoint.route()))
                        .toList(),
                stage.get("DependsOn"));
        assertEquals(
                "HttpApiRouteGetApiManagerDashboardAgentDashprogress",
                ServerlessFile.routeLogicalId("GET /api/manager/dashboard/agent-progress"),
                "the framework's own name (ServerlessPackageTest proves it on the packaged template)");
    }

    @Test
    void aStagesNetworkAndDomainFromConfigReachBothDeployPaths(@TempDir Path temp) {
        BudgetConfig withNetwork = ProjectCopy.of(temp)
                .set(
                        "config/prod.yaml",
                        "network",
                        Map.of(
                                "subnetIds",
                                List.of("subnet-0a1b2c3d", "subnet-2c3d4e5f"),
                                "securityGroupIds",
                                List.of("sg-0e4f5a6b")))
                .set(
                        "config/prod.yaml",
                        "domain",
                        Map.of(
                                "name",
                                "api.desk.example.com",
                                "certificateArn",
                                "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))
                .config();

        Map<String, Object> prod = SamTemplate.document(withNetwork.stage("prod"));
        assertEquals(
                Map.of(
                        "SubnetIds",
                        List.of("subnet-0a1b2c3d", "subnet-2c3d4e5f"),
                        "SecurityGroupIds",
                        List.of("sg-0e4f5a6b")),
                at(prod, "Globals", "Function", "VpcConfig"));
        assertEquals("api.desk.example.com", at(prod, "Resources", "CustomDomain", "Properties", "DomainName"));
        assertEquals(
                4,
                ((List<?>) at(
                                ((List<?>) at(prod, "Resources", "AgentsRole", "Properties", "Policies")).get(0),
                                "PolicyDocument",
                                "Statement"))
                        .size(),
                "in a VPC, the network statements");
        Map<String, Object> dev = SamTemplate.document(withNetwork.stage("dev"));
        assertNull(at(dev, "Globals", "Function", "VpcConfig"));
        assertNull(at(dev, "Resources", "CustomDomain"));
        Object params = at(ServerlessFile.document(withNetwork), "params");
        assertEquals("true", at(params, "prod", "hasVpc"));
        assertEquals(List.of("sg-0e4f5a6b"), at(params, "prod", "vpc", "securityGroupIds"));
        assertEquals("false", at(params, "dev", "hasVpc"));
        assertEquals(null, at(params, "dev", "vpc"), "no VPC: the framework's ${param:vpc, null} leaves it out");
    }

    @Test
    void aManagedInstancesFunctionGetsTheStacksCapacityProviderAndItsScalingConfigInsteadOfReservedConcurrency(
            @TempDir Path temp) {
        BudgetConfig managed = ProjectCopy.of(temp)
                .onManagedInstances("metrics", 8, 16)
                .set("config/prod.yaml", "functions.metrics.maxInstances", 3)
                .set("config/dev.yaml", "functions.metrics.maxInstances", 1)
                .config();
        Map<String, Object> sam = SamTemplate.document(managed.stage("prod"));

        Map<?, ?> metrics = (Map<?, ?>) at(sam, "Resources", "MetricsFunction", "Properties");
        assertEquals(
                Map.of("Arn", CfnYaml.getAtt("CapacityProvider.Arn"), "PerExecutionEnvironmentMaxConcurrency", 16),
                metrics.get("CapacityProviderConfig"));
        // prod: 3 environments, Lambda's default minimum of 3.
        assertEquals(
                Map.of("MinExecutionEnvironments", 3, "MaxExecutionEnvironments", 3),
                metrics.get("FunctionScalingConfig"));
        assertEquals(CfnYaml.sub("${AWS::StackName}-metrics-mi"), metrics.get("FunctionName"));
        for (String property : List.of("ReservedConcurrentExecutions", "SnapStart", "VpcConfig")) {
            assertFalse(merged(sam, "MetricsFunction").containsKey(property), property + ": not on Managed Instances");
            assertTrue(
                    merged(sam, "AgentsFunction").containsKey(property),
                    property + ": still on the default model's functions");
        }
        assertEquals(
                Map.of("SubnetIds", List.of("subnet-0a1b2c3d"), "SecurityGroupIds", List.of("sg-0e4f5a6b")),
                at(sam, "Resources", "CapacityProvider", "Properties", "VpcConfig"));
        assertEquals(
                Map.of("MinExecutionEnvironments", 1, "MaxExecutionEnvironments", 1),
                at(
                        SamTemplate.document(managed.stage("dev")),
                        "Resources",
                        "MetricsFunction",
                        "Properties",
                        "FunctionScalingConfig"),
                "dev: 1 environment, so at most 1");
        // serverless.yml (Framework v3) runs it on the default model: one request per instance, its instances reserved.
        assertEquals(3, at(ServerlessFile.document(managed), "params", "prod", "metricsReservedConcurrency"));
    }

    @Test
    void aFunctionMayRunOnManagedInstancesInOneStageOnly(@TempDir Path temp) {
        BudgetConfig prodOnly = ProjectCopy.of(temp)
                .set(
                        "config/prod.yaml",
                        "functions.metrics",
                        Map.of(
                                "maxInstances",
                                3,
                                "connectionLimit",
                                4,
                                "memoryMb",
                                2048,
                                "lambdaManagedInstances",
                                Map.of("perExecutionEnvironmentMaxConcurrency", 4)))
                .set(
                        "config/prod.yaml",
                        "network",
                        Map.of("subnetIds", List.of("subnet-0a1b2c3d"), "securityGroupIds", List.of("sg-0e4f5a6b")))
                .config();

        assertTrue(resources(SamTemplate.document(prodOnly.stage("prod"))).containsKey("CapacityProvider"));
        assertFalse(resources(SamTemplate.document(prodOnly.stage("dev"))).containsKey("CapacityProvider"));
    }
}
