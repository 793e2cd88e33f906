package com.taskdesk.budget.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.DeployFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What check requires of a stage that says {@code production: true}, on copies of the shipped
 * config/: alarms that page someone or a waiver with its reason, a front door at the stage's real
 * API, and a database URL that verifies the server; and the shipped prod carrying each.
 */
class ProductionStageTest {

    @TempDir
    Path temp;

    @Test
    void theShippedProdSaysItIsProductionAndCheckPassesIt() {
        ProjectCopy copy = ProjectCopy.of(temp);
        StageConfig prod = copy.config().stage("prod");
        assertTrue(prod.production(), "config/prod.yaml: production: true");
        ProjectCopy.ToolRun check = copy.run("check", "--stage", "prod");
        assertEquals(0, check.exitCode(), check.err());
    }

    @Test
    void aProductionStageWhoseAlarmsTellNoOneFailsCheckInOneLineNamingFileAndKey() {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "alarmNotifications", null)
                .rendered();

        ProjectCopy.ToolRun check = copy.run("check", "--stage", "prod");

        assertEquals(1, check.exitCode(), check.out());
        assertEquals(
                List.of("error: config/prod.yaml: alarmNotifications is missing: the stage says production: true, and"
                        + " its alarms would tell no one; give {topicArn: arn:aws:sns:...} (the on-call topic) or"
                        + " {email: [...]}, or alarmWaiver: <why no one is paged>"),
                check.errors());
    }

    @Test
    void aWaiverWithItsReasonLetsAProductionStagePageNoOne() {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "alarmNotifications", null)
                .set(
                        "config/prod.yaml",
                        "alarmWaiver",
                        "a dry run in a sandbox account: nobody answers its pages and the stack is deleted tonight")
                .rendered();

        assertEquals(List.of(), copy.messages(Finding.Kind.PRODUCTION_ALARMS_PAGE_NO_ONE));
        assertEquals(0, copy.run("check", "--stage", "prod").exitCode());
    }

    @Test
    void aWaiverWithoutAReasonIsRefusedNamingTheFileAndKey() {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "alarmNotifications", null)
                .set("config/prod.yaml", "alarmWaiver", "n/a");

        ProjectCopy.ToolRun check = copy.run("check", "--stage", "prod");

        assertEquals(
                List.of("error: config/prod.yaml: alarmWaiver must give the reason no one is paged, in a sentence (at"
                        + " least 20 characters); got 'n/a'"),
                check.errors());
    }

    @Test
    void everyStandingAlarmOfTheShippedProdHasAnAction() throws Exception {
        BudgetConfig config = ProjectCopy.of(temp).config();
        String template = DeployFiles.render(config).get("template-prod.yaml");
        JsonNode resources = new ObjectMapper(new YAMLFactory())
                .readTree(template.replaceAll("!(Ref|Sub|GetAtt|If|Equals|Not|Join|Select|Split)\\b", ""))
                .get("Resources");
        List<String> alarms = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        resources.fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                alarms.add(resource.getKey());
                JsonNode actions = resource.getValue().path("Properties").path("AlarmActions");
                if (!actions.isArray() || actions.isEmpty()) {
                    silent.add(resource.getKey());
                }
            }
        });
        assertFalse(alarms.isEmpty());
        assertEquals(List.of(), silent, "alarms of template-prod.yaml without AlarmActions");
        assertNotNull(resources.get("AlarmTopic"), "the topic the stack creates for the on-call address");
    }

    @Test
    void aProductionFrontDoorAtAHandWrittenExecuteApiAddressFailsCheck() {
        String api = "https://k7q2m4x9va.execute-api.eu-west-1.amazonaws.com";
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "frontDoor.apiUrl", api)
                .rendered();

        assertEquals(
                List.of("config/prod.yaml: frontDoor.apiUrl " + api + " is an execute-api address written by hand: it"
                        + " is an example until the stack exists, and a new one whenever the stack is created again"
                        + " (a failed first create is deleted and retried), which leaves every moved route pointing at"
                        + " nothing; give the stage a domain, or apiUrl: fromStack (the stack's ApiUrl output, filled"
                        + " in when the rules are installed)"),
                copy.messages(Finding.Kind.PRODUCTION_API_URL_NOT_REAL));
        assertEquals(1, copy.run("check", "--stage", "prod").exitCode());
    }

    @Test
    void aProductionFrontDoorAtAnExampleHostFailsCheckWhileStagingMayUseOne() {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "frontDoor.apiUrl", "https://api.desk.example.com")
                .set("config/staging.yaml", "frontDoor.apiUrl", "https://api.staging.example.com")
                .rendered();

        assertEquals(
                List.of("config/prod.yaml: frontDoor.apiUrl https://api.desk.example.com is an example address: the"
                        + " app's host would send every moved route there; give the stage a domain, or apiUrl:"
                        + " fromStack"),
                copy.messages(Finding.Kind.PRODUCTION_API_URL_NOT_REAL));
    }

    @Test
    void theShippedProdsRulesCarryTheStacksApiUrlToBeFilledIn() {
        String rules = DeployFiles.render(ProjectCopy.of(temp).config()).get("front-door/prod/netlify.toml");
        assertTrue(rules.contains("to = '${API_URL}/api/manager/agents'"), rules);
        assertTrue(rules.contains("OutputKey=='ApiUrl'"), "the header says where the value comes from");
        assertFalse(rules.contains("execute-api"), rules);
    }

    @Test
    void aProductionDatabaseUrlWithoutVerifyFullAndTheCaBundleFailsCheck() {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/databases.yaml", "taskdesk-prod.databaseUrl", Map.of("sslmode", "require"))
                .rendered();

        assertEquals(
                List.of("config/prod.yaml: database taskdesk-prod (config/databases.yaml taskdesk-prod.databaseUrl)"
                        + " has sslmode require and no sslrootcert: a production stage's functions verify the"
                        + " server's certificate and name; give databaseUrl: {sslmode: verify-full, sslrootcert:"
                        + " /var/task/rds-ca/global-bundle.pem} and end each function's database-url secret as check"
                        + " prints it"),
                copy.messages(Finding.Kind.PRODUCTION_DATABASE_TLS));
    }

    @Test
    void checkPrintsTheDatabaseUrlEndingThatVerifiesTheServer() {
        ProjectCopy.ToolRun check = ProjectCopy.of(temp).run("check", "--stage", "prod");
        assertTrue(
                check.out()
                        .contains("postgresql://user:pass@host:5432/db?sslmode=verify-full"
                                + "&sslrootcert=/var/task/rds-ca/global-bundle.pem"),
                check.out());
    }

    @Test
    void checkWarnsWhileTheCaBundleIsNotWhereFunctionZipTakesItFrom() throws Exception {
        ProjectCopy copy = ProjectCopy.of(temp);
        String warning = "warning: prod/database: sslrootcert /var/task/rds-ca/global-bundle.pem (config/databases.yaml"
                + " taskdesk-prod.databaseUrl) is not in function.zip: src/main/zip.jvm/rds-ca/global-bundle.pem is"
                + " missing, so every connection would fail with a 503; put AWS's RDS CA bundle there before building"
                + " (docs/deploy.md, step 1)";

        ProjectCopy.ToolRun without = copy.run("check", "--stage", "prod");
        assertEquals(0, without.exitCode(), without.err());
        assertTrue(without.out().lines().anyMatch(warning::equals), without.out());

        Path bundle = copy.dir().resolve("src/main/zip.jvm/rds-ca/global-bundle.pem");
        java.nio.file.Files.createDirectories(bundle.getParent());
        java.nio.file.Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\n");
        ProjectCopy.ToolRun with = copy.run("check", "--stage", "prod");
        assertFalse(with.out().contains("warning: prod/database"), with.out());
    }

    @Test
    void aStageThatDoesNotSayProductionNeedsNoneOfIt() {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "production", null)
                .set("config/prod.yaml", "alarmNotifications", null)
                .set("config/prod.yaml", "frontDoor.apiUrl", "https://k7q2m4x9va.execute-api.eu-west-1.amazonaws.com")
                .set("config/databases.yaml", "taskdesk-prod.databaseUrl", null)
                .rendered();

        assertEquals(
                List.of(),
                copy.findings().stream()
                        .filter(f -> f.kind().name().startsWith("PRODUCTION_"))
                        .toList());
    }
}
