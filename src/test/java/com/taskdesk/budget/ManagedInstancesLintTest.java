package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml with a function on Lambda Managed Instances passes cfn-lint, whose SAM translator
 * (aws-sam-translator 1.110 with cfn-lint 1.51) knows AWS::Serverless::CapacityProvider and a
 * function's CapacityProviderConfig and FunctionScalingConfig. Runs where cfn-lint is installed (CI
 * installs it; on this kind of machine it is under ~/.pyenv); .ci/run lints the shipped template.
 */
class ManagedInstancesLintTest {

    @Test
    void aTemplateWithAManagedInstancesFunctionPassesCfnLint(@TempDir Path temp) throws Exception {
        Optional<Path> cfnLint = cfnLint();
        assumeTrue(cfnLint.isPresent(), "cfn-lint is not installed");
        ProjectCopy copy = ProjectCopy.of(temp)
                .onManagedInstances("agents", 4, 32)
                .set("config/prod.yaml", "functions.agents.maxInstances", 2);
        assertEquals(0, copy.run("render").exitCode());

        Process lint = new ProcessBuilder(cfnLint.get().toString(), "template.yaml")
                .directory(temp.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, lint.waitFor(60, TimeUnit.SECONDS));

        // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational (1: it could not run).
        assertEquals(0, lint.exitValue(), output);
    }

    /** cfn-lint on PATH, else pyenv's (where this kind of machine has it). */
    static Optional<Path> cfnLint() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "cfn-lint");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path versions = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> pythons = Files.list(versions)) {
            return pythons.map(python -> python.resolve("bin/cfn-lint"))
                    .filter(Files::isExecutable)
                    .sorted()
                    .findFirst();
        }
    }
}
