package com.taskdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds of this project the benchmarks need, each into a directory of its own under target/bench/. */
public final class Project {

    public static final Path OUTPUT = Path.of("target", "bench");

    private Project() {
    }

    /** {@code ./mvnw package} without tests, into target/bench/NAME, with these extra arguments; the build's directory. */
    public static Path build(String name, String... arguments) throws IOException, InterruptedException {
        Path output = OUTPUT.resolve(name);
        List<String> command = new ArrayList<>(List.of("./mvnw", "-q", "-B", "package", "-Dmaven.test.skip=true",
                "-Dbuild.output=" + output));
        command.addAll(List.of(arguments));
        run(command, output.resolveSibling(name + "-build.log"));
        return output;
    }

    /** Runs a Maven command from the project's root; its output goes to the log file. */
    public static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " still running after 20 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }
}
