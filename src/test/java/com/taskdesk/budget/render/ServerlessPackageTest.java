package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `osls package` (osls, the maintained Serverless Framework v3 fork, as .ci/run runs it) makes of serverless.yml:
 * the template CloudFormation gets on the Serverless path. A stand-in function.zip (the same bytes
 * in every package) keeps the code out of the versions' hashes.
 */
class ServerlessPackageTest {

    @TempDir
    static Path shippedDir;

    private static JsonNode shipped;

    /** The shipped config/'s prod stack, packaged once for the tests that read it. */
    private static synchronized JsonNode shippedProd() throws IOException, InterruptedException {
        if (shipped == null) {
            shipped = packaged(ProjectCopy.of(shippedDir), "prod");
        }
        return shipped;
    }

    @Test
    void ciTheTestsAndServerlessYmlRunTheMaintainedOslsNotTheUnsupportedServerless3() throws Exception {
        assertTrue(DeployTools.SERVERLESS.startsWith("osls@3."), DeployTools.SERVERLESS);
        String ci = Files.readString(ProjectCopy.PROJECT.resolve(".ci/run"));
        assertTrue(ci.contains("npx --yes " + DeployTools.SERVERLESS + " package --stage"), ".ci/run packages with it");
        assertFalse(ci.contains("serverless@"), ".ci/run runs no other framework");
        String file = Files.readString(ProjectCopy.PROJECT.resolve(ServerlessFile.FILE));
        assertTrue(file.contains("npx " + DeployTools.SERVERLESS + " package|deploy"), "serverless.yml's header");
        assertFalse(file.contains("serverless@"), "serverless.yml's header names no other framework");
    }

