package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarms of a stage's stack as CloudFormation creates them: the SAM template writes a function's
 * alarms once, as a loop over the stack's functions (Fn::ForEach), which AWS::LanguageExtensions
 * writes out before the SAM transform (cfn-lint's implementation of it, DeployTools); serverless.yml
 * writes each function's out itself.
 */
class RenderedAlarmsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shippedDir;

    private static BudgetConfig config;
    private static JsonNode prod;
    private static Map<?, ?> serverless;

    @BeforeAll
    static void writtenOut() throws Exception {
        ProjectCopy shipped = ProjectCopy.of(shippedDir);
        config = shipped.config();
        prod = DeployTools.loopsWrittenOut(shipped.dir().resolve("template-prod.yaml"));
        serverless = (Map<?, ?>) ((Map<?, ?>) ServerlessFile.document(config).get("resources")).get("Resources");
    }

    private static List<String> alarms(JsonNode resources) {
        List<String> alarms = new ArrayList<>();
        resources.fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                alarms.add(resource.getKey());
            }
        });
        return alarms;
    }

    private static JsonNode properties(String alarm) {
        return prod.path("Resources").path(alarm).path("Properties");
    }

    @Test
    void everyFunctionShiftsGraduallyUnderItsTwoRollbackAlarmsWhichMissingDataNeverFires() {
        for (Endpoint endpoint : Endpoint.all()) {
            String name = AwsResources.logicalName(endpoint.functionName());
            JsonNode rollback = prod.path("Resources")
                    .path(name + "Function")
                    .path("Properties")
                    .path("DeploymentPreference")
                    .path("Alarms");
            assertEquals(
                    JSON.valueToTree(List.of(
                            Map.of("Ref", name + "NewVersionErrorsAlarm"),
                            Map.of("Ref", name + "NewVersionHttp5xxAlarm"))),
                    rollback);
            rollback.forEach(alarm -> assertEquals(
                    "notBreaching",
                    properties(alarm.path("Ref").asText())
                            .path("TreatMissingData")
                            .asText(),
                    alarm.toString()));
        }
    }

    @Test
    void theRollbackAlarmsCountTheNewVersionsAnswersOnlySoTheOldVersionCannotRollItBack() {
        JsonNode executed =
                properties("MarkSpamNewVersionErrorsAlarm").path("Dimensions").get(2);
        assertEquals("ExecutedVersion", executed.path("Name").asText());
        assertEquals("MarkSpamFunction.Version.Version", getAtt(executed.path("Value")), "the version SAM publishes");
        assertEquals(
                JSON.valueToTree(Map.of("Ref", "MarkSpamFunction")),
                properties("MarkSpamNewVersionErrorsAlarm")
                        .path("Dimensions")
                        .get(0)
                        .path("Value"));
        JsonNode metrics = properties("MarkSpamNewVersionHttp5xxAlarm").path("Metrics");
        List<String> watched = new ArrayList<>();
        for (int i = 1; i < metrics.size(); i++) {
            JsonNode stat = metrics.get(i).path("MetricStat").path("Metric");
            assertEquals("TaskDesk/ManagerFunctions", stat.path("Namespace").asText());
            JsonNode dimensions = stat.path("Dimensions");
            assertEquals(
                    "{\"Name\":\"Stage\",\"Value\":\"prod\"}", dimensions.get(0).toString());
            assertEquals(
                    "{\"Name\":\"Function\",\"Value\":\"mark-spam\"}",
                    dimensions.get(1).toString());
            assertEquals("Version", dimensions.get(2).path("Name").asText(), "the dimensions RequestMetrics writes");
            assertEquals(
                    "MarkSpamFunction.Version.Version", getAtt(dimensions.get(2).path("Value")));
            watched.add(stat.path("MetricName").asText());
        }
        assertEquals(List.of("Http500", "Http503"), watched);
        assertTrue(
                alarms(prod.path("Resources")).stream().noneMatch(alarm -> alarm.contains("Throttles")),
                "throttles belong to no version: a standing alarm (at capacity) watches them");
    }

    @Test
    void standingAlarmsWatchTheGatewayAndEachFunctionAndAreNamedForWhatToDo() {
        Set<String> alarms = new TreeSet<>(alarms(prod.path("Resources")));
        assertTrue(alarms.containsAll(Set.of("ApiHttp5xxRateAlarm", "ApiHttp429RateAlarm")), alarms.toString());
        for (Endpoint endpoint : Endpoint.all()) {
            String name = AwsResources.logicalName(endpoint.functionName());
            for (String alarm : List.of("NearTimeoutAlarm", "AtCapacityAlarm", "Http503RateAlarm")) {
                assertTrue(alarms.contains(name + alarm), name + alarm);
            }
        }
        assertEquals(2 + 5 * Endpoint.all().size(), alarms.size(), alarms.toString());
        assertEquals(
                "${AWS::StackName}-mark-spam-raise-timeout-or-find-slow-statement",
                sub(properties("MarkSpamNearTimeoutAlarm").path("AlarmName")));
        assertEquals(
                17_600, properties("MarkSpamNearTimeoutAlarm").path("Threshold").asInt(), "80% of 22 s");
        assertEquals(
                "100 * FILL(duration, 0) / (60000 * 5)",
                sub(properties("AgentsAtCapacityAlarm").path("Metrics").get(0).path("Expression")),
                "busy time over what agents' 5 instances have in a minute");
        for (String alarm : alarms) {
            String name = sub(properties(alarm).path("AlarmName"));
            assertTrue(
                    name.matches("\\$\\{AWS::StackName}-[a-z0-9-]+-(raise|find|check|read|new-version)-[a-z0-9-]+"),
                    name);
            assertTrue(
                    sub(properties(alarm).path("AlarmDescription")).matches("[A-Z][^$]+\\."),
                    alarm + ": one sentence naming its function, what happened and what to do");
        }
        assertEquals(
                2 + 3 * Endpoint.all().size(),
                serverless.values().stream()
                        .filter(resource -> "AWS::CloudWatch::Alarm".equals(((Map<?, ?>) resource).get("Type")))
                        .count(),
                "serverless.yml: the standing alarms (it shifts no traffic gradually, so no rollback alarm)");
        Map<?, ?> nearTimeout =
                (Map<?, ?>) ((Map<?, ?>) serverless.get("AgentProgressNearTimeoutAlarm")).get("Properties");
        assertEquals(
                Map.of("Name", "FunctionName", "Value", CfnYaml.ref("AgentDashprogressLambdaFunction")),
                ((List<?>) nearTimeout.get("Dimensions")).get(0),
                "the framework's logical id of the function");
    }

    @Test
    void withoutAnAlarmTopicTheAlarmsNotifyNoOneAndWithOneEveryAlarmNotifiesIt(@TempDir Path temp) throws Exception {
        ProjectCopy withoutTopic = ProjectCopy.of(temp.resolve("none"))
                .set("config/prod.yaml", "production", null) // a production stage must say where alarms go
                .set("config/prod.yaml", "alarmNotifications", null)
                .rendered();
        JsonNode silent = DeployTools.loopsWrittenOut(withoutTopic.dir().resolve("template-prod.yaml"))
                .path("Resources");
        assertTrue(alarms(silent).stream()
                .noneMatch(alarm -> silent.path(alarm).path("Properties").has("AlarmActions")));
        String topic = "arn:aws:sns:eu-west-1:123456789012:taskdesk-prod-alarms";
        ProjectCopy withTopic = ProjectCopy.of(temp.resolve("topic"))
                .set("config/prod.yaml", "alarmNotifications", Map.of("topicArn", topic))
                .rendered();
        ProjectCopy withEmail = ProjectCopy.of(temp.resolve("email"))
                .set("config/prod.yaml", "alarmNotifications", Map.of("email", List.of("ops@desk.example.com")))
                .rendered();
        JsonNode topicTemplate = DeployTools.loopsWrittenOut(withTopic.dir().resolve("template-prod.yaml"))
                .path("Resources");
        JsonNode emailTemplate = DeployTools.loopsWrittenOut(withEmail.dir().resolve("template-prod.yaml"))
                .path("Resources");
        List<String> alarms = alarms(topicTemplate);
        assertEquals(2 + 5 * Endpoint.all().size(), alarms.size());
        for (String alarm : alarms) {
            JsonNode properties = topicTemplate.path(alarm).path("Properties");
            assertEquals("[\"" + topic + "\"]", properties.path("AlarmActions").toString(), alarm);
            assertEquals("[\"" + topic + "\"]", properties.path("OKActions").toString(), alarm);
            assertEquals(
                    "[{\"Ref\":\"AlarmTopic\"}]",
                    emailTemplate
                            .path(alarm)
                            .path("Properties")
                            .path("AlarmActions")
                            .toString(),
                    alarm);
        }
        assertTrue(alarms(topicTemplate).stream().noneMatch(id -> id.equals("AlarmTopic")));
        assertEquals(
                "AWS::SNS::Topic", emailTemplate.path("AlarmTopic").path("Type").asText());
        assertEquals(
                "[{\"Protocol\":\"email\",\"Endpoint\":\"ops@desk.example.com\"}]",
                emailTemplate
                        .path("AlarmTopic")
                        .path("Properties")
                        .path("Subscription")
                        .toString());
        assertEquals(
                List.of(topic),
                ((Map<?, ?>) ((Map<?, ?>) ServerlessFile.document(withTopic.config())
                                        .get("params"))
                                .get("prod"))
                        .get("alarmActions"));
    }

    /** "A.B.C" from either form of Fn::GetAtt. */
    private static String getAtt(JsonNode value) {
        JsonNode getAtt = value.path("Fn::GetAtt");
        if (getAtt.isArray()) {
            List<String> parts = new ArrayList<>();
            getAtt.forEach(part -> parts.add(part.asText()));
            return String.join(".", parts);
        }
        return getAtt.asText();
    }

    /**
     * A !Sub's text with its own variables put in (the loop's [text, {name: mark-spam}] form), the
     * stack's pseudo parameters left as they are; or the plain text.
     */
    private static String sub(JsonNode value) {
        JsonNode sub = value.path("Fn::Sub");
        if (!sub.isArray()) {
            return value.has("Fn::Sub") ? sub.asText() : value.asText();
        }
        String text = sub.get(0).asText();
        for (var variable :
                (Iterable<Map.Entry<String, JsonNode>>) () -> sub.get(1).fields()) {
            text = text.replace(
                    "${" + variable.getKey() + "}", variable.getValue().asText());
        }
        return text;
    }
}
