package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.artifact.ArtifactDigest;
import com.taskdesk.budget.config.Endpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of config/ reaches the version the live alias serves: CloudFormation publishes a new
 * Lambda version only when the version's logical id changes, which SAM (AutoPublishAlias) derives
 * from the function's properties as the template states them. Each test renders two configurations
 * that differ in one setting, transforms the stage's template with the SAM translator, and compares
 * the versions' logical ids. The pipeline deploys one stored code object for as long as what builds
 * function.zip is unchanged (ArtifactDigest): the last tests package the template as {@code sam
 * deploy} does, its CodeUri the stored object's S3 URI.
 */
class PublishedVersionsTest {

    @Test
    void anUnchangedConfigPublishesNoNewVersion(@TempDir Path temp) throws Exception {
        assertEquals(
                Set.of(),
                changedVersions(temp, copy -> copy.set("config/prod.yaml", "functions.agents.maxInstances", 5)));
    }

    @Test
    void aFunctionsConnectionLimitPublishesANewVersionOfThatFunctionOnly(@TempDir Path temp) throws Exception {
        assertEquals(
                Set.of("agents"),
                changedVersions(temp, copy -> copy.set("config/prod.yaml", "functions.agents.connectionLimit", 2)));
    }

    @Test
    void aFunctionsTimeoutPublishesANewVersionOfThatFunctionOnly(@TempDir Path temp) throws Exception {
        assertEquals(
                Set.of("agents"),
                changedVersions(
                        temp, copy -> copy.set("config/prod.yaml", "functions.agents.functionTimeoutSeconds", 16)));
    }

    @Test
    void aFunctionsMemoryPublishesANewVersionOfThatFunctionOnly(@TempDir Path temp) throws Exception {
        assertEquals(
                Set.of("agents"),
                changedVersions(temp, copy -> copy.set("config/prod.yaml", "functions.agents.memoryMb", 2048)));
    }

    @Test
    void theOriginsReachEveryFunctionWhichChecksThemOnEachPost(@TempDir Path temp) throws Exception {
        assertEquals(
                new TreeSet<>(Endpoint.functionNames()),
                changedVersions(
                        temp,
                        copy -> copy.set(
                                "config/prod.yaml",
                                "corsOrigins",
                                List.of("https://desk.example.com", "https://desk2.example.com"))));
    }

    @Test
    void inEveryStageAFunctionsSettingPublishesThatFunctionOnlyAndTemplateYamlFollowsTheDefaultStage(@TempDir Path temp)
            throws Exception {
        ProjectCopy before = ProjectCopy.of(temp.resolve("before"));
        assertEquals(0, before.run("render").exitCode());
        String defaultStage = SamTemplate.defaultStage(before.config()).name();
        Map<String, String> defaultBefore = versions(before.dir().resolve(SamTemplate.DEFAULT_FILE));
        for (String stage : before.config().stageNames()) {
            String file = SamTemplate.file(before.config().stage(stage));
            ProjectCopy after = ProjectCopy.of(temp.resolve(stage))
                    .set("config/" + stage + ".yaml", "functions.agents.memoryMb", 2048);
            assertEquals(0, after.run("render").exitCode());
            assertEquals(
                    Set.of("agents"),
                    changed(
                            versions(before.dir().resolve(file)),
                            versions(after.dir().resolve(file))),
                    file);
            assertEquals(
                    stage.equals(defaultStage) ? Set.of("agents") : Set.of(),
                    changed(defaultBefore, versions(after.dir().resolve(SamTemplate.DEFAULT_FILE))),
                    "template.yaml after a change of " + stage);
        }
    }

    private static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        assertEquals(before.keySet(), after.keySet());
        return before.keySet().stream()
                .filter(function -> !before.get(function).equals(after.get(function)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void withOneStoredCodeObjectAOneFunctionSettingChangeRepublishesThatFunctionAlone(@TempDir Path temp)
            throws Exception {
        assertEquals(
                Set.of("agents"),
                changedVersionsOfStoredCode(
                        temp, copy -> copy.set("config/prod.yaml", "functions.agents.connectionLimit", 2)));
    }

    @Test
    void aSourceChangeStoresANewCodeObjectWhichRepublishesEveryFunction(@TempDir Path temp) throws Exception {
        assertEquals(
                new TreeSet<>(Endpoint.functionNames()),
                changedVersionsOfStoredCode(
                        temp,
                        copy -> copy.write(
                                "src/main/resources/application.properties",
                                copy.read("src/main/resources/application.properties") + "\n# changed\n")));
    }

    /**
     * As {@link #changedVersions}, each copy's prod template packaged with the code object the
     * pipeline stores for that copy's build inputs.
     */
    private static Set<String> changedVersionsOfStoredCode(Path temp, UnaryOperator<ProjectCopy> change)
            throws Exception {
        Map<String, String> before = prodVersions(
                ProjectCopy.of(temp.resolve("before")).withBuildInputs(), PublishedVersionsTest::storedCode);
        Map<String, String> after = prodVersions(
                change.apply(ProjectCopy.of(temp.resolve("after")).withBuildInputs()),
                PublishedVersionsTest::storedCode);
        return before.keySet().stream()
                .filter(function -> !before.get(function).equals(after.get(function)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** What sam deploy makes of the template: CodeUri the S3 URI of the code object stored for this copy. */
    private static void storedCode(ProjectCopy copy, String template) {
        String object = ArtifactDigest.of(copy.dir(), List.of(), ArtifactDigest.runningJdk())
                .objectName();
        copy.replace(template, "CodeUri: target/function.zip", "CodeUri: s3://taskdesk-artifacts/" + object);
    }

    /** The functions whose prod version the change publishes anew. */
    private static Set<String> changedVersions(Path temp, UnaryOperator<ProjectCopy> change) throws Exception {
        Map<String, String> before = prodVersions(ProjectCopy.of(temp.resolve("before")), (copy, template) -> {});
        Map<String, String> after =
                prodVersions(change.apply(ProjectCopy.of(temp.resolve("after"))), (copy, template) -> {});
        assertEquals(before.keySet(), after.keySet());
        return before.keySet().stream()
                .filter(function -> !before.get(function).equals(after.get(function)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Function name to the logical id of the version SAM publishes for it, in prod's stack. */
    private static Map<String, String> prodVersions(ProjectCopy copy, BiConsumer<ProjectCopy, String> packaging)
            throws Exception {
        assertEquals(0, copy.run("render").exitCode());
        String template = SamTemplate.file(copy.config().stage("prod"));
        packaging.accept(copy, template);
        return versions(copy.dir().resolve(template));
    }

    /** Function name to the logical id of the version SAM publishes for it, in this template's stack. */
    private static Map<String, String> versions(Path template) throws Exception {
        JsonNode resources = DeployTools.samTransform(template, Map.of()).path("Resources");
        Map<String, String> versions = new TreeMap<>();
        for (Endpoint endpoint : Endpoint.all()) {
            String function = AwsResources.logicalName(endpoint.functionName()) + "Function";
            resources.fields().forEachRemaining(resource -> {
                if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Version")
                        && resource.getValue()
                                .path("Properties")
                                .path("FunctionName")
                                .path("Ref")
                                .asText()
                                .equals(function)) {
                    versions.put(endpoint.functionName(), resource.getKey());
                }
            });
        }
        assertEquals(Endpoint.all().size(), versions.size(), "one published version per function: " + versions);
        return versions;
    }
}
