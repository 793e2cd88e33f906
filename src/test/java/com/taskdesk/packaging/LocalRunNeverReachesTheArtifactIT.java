package com.taskdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.ProjectBuild;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's two commands in the order a newcomer may run them: {@code ./mvnw quarkus:dev}, then a
 * build of the artifact. Dev mode compiles the local run (src/local) beside the functions; the
 * artifact's build must not pick any of it up, or the packaged function answers every request with
 * "The local run is not up". Here in a build directory of its own: dev mode is started until it has
 * compiled and started, stopped, and the same build directory is then packaged.
 */
class LocalRunNeverReachesTheArtifactIT {

    private static final String LOCAL_RUN = "com/taskdesk/local/";

    private static Path build;

    @BeforeAll
    static void devModeThenPackage() throws Exception {
        build = ProjectBuild.underBuildOutput("dev-then-package");
        deleteRecursively(build);
        Files.createDirectories(build);
        runDevModeUntilStarted(build);
        ProjectBuild.maven(
                List.of("./mvnw", "-q", "-B", "-o", "package", "-Dmaven.test.skip=true", "-Dbuild.output=" + build),
                Map.of(),
                build.resolveSibling("dev-then-package-build.log"));
    }

    @Test
    void devModeCompilesTheLocalRunOutsideTheArtifactsClasses() throws IOException {
        assertTrue(
                Files.isRegularFile(build.resolve("local/classes/" + LOCAL_RUN + "LocalDatabaseConfigSource.class")),
                "dev mode compiled the local run (into " + build.resolve("local/classes") + ")");
        assertEquals(
                List.of(), localRunFilesUnder(build.resolve("classes")), "target/classes after dev mode and package");
    }

    @Test
    void functionZipBuiltAfterDevModeHoldsNoLocalRunClass() throws IOException {
        Path zip = build.resolve("function.zip");
        assertTrue(Files.isRegularFile(zip), zip + " was built");
        List<String> localRun = new ArrayList<>();
        try (ZipInputStream archive = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = archive.getNextEntry()) != null; ) {
                if (entry.getName().contains(LOCAL_RUN)) {
                    localRun.add(entry.getName());
                }
                if (entry.getName().endsWith("-runner.jar")) {
                    localRun.addAll(localRunEntriesOf(new ZipInputStream(archive), entry.getName()));
                }
            }
        }
        assertEquals(List.of(), localRun, "local-run entries in function.zip");
    }

    private static List<String> localRunEntriesOf(ZipInputStream jar, String name) throws IOException {
        List<String> found = new ArrayList<>();
        for (ZipEntry entry; (entry = jar.getNextEntry()) != null; ) {
            if (entry.getName().startsWith(LOCAL_RUN)
                    || entry.getName().endsWith("org.eclipse.microprofile.config.spi.ConfigSourceProvider")) {
                found.add(name + "!" + entry.getName());
            }
        }
        return found;
    }

    private static List<String> localRunFilesUnder(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(classes::relativize)
                    .map(Path::toString)
                    .filter(file -> file.startsWith(LOCAL_RUN))
                    .toList();
        }
    }

    /**
     * {@code ./mvnw quarkus:dev} into {@code build}, on free ports, against a database URL that is never
     * reached (the pool opens nothing at start), until the application has started; then stopped.
     */
    private static void runDevModeUntilStarted(Path build) throws Exception {
        Path log = build.resolveSibling("dev-then-package-dev.log");
        ProcessBuilder builder = new ProcessBuilder(
                        "./mvnw",
                        "-B",
                        "quarkus:dev",
                        "-Dbuild.output=" + build,
                        "-Ddebug=false",
                        "-Dquarkus.console.enabled=false",
                        "-Dquarkus.http.port=" + freePort(),
                        "-Dquarkus.lambda.mock-event-server.dev-port=" + freePort())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/never");
        Process devMode = builder.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
            while (!started(log)) {
                if (!devMode.isAlive()) {
                    throw new IllegalStateException("quarkus:dev ended before it started; see " + log);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("quarkus:dev not started after 8 minutes; see " + log);
                }
                Thread.sleep(500);
            }
        } finally {
            devMode.descendants().forEach(ProcessHandle::destroy);
            devMode.destroy();
            if (!devMode.waitFor(30, TimeUnit.SECONDS)) {
                devMode.descendants().forEach(ProcessHandle::destroyForcibly);
                devMode.destroyForcibly();
            }
        }
    }

    private static boolean started(Path log) throws IOException {
        if (!Files.exists(log)) {
            return false;
        }
        String text = Files.readString(log);
        return text.contains("Profile dev activated") || text.contains("Failed to start application");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                old.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
