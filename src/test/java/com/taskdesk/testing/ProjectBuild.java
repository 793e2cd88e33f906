package com.taskdesk.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This project built once more, into a directory of its own, for an artifact the main build
 * does not make (the plain HTTP build, a build with canary secrets, the benchmarks' builds).
 */
public final class ProjectBuild {

    private ProjectBuild() {}

    /** {@code target/<name>}, or under where {@code -Dbuild.output} put this build. */
    public static Path underBuildOutput(String name) {
        return Path.of(System.getProperty("build.output", "target")).resolve(name);
    }

    /**
     * {@code ./mvnw package} without tests into {@code output} (emptied first), with this
     * environment and these extra Maven arguments; its log beside it. Returns {@code output}.
     */
    public static Path packageInto(Path output, Map<String, String> environment, String... mavenArguments)
            throws IOException, InterruptedException {
        if (Files.exists(output)) {
            try (Stream<Path> old = Files.walk(output)) {
                old.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        List<String> command = new ArrayList<>(
                List.of("./mvnw", "-q", "-B", "package", "-Dmaven.test.skip=true", "-Dbuild.output=" + output));
        command.addAll(List.of(mavenArguments));
        maven(command, environment, output.resolveSibling(output.getFileName() + "-build.log"));
        return output;
    }

    /** Runs a Maven command from the project's root; its output goes to the log, a failure names it. */
    public static void maven(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " still running after 20 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }
}
