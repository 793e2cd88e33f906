package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.budget.ProjectCopy;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The deploy tools the tests run on rendered files: cfn-lint, and in cfn-lint's own Python its
 * AWS::LanguageExtensions and the SAM translator (what CloudFormation's transforms make of a
 * template), and the Serverless
 * Framework v3's maintained fork, osls, from npm. A missing tool skips the test with one line saying how to get it; .ci/run
 * installs them and sets {@link #REQUIRED}, which makes a missing tool fail instead.
 */
final class DeployTools {

    static final String REQUIRED = "TASKDESK_REQUIRE_DEPLOY_TOOLS";
    /** What .ci/run packages with (osls, the maintained v3 fork). */
    static final String SERVERLESS = DeployContract.SERVERLESS_CLI;

    private static final Path TRANSLATE = ProjectCopy.PROJECT.resolve("src/test/resources/deploy/sam-translate.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployTools() {}

    /** cfn-lint on PATH, else pyenv's (where this kind of machine has it); skips the test without it. */
    static Path cfnLint() throws IOException {
        Optional<Path> onPath = onPath("cfn-lint");
        if (onPath.isPresent()) {
            return onPath.get();
        }
        Path versions = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        Optional<Path> found = Optional.empty();
        if (Files.isDirectory(versions)) {
            try (Stream<Path> pythons = Files.list(versions)) {
                found = pythons.map(python -> python.resolve("bin/cfn-lint"))
                        .filter(Files::isExecutable)
                        .sorted()
                        .findFirst();
            }
        }
        return require(found, "cfn-lint is not installed (pip install cfn-lint)");
    }

    /**
     * Lints templates in one run; fails the test on any finding, warnings too (cfn-lint's exit code is a
     * bit mask: 2 errors, 4 warnings, 8 informational; 1: it could not run).
     */
    static void lintClean(List<Path> templates) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cfnLint().toString()));
        templates.forEach(template -> command.add(template.toString()));
        Run lint = run(templates.get(0).getParent(), command);
        assertEquals(0, lint.exitCode(), templates + "\n" + lint.output());
    }

    /**
     * Lints templates and fails the test on an error; warnings pass (the Serverless Framework's own
     * output has some: a DependsOn beside a GetAtt, a condition one stage's params make constant).
     */
    static void lintNoErrors(List<Path> templates) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cfnLint().toString()));
        templates.forEach(template -> command.add(template.toString()));
        Run lint = run(templates.get(0).getParent(), command);
        assertTrue(lint.exitCode() != 1 && (lint.exitCode() & 2) == 0, templates + "\n" + lint.output());
    }

    /** The transformed template (CloudFormation JSON) of a SAM template, with these parameter values. */
    static JsonNode samTransform(Path template, Map<String, String> parameters)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(samPython().toString(), TRANSLATE.toString(), template.toString()));
        parameters.forEach((name, value) -> command.add(name + "=" + value));
        Run transform = run(template.getParent(), command);
        assertEquals(0, transform.exitCode(), template.getFileName() + " does not transform:\n" + transform.output());
        return JSON.readTree(transform.stdout());
    }

    /**
     * A SAM template with its Fn::ForEach loops written out, as CloudFormation's AWS::LanguageExtensions
     * transform leaves it for the SAM transform (cfn-lint's implementation of it).
     */
    static JsonNode loopsWrittenOut(Path template) throws IOException, InterruptedException {
        Run expand = run(
                template.getParent(),
                List.of(samPython().toString(), TRANSLATE.toString(), "--loops-only", template.toString()));
        assertEquals(0, expand.exitCode(), template.getFileName() + " does not expand:\n" + expand.output());
        return JSON.readTree(expand.stdout());
    }

    /** The Python cfn-lint runs on (its script's #! line), which has aws-sam-translator. */
    private static Path samPython() throws IOException {
        String shebang = Files.readAllLines(cfnLint()).get(0);
        Optional<Path> python = shebang.startsWith("#!") && !shebang.contains(" ")
                ? Optional.of(Path.of(shebang.substring(2)))
                : onPath("python3");
        return require(
                python.filter(Files::isExecutable),
                "the SAM translator's Python is not found (pip install cfn-lint, which brings aws-sam-translator)");
    }

    /**
     * {@code serverless package --stage S} of a project directory (serverless.yml and the artifact it
     * names); the packaged stack template. npx fetches the framework from npm once.
     */
    static JsonNode serverlessPackage(Path project, String stage) throws IOException, InterruptedException {
        Path npx = require(onPath("npx"), "npx is not installed (Node.js with npm, e.g. apt-get install npm)");
        Path output = project.resolve("target/serverless/" + stage);
        Run pack = run(
                project,
                List.of(
                        npx.toString(),
                        "--yes",
                        SERVERLESS,
                        "package",
                        "--stage",
                        stage,
                        "--package",
                        output.toString()));
        assertEquals(0, pack.exitCode(), "serverless package --stage " + stage + ":\n" + pack.output());
        return JSON.readTree(
                output.resolve("cloudformation-template-update-stack.json").toFile());
    }

    private static <T> T require(Optional<T> tool, String missing) {
        if (tool.isEmpty() && System.getenv(REQUIRED) != null) {
            throw new IllegalStateException(REQUIRED + " is set but " + missing);
        }
        Assumptions.assumeTrue(tool.isPresent(), missing);
        return tool.get();
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    record Run(int exitCode, String stdout, String output) {}

    private static Run run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("deploy-tool", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(directory.toFile()).redirectError(err.toFile());
            builder.environment().putAll(Map.of("SLS_TELEMETRY_DISABLED", "1", "SLS_NOTIFICATIONS_MODE", "off"));
            Process process = builder.start();
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " still running");
            String stderr = Files.readString(err);
            return new Run(process.exitValue(), stdout, stdout + stderr);
        } finally {
            Files.delete(err);
        }
    }
}
