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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project built once more, under target/, with canary secrets in the environment:
 * <ul>
 *   <li>Quarkus consults configuration sources while it builds, and writes what they give into
 *       the jar. A build run with DATABASE_URL and JWT_SECRET set must hold no part of either:
 *       every file of the result is searched, inside archives too.
 *   <li>The same commit makes the same function.zip (an unchanged function then publishes no new
 *       Lambda version): the same entries in the same order with the same time and bytes, but
 *       for the classes Quarkus 3.33.2 generates while its build steps run in parallel, which
 *       then differ from build to build (the test prints how many): the recorders' proxy keys
 *       come from one static counter (an instance counter from quarkusio/quarkus#53025, first in
 *       3.37, for which quarkus-amazon-lambda-http is not served here), and the config mappings
 *       and a synthetic bean's injection points are written in the order the steps produced them. Running the steps on one thread would order them, but Quarkus 3.33.2 then
 *       deadlocks: ArC and the class transformer wait for tasks on the same executor.
 * </ul>
 */
class SecretFreeBuildIT {

    /** What Quarkus 3.33.2 generates in the order its parallel build steps ran (recorders, config, synthetic beans). */
    private static final List<String> GENERATED_BY_QUARKUS = List.of(
            "io/quarkus/runner/recorded/.*\\.class",
            "io/quarkus/runtime/generated/.*\\.class",
            ".*_Synthetic_Bean\\.class");

    private static Path output;

    @BeforeAll
    static void buildAgainWithSecretsInTheEnvironment() throws Exception {
        output = ProjectBuild.packageInto(
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
    }

    private static final String HOST = "canary-host-7d3e.example";
    private static final String USER = "canaryuser7d3e";
    private static final String PASSWORD = "canary-pw-7d3e";
    private static final String DATABASE = "canarydb7d3e";
    private static final String JWT_SECRET = "canary-jwt-secret-7d3e-0123456789abcdef";
    private static final List<String> CANARIES = List.of(HOST, USER, PASSWORD, DATABASE, JWT_SECRET);

    @Test
    void aBuildWithSecretsInItsEnvironmentHoldsNoneOfThem() throws Exception {
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

    @Test
    void theSameCommitBuildsFunctionZipWithTheSameEntriesOrderTimesAndBytesButForQuarkusGeneratedClasses()
            throws Exception {
        List<ZipFact> first = entries(ProjectBuild.underBuildOutput("function.zip"));
        List<ZipFact> second = entries(output.resolve("function.zip"));

        assertEquals(
                first.stream().map(ZipFact::name).toList(),
                second.stream().map(ZipFact::name).toList(),
                "the same entries in the same order");
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            ZipFact a = first.get(i);
            ZipFact b = second.get(i);
            assertEquals(a.time(), b.time(), a.name());
            assertEquals(FIXED_TIME, a.time(), a.name() + ": the strip-jar goal's time");
            if (!Arrays.equals(a.bytes(), b.bytes())) {
                differ.add(a.name());
            }
        }
        List<String> ours = differ.stream()
                .filter(name -> GENERATED_BY_QUARKUS.stream().noneMatch(name::matches))
                .toList();
        assertEquals(List.of(), ours, "entries that differ between two builds of one commit");
        System.out.printf(
                "function.zip built twice: %d entries, %d the same bytes, %d generated by Quarkus differ%n",
                first.size(), first.size() - differ.size(), differ.size());
    }

    /** The time strip-jar gives every entry (its default: 2000-01-01 00:00, local time of the zip). */
    private static final java.time.LocalDateTime FIXED_TIME = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);

    private record ZipFact(String name, java.time.LocalDateTime time, byte[] bytes) {}

    private static List<ZipFact> entries(Path zip) throws IOException {
        List<ZipFact> facts = new ArrayList<>();
        try (ZipInputStream archive = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = archive.getNextEntry()) != null; ) {
                facts.add(new ZipFact(entry.getName(), entry.getTimeLocal(), archive.readAllBytes()));
            }
        }
        return facts;
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
