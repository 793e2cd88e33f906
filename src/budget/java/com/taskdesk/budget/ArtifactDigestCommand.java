package com.taskdesk.budget;

import com.taskdesk.budget.artifact.ArtifactDigest;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.ExitCode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "artifact-digest",
        description = "Prints the name function.zip is stored under: a digest of src/main, pom.xml, the Maven"
                + " version, the resolved dependencies' checksums and the JDK (not config/).")
final class ArtifactDigestCommand implements Callable<Integer> {

    /** Written by ./budget (dependency:build-classpath@function-classpath): function.zip's dependencies. */
    static final String DEPENDENCIES = "target/budget-tool/function-classpath";

    @ParentCommand
    BudgetTool tool;

    @Option(
            names = "--dependencies",
            description = "A class path file of function.zip's resolved dependencies (default: " + DEPENDENCIES + ")")
    Path dependencies;

    @Option(names = "--inputs", description = "Also print each input and its checksum, one a line")
    boolean inputs;

    @Override
    public Integer call() {
        Path file = dependencies != null ? dependencies : tool.project.resolve(DEPENDENCIES);
        List<Path> jars;
        try {
            jars = Arrays.stream(Files.readString(file).strip().split(File.pathSeparator))
                    .filter(entry -> !entry.isEmpty())
                    .map(Path::of)
                    .toList();
        } catch (IOException e) {
            throw BudgetException.configuration(file + ": cannot be read (" + e.getMessage()
                    + "); ./budget writes it, or run ./mvnw" + " dependency:build-classpath@function-classpath");
        }
        ArtifactDigest digest = ArtifactDigest.of(tool.project, jars, ArtifactDigest.runningJdk());
        if (inputs) {
            digest.inputs().forEach(tool.out::println);
        }
        tool.out.println(digest.objectName());
        return ExitCode.OK.code();
    }
}
