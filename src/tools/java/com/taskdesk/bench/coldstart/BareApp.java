package com.taskdesk.bench.coldstart;

import com.taskdesk.bench.harness.Project;
import com.taskdesk.testing.ProjectBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cold start's yardstick: a Quarkus REST app with exactly this project's extensions and
 * build (its pom.xml, copied) and none of its code: one resource that answers a constant, so
 * "first 200" means the same for both. Generated under target/bench/bare-app and built with
 * the project's Maven wrapper into target/bench/bare-app/target/function.zip.
 */
final class BareApp {

    static final Path SOURCE = Project.OUTPUT.resolve("bare-app");
    static final String PATH = "/ping";

    private static final String RESOURCE = """
            package bench.bare;

            import java.util.Map;

            import jakarta.ws.rs.GET;
            import jakarta.ws.rs.Path;
            import jakarta.ws.rs.Produces;
            import jakarta.ws.rs.core.MediaType;

            /** The bare app's only resource. */
            @Path("%s")
            @Produces(MediaType.APPLICATION_JSON)
            public class Ping {

                @GET
                public Map<String, Boolean> ping() {
                    return Map.of("success", true);
                }
            }
            """.formatted(PATH);

    private static final String PROPERTIES = """
            quarkus.banner.enabled=false
            quarkus.datasource.db-kind=postgresql
            quarkus.datasource.jdbc.min-size=0
            quarkus.datasource.jdbc.initial-size=0
            quarkus.datasource.health.enabled=false
            """;

    private BareApp() {}

    /** Generates and builds the bare app; its function.zip. */
    static Path build() throws IOException, InterruptedException {
        if (Files.exists(SOURCE)) {
            try (var old = Files.walk(SOURCE)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        String pom = Files.readString(Path.of("pom.xml"))
                .replaceFirst("<artifactId>manager-functions</artifactId>", "<artifactId>bare-app</artifactId>");
        Files.createDirectories(SOURCE.resolve("src/main/java/bench/bare"));
        Files.createDirectories(SOURCE.resolve("src/main/resources"));
        Files.writeString(SOURCE.resolve("pom.xml"), pom);
        Files.writeString(SOURCE.resolve("src/main/java/bench/bare/Ping.java"), RESOURCE);
        Files.writeString(SOURCE.resolve("src/main/resources/application.properties"), PROPERTIES);
        ProjectBuild.maven(
                List.of(
                        "./mvnw",
                        "-q",
                        "-B",
                        "-f",
                        SOURCE.resolve("pom.xml").toString(),
                        "package",
                        "-Dmaven.test.skip=true"),
                Map.of(),
                Project.OUTPUT.resolve("bare-app-build.log"));
        return SOURCE.resolve("target/function.zip");
    }
}
