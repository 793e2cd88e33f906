package com.taskdesk.generate;

import com.taskdesk.budget.config.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes each function's test again behind PgBouncer, from the application's functions
 * ({@link Endpoint#all()}): for the function of {@code agents.AgentsResource},
 * {@code agents.AgentsThroughPgBouncerTest extends AgentsResourceTest} under the ThroughPgBouncer
 * profile (with the test's own profile, when it has one), so a new endpoint's fixtures and exact
 * answers run behind a real PgBouncer without a file of its own. The build runs it before the tests
 * compile (generate-test-sources), into target/generated-test-sources/through-pgbouncer; it fails
 * naming a function whose resource has no test beside it.
 *
 * <pre>java -cp &lt;test class path&gt; src/generate/java/com/taskdesk/generate/ThroughPgBouncerTests.java DIR</pre>
 */
public final class ThroughPgBouncerTests {

    private static final Path TESTS = Path.of("src", "test", "java");

    private ThroughPgBouncerTests() {}

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args[0]);
        deleteAll(output); // a function removed leaves no test behind
        for (Endpoint endpoint : Endpoint.all()) {
            Class<?> resource = endpoint.resource();
            String test = resource.getSimpleName() + "Test";
            String directory = resource.getPackageName().replace('.', '/');
            Path source = TESTS.resolve(directory).resolve(test + ".java");
            if (!Files.exists(source)) {
                System.err.println("error: function " + endpoint.functionName() + " has no test: write " + source
                        + " (its fixtures and exact answers run again behind PgBouncer)");
                System.exit(1);
            }
            String name = resource.getSimpleName().replaceFirst("Resource$", "") + "ThroughPgBouncerTest";
            Files.createDirectories(output.resolve(directory));
            Files.writeString(
                    output.resolve(directory).resolve(name + ".java"),
                    Files.readString(source).contains("@TestProfile(")
                            ? withItsOwnProfile(resource.getPackageName(), test, name)
                            : throughPgBouncer(resource.getPackageName(), test, name));
        }
    }

    private static String throughPgBouncer(String packageName, String test, String name) {
        return """
                package %s;

                /** %s's fixtures and exact answers, with the function behind PgBouncer (transaction mode). */
                @io.quarkus.test.junit.QuarkusTest
                @io.quarkus.test.junit.TestProfile(com.taskdesk.testing.ThroughPgBouncer.class)
                @com.taskdesk.testing.NeedsPgBouncer
                class %s extends %s {}
                """.formatted(packageName, test, name, test);
    }

    /** A test under a profile of its own keeps that profile's settings behind PgBouncer too. */
    private static String withItsOwnProfile(String packageName, String test, String name) {
        return """
                package %s;

                /**
                 * %s's fixtures and exact answers under its own profile, with the function behind PgBouncer
                 * (transaction mode).
                 */
                @io.quarkus.test.junit.QuarkusTest
                @io.quarkus.test.junit.TestProfile(%s.Profile.class)
                @com.taskdesk.testing.NeedsPgBouncer
                class %s extends %s {

                    public static class Profile extends com.taskdesk.testing.ThroughPgBouncer.Over {
                        public Profile() {
                            super(%s.class);
                        }
                    }
                }
                """.formatted(packageName, test, name, name, test, test);
    }

    private static void deleteAll(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
