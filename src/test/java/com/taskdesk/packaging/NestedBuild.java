package com.taskdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds this project a second time, under target/, with its own environment and Maven
 * arguments (offline, tests skipped), for tests of an artifact the main build does not make.
 */
final class NestedBuild {

    private NestedBuild() {
    }

    /** The output directory of the build, {@code target/<name>}, emptied first; its log beside it. */
    static Path run(String name, Map<String, String> environment, String... mavenArguments) throws Exception {
        Path output = Path.of(System.getProperty("build.output", "target")).resolve(name);
        if (Files.exists(output)) {
            try (Stream<Path> old = Files.walk(output)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        List<String> command = new ArrayList<>(List.of("./mvnw", "-o", "-q", "-B", "package", "-Dmaven.test.skip=true",
                "-Dbuild.output=" + output));
        command.addAll(List.of(mavenArguments));
        Path log = Files.createDirectories(output.getParent()).resolve(name + ".log");
        ProcessBuilder build = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        build.environment().putAll(environment);
        Process process = build.start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the build finished");
        assertEquals(0, process.exitValue(), "the build succeeded; see " + log);
        return output;
    }
}
