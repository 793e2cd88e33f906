package com.taskdesk.bench.harness;

import com.taskdesk.testing.ProjectBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Builds of this project the benchmarks need, each into a directory of its own under target/bench/. */
public final class Project {

    public static final Path OUTPUT = Path.of("target", "bench");

    private Project() {}

    /** {@code ./mvnw package} without tests, into target/bench/NAME, with these extra arguments; the build's directory. */
    public static Path build(String name, String... arguments) throws IOException, InterruptedException {
        return ProjectBuild.packageInto(OUTPUT.resolve(name), Map.of(), arguments);
    }
}
