package com.taskdesk.testing;

import static org.junit.jupiter.api.extension.ConditionEvaluationResult.disabled;
import static org.junit.jupiter.api.extension.ConditionEvaluationResult.enabled;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a test annotated {@link NeedsDebianPackage} only where its programs are installed. A test it
 * skips prints one line saying which package is missing and how to install it, since the build's
 * summary only counts skipped tests; where the package's {@code requiredBy} variable is set, a
 * missing program is an error instead.
 */
public final class DebianPackageCondition implements ExecutionCondition {

    /** Where Debian installs programs, which a non-root user's PATH may lack. */
    private static final List<Path> DEBIAN_DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));

    private final Map<String, String> environment;

    public DebianPackageCondition() {
        this(System.getenv());
    }

    DebianPackageCondition(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<NeedsDebianPackage> needed = context.getElement()
                .map(element -> AnnotationSupport.findRepeatableAnnotations(element, NeedsDebianPackage.class))
                .orElse(List.of());
        List<NeedsDebianPackage> missing = new ArrayList<>();
        for (NeedsDebianPackage need : needed) {
            if (find(program(need)).isEmpty()) {
                missing.add(need);
            }
        }
        if (missing.isEmpty()) {
            return enabled(needed.isEmpty() ? "needs no Debian package" : "its Debian packages are installed");
        }
        String packages = String.join(
                " ", missing.stream().map(NeedsDebianPackage::value).distinct().toList());
        String programs = String.join(
                ", ",
                missing.stream().map(DebianPackageCondition::program).distinct().toList());
        List<String> requiredBy = missing.stream()
                .map(NeedsDebianPackage::requiredBy)
                .filter(variable -> environment.get(variable) != null)
                .distinct()
                .toList();
        if (!requiredBy.isEmpty()) {
            throw new IllegalStateException(String.join(", ", requiredBy) + " is set but " + programs
                    + " is not installed: apt-get install " + packages);
        }
        String reason = context.getDisplayName() + " needs " + programs + " (Debian package " + packages
                + "), which is not installed: apt-get install " + packages + "; "
                + String.join(
                        ", ",
                        missing.stream()
                                .map(NeedsDebianPackage::requiredBy)
                                .distinct()
                                .toList())
                + "=1 makes this a failure";
        System.out.println("SKIPPED " + reason);
        return disabled(reason);
    }

    private static String program(NeedsDebianPackage need) {
        return need.program().isEmpty() ? need.value() : need.program();
    }

    /** The program on PATH, else where Debian puts it. */
    public static Optional<Path> find(String program) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(Path::of);
        return Stream.concat(onPath, DEBIAN_DIRECTORIES.stream())
                .map(dir -> dir.resolve(program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
