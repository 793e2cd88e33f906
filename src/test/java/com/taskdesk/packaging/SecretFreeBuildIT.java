package com.taskdesk.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.ProjectBuild;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Quarkus consults configuration sources while it builds, and writes what they give into
 * the jar. A build run with DATABASE_URL and JWT_SECRET set must hold no part of either:
 * this builds the project again, under target/, with canary values in the environment,
 * and searches every file of the result, inside archives too.
 */
class SecretFreeBuildIT {

    private static final String HOST = "canary-host-7d3e.example";
    private static final String USER = "canaryuser7d3e";
    private static final String PASSWORD = "canary-pw-7d3e";
    private static final String DATABASE = "canarydb7d3e";
    private static final String JWT_SECRET = "canary-jwt-secret-7d3e-0123456789abcdef";
    private static final List<String> CANARIES = List.of(HOST, USER, PASSWORD, DATABASE, JWT_SECRET);

    @Test
    void aBuildWithSecretsInItsEnvironmentHoldsNoneOfThem() throws Exception {
        Path output = ProjectBuild.packageInto(
                ProjectBuild.underBuildOutput("secret-free-build"),
                Map.of(
                        "DATABASE_URL",
                        "postgresql://" + USER + ":" + PASSWORD + "@" + HOST + ":5432/" + DATABASE
                                + "?connection_limit=7",
                        "JWT_SECRET",
                        JWT_SECRET,
                        "DB_CONNECTION_LIMIT",
                        "7"),
                "-o");

        Path zip = output.resolve("function.zip");
        assertTrue(Files.exists(zip));
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(SecretFreeBuildIT::isPartOfTheArtifact)
                    .toList()) {
                byte[] bytes = Files.readAllBytes(file);
                scan(file.toString(), bytes, leaks);
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** The zip, the runner jar, its libraries and the compiled classes and resources; not build bookkeeping. */
    private static boolean isPartOfTheArtifact(Path file) {
        String path = file.toString();
        return path.endsWith("function.zip")
                || path.endsWith("-runner.jar")
                || path.contains("/lib/")
                || path.contains("/classes/")
                || path.contains("/quarkus-app/");
    }

    private static void scan(String name, byte[] bytes, List<String> leaks) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String canary : CANARIES) {
            if (text.contains(canary)) {
                leaks.add(name + " holds " + canary);
            }
        }
        if (name.endsWith(".jar") || name.endsWith(".zip")) {
            try (ZipInputStream archive = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
                for (ZipEntry entry; (entry = archive.getNextEntry()) != null; ) {
                    scan(name + "!" + entry.getName(), readAll(archive), leaks);
                }
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
