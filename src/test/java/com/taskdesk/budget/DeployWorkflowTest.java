package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deploy workflow, read as GitHub reads it: it runs from main only, builds and tests function.zip
 * once and promotes those bytes (stored under `./budget artifact-digest`) from staging to prod, smoke
 * tests staging with a token it signs, and creates prod's change set before the prod environment's
 * approval, which only executes it.
 */
class DeployWorkflowTest {

    private static final Path WORKFLOW = ProjectCopy.PROJECT.resolve(".github/workflows/deploy.yml");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode workflow() throws IOException {
        return YAML.readTree(WORKFLOW.toFile());
    }

    private static JsonNode job(String name) throws IOException {
        JsonNode job = workflow().path("jobs").path(name);
        assertFalse(job.isMissingNode(), "deploy.yml has a job " + name);
        return job;
    }

    /** A job's steps, a local composite action's own steps in its place. */
    private static List<JsonNode> steps(String job) throws IOException {
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode step : job(job).path("steps")) {
            String uses = step.path("uses").asText();
            if (uses.startsWith("./")) {
                Path action = ProjectCopy.PROJECT.resolve(uses).resolve("action.yml");
                YAML.readTree(action.toFile()).path("runs").path("steps").forEach(steps::add);
            } else {
                steps.add(step);
            }
        }
        return steps;
    }

    /** The index of the first step whose run script or action contains this text; -1 if none. */
    private static int stepWith(String job, String text) throws IOException {
        List<JsonNode> steps = steps(job);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("run").asText().contains(text)
                    || steps.get(i).path("uses").asText().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void deploysRunFromMainOnly() throws IOException {
        JsonNode on = workflow().path("on");
        assertEquals(List.of("main"), YAML.convertValue(on.path("push").path("branches"), List.class));
        assertTrue(on.path("workflow_dispatch").path("inputs").isMissingNode(), "no stage or branch to choose");
        assertFalse(on.has("pull_request"));
        assertEquals("github.ref == 'refs/heads/main'", job("build").path("if").asText());
        assertEquals("build", job("staging").path("needs").asText());
    }

    @Test
    void functionZipIsBuiltAndTestedOnceAndStoredUnderItsInputsDigest() throws IOException {
        assertTrue(stepWith("build", "./mvnw -B verify") < stepWith("build", "./budget artifact-digest"));
        String name = "${{ steps.digest.outputs.name }}";
        for (JsonNode step : steps("build")) {
            if (step.path("uses").asText().startsWith("actions/cache/")) {
                assertEquals(name, step.path("with").path("key").asText(), step.toString());
                assertEquals(
                        "target/function.zip", step.path("with").path("path").asText());
            }
        }
        assertTrue(stepWith("build", "actions/cache/restore") >= 0 && stepWith("build", "actions/cache/save") >= 0);
        for (String job : List.of("staging", "prod-change-set", "prod")) {
            assertEquals(-1, stepWith(job, "mvnw"), job + " builds nothing: it deploys the build job's function.zip");
        }
        for (String job : List.of("staging", "prod-change-set")) {
            int download = stepWith(job, "actions/download-artifact");
            assertTrue(download >= 0 && download < stepWith(job, "sam deploy"), job);
        }
    }

    @Test
    void stagingIsDeployedAndSmokeTestedWithAFreshTokenBeforeProd() throws IOException {
        assertEquals("staging", job("staging").path("environment").asText());
        int deploy = stepWith("staging", "sam deploy --config-env staging");
        int smoke = stepWith("staging", "./budget smoke-test");
        assertTrue(deploy >= 0 && smoke > deploy, "the smoke test runs after staging's deploy");
        assertEquals("staging", job("prod-change-set").path("needs").asText());
        assertFalse(Files.readString(WORKFLOW).contains("SMOKE_TEST_TOKEN"), "no long-lived token");
        assertFalse(Files.readString(WORKFLOW).contains("secrets."), "no stored secret at all");
    }

    @Test
    void prodsChangeSetIsCreatedAndShownThenApprovedThenExecuted() throws IOException {
        assertFalse(Files.readString(WORKFLOW).contains("--no-confirm-changeset"));

        JsonNode changeSet = job("prod-change-set");
        assertEquals("prod-change-set", changeSet.path("environment").asText());
        assertTrue(stepWith("prod-change-set", "./budget check --stage") >= 0);
        assertTrue(stepWith("prod-change-set", "./budget check --stage") < stepWith("prod-change-set", "cfn-lint \""));
        String create = steps("prod-change-set")
                .get(stepWith("prod-change-set", "sam deploy"))
                .path("run")
                .asText();
        assertTrue(create.contains("--config-env prod") && create.contains("--no-execute-changeset"), create);
        assertTrue(create.contains("GITHUB_STEP_SUMMARY"), "the change set is shown on the run's page");
        assertTrue(stepWith("prod-change-set", "cfn-lint \"") < stepWith("prod-change-set", "sam deploy"));

        JsonNode prod = job("prod");
        assertEquals("prod-change-set", prod.path("needs").asText());
        assertEquals("prod", prod.path("environment").asText());
        assertTrue(stepWith("prod", "aws cloudformation execute-change-set") >= 0);
        assertEquals(-1, stepWith("prod", "sam deploy"), "after the approval only the approved change set runs");
        assertEquals(-1, stepWith("prod", "actions/checkout"), "after the approval nothing is read from the branch");
    }

    /** docs/deploy.md (which README's deploy line links) walks the commands the workflow runs, by job. */
    @Test
    void theDeployPageWalksTheCommandsThePipelineRuns() throws IOException {
        String page = Files.readString(ProjectCopy.PROJECT.resolve("docs/deploy.md"));
        Map<String, List<String>> commands = Map.of(
                "build", List.of("./mvnw -B verify", "./budget artifact-digest"),
                "staging", List.of("./budget check --stage", "sam deploy --config-env staging", "./budget smoke-test"),
                "prod-change-set", List.of("sam deploy --config-env prod --no-execute-changeset"),
                "prod", List.of("aws cloudformation execute-change-set"));
        commands.forEach((job, runs) -> runs.forEach(command -> {
            try {
                assertTrue(stepWith(job, command) >= 0, job + " runs " + command);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertTrue(page.contains(command), "docs/deploy.md names " + command);
        }));
        assertTrue(Files.readString(ProjectCopy.PROJECT.resolve("README.md")).contains("merge to `main`"));
    }
}