    @Test
    void theStageDependsOnEveryRouteItsRouteSettingsNameSoTheFirstDeploySucceeds(@TempDir Path temp) throws Exception {
        JsonNode resources = packaged(ProjectCopy.of(temp), "prod").path("Resources");

        Map<String, String> routeIds = new LinkedHashMap<>();
        resources.fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Route")) {
                routeIds.put(
                        resource.getValue().path("Properties").path("RouteKey").asText(), resource.getKey());
            }
        });
        JsonNode stage = resources.path(ServerlessFile.HTTP_API_STAGE);
        Set<String> dependsOn = new TreeSet<>();
        stage.path("DependsOn").forEach(id -> dependsOn.add(id.asText()));
        List<String> routeKeys = iterate(stage.path("Properties").path("RouteSettings"));
        assertEquals(Endpoint.all().size(), routeKeys.size(), stage.toString());
        for (String routeKey : routeKeys) {
            assertTrue(routeIds.containsKey(routeKey), routeKey + " names no route of the template: " + routeIds);
            assertTrue(
                    dependsOn.contains(routeIds.get(routeKey)),
                    "the stage names " + routeKey + " but does not depend on " + routeIds.get(routeKey)
                            + ": CloudFormation may create it first (\"Unable to find Route by key\")");
        }
    }

    @Test
    void aChangedSettingPublishesANewVersionOfThatFunctionOnly(@TempDir Path temp) throws Exception {
        Map<String, String> before = versions(shippedProd());
        Map<String, String> same = versions(packaged(ProjectCopy.of(temp.resolve("same")), "prod"));
        Map<String, String> after = versions(packaged(
                ProjectCopy.of(temp.resolve("after"))
                        .set("config/prod.yaml", "functions.agents.connectionLimit", 2)
                        .set("config/prod.yaml", "functions.agents.functionTimeoutSeconds", 16),
                "prod"));

        assertEquals(before, same, "the same config and function.zip publish nothing new");
        assertEquals(
                Set.of("Agents"),
                before.keySet().stream()
                        .filter(function -> !before.get(function).equals(after.get(function)))
                        .collect(Collectors.toSet()));
    }

    @Test
    void everyLogGroupOfThePackagedStackIsKeptExceptWhenTheFirstCreateRollsBack() throws Exception {
        JsonNode resources = shippedProd().path("Resources");
        List<String> groups = new java.util.ArrayList<>();
        resources.fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Logs::LogGroup")) {
                groups.add(resource.getKey());
                assertEquals(
                        "RetainExceptOnCreate",
                        resource.getValue().path("DeletionPolicy").asText(),
                        resource.getKey() + " kept after a rolled-back first create fails the retry (already exists)");
                assertEquals(
                        "Retain",
                        resource.getValue().path("UpdateReplacePolicy").asText(),
                        resource.getKey());
            }
        });
        assertEquals(Endpoint.all().size() + 1, groups.size(), "each function's and the access log's: " + groups);
    }

    @Test
    void thePackagedStackCarriesTheAccessLogRetainedLogGroupsAndTheAlarms() throws Exception {
        JsonNode resources = shippedProd().path("Resources");

        JsonNode accessLog = resources.path(ServerlessFile.HTTP_API_LOG_GROUP);
        assertEquals(
                DeployContract.LOG_RETENTION_DAYS,
                accessLog.at("/Properties/RetentionInDays").asInt());
        assertEquals(
                AwsResources.ACCESS_LOG_FORMAT,
                resources
                        .path(ServerlessFile.HTTP_API_STAGE)
                        .at("/Properties/AccessLogSettings/Format")
                        .asText());
        assertEquals(
                true,
                resources
                        .path(ServerlessFile.HTTP_API_STAGE)
                        .at("/Properties/DefaultRouteSettings/DetailedMetricsEnabled")
                        .asBoolean());
        assertEquals(
                15200,
                resources.at("/AgentsNearTimeoutAlarm/Properties/Threshold").asInt(),
                "80% of 19 s");
        assertEquals(
                "100 * FILL(duration, 0) / (60000 * 5)",
                resources
                        .at("/AgentsAtCapacityAlarm/Properties/Metrics/0/Expression")
                        .asText());
        assertEquals(
                "prod",
                resources
                        .at("/AgentsHttp503RateAlarm/Properties/Metrics/1/MetricStat/Metric/Dimensions/0/Value")
                        .asText());
        assertEquals(
                ServerlessFile.HAS_ALARM_TOPIC,
                resources.path("AlarmTopic").path("Condition").asText());
    }

    @Test
    void everyStagesPackagedTemplateLintsWithoutErrorWithAndWithoutABoundaryAndAnAlarmTopic(@TempDir Path temp)
            throws Exception {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "permissionsBoundary", "arn:aws:iam::123456789012:policy/taskdesk-boundary")
                .set("config/prod.yaml", "alarmNotifications", Map.of("email", List.of("ops@desk.example.com")))
                .set(
                        "config/staging.yaml",
                        "alarmNotifications",
                        Map.of("topicArn", "arn:aws:sns:eu-west-1:123456789012:taskdesk-alarms"));
        List<Path> packaged = new java.util.ArrayList<>();
        for (String stage : copy.config().stageNames()) {
            packaged(copy, stage);
            packaged.add(
                    copy.dir().resolve("target/serverless/" + stage + "/cloudformation-template-update-stack.json"));
        }
        DeployTools.lintNoErrors(packaged);
    }

    private static List<String> iterate(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Function (the framework's name) to the logical id of its published version. */
    private static Map<String, String> versions(JsonNode template) {
        Map<String, String> versions = new TreeMap<>();
        template.path("Resources").fields().forEachRemaining(resource -> {
            int at = resource.getKey().indexOf("LambdaVersion");
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Version") && at > 0) {
                versions.put(resource.getKey().substring(0, at), resource.getKey());
            }
        });
        assertEquals(Endpoint.all().size(), versions.size(), versions.toString());
        return versions;
    }

    private static JsonNode packaged(ProjectCopy copy, String stage) throws IOException, InterruptedException {
        copy.run("render");
        standInArtifact(copy.dir().resolve(DeployContract.ARTIFACT));
        return DeployTools.serverlessPackage(copy.dir(), stage);
    }

    /** A function.zip of one fixed entry: the same bytes every time. */
    private static void standInArtifact(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file)) {
            ZipEntry entry = new ZipEntry("stand-in.txt");
            entry.setTime(0);
            out.putNextEntry(entry);
            out.write("not a function".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
