package com.taskdesk.budget.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The name function.zip is stored under, from a SHA-256 over everything that builds it: the
 * application's sources and resources (src/main), pom.xml and the Maven version the wrapper runs,
 * each resolved dependency with the checksum of its jar, and the JDK. Nothing else reaches the zip
 * (config/ is rendered into the deploy files, src/budget, src/local and src/tools never enter it),
 * so a config-only change names the same object and the pipeline deploys the same bytes again: then
 * only the functions whose rendered settings changed publish a version (PublishedVersionsTest).
 *
 * @param inputs one line per input ("source src/main/... sha256", "dependency name.jar sha256",
 *     "jdk ..."), sorted within each kind; the digest is over these lines
 */
public record ArtifactDigest(List<String> inputs) {

    /** What the project's build reads besides its dependencies, relative to the project. */
    public static final List<String> SOURCES = List.of("src/main", "pom.xml", ".mvn/wrapper/maven-wrapper.properties");

    /**
     * @param dependencies the jars of function.zip's resolved dependency set (runtime scope)
     * @param jdk the JDK that builds, e.g. {@link #runningJdk()}
     */
    public static ArtifactDigest of(Path project, List<Path> dependencies, String jdk) {
        List<String> inputs = new ArrayList<>();
        for (String source : SOURCES) {
            Path root = project.resolve(source);
            if (!Files.exists(root)) {
                throw new IllegalArgumentException(project + " has no " + source + ": not the project's directory");
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    inputs.add("source " + project.relativize(file).toString().replace('\\', '/') + " " + sha256(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // by file name (artifactId-version.jar) and checksum: the local repository's path differs per machine
        dependencies.stream()
                .map(jar -> "dependency " + jar.getFileName() + " " + sha256(jar))
                .sorted()
                .forEach(inputs::add);
        inputs.add("jdk " + jdk);
        return new ArtifactDigest(List.copyOf(inputs));
    }

    /** The JDK this process runs on, which the launcher and the build share (JAVA_HOME): vendor and full version. */
    public static String runningJdk() {
        return System.getProperty("java.vm.vendor") + " " + Runtime.version();
    }

    /** The SHA-256 of the input lines, in hex. */
    public String hex() {
        MessageDigest digest = newDigest();
        inputs.forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The name the pipeline stores this build of function.zip under. */
    public String objectName() {
        return "function-" + hex() + ".zip";
    }

    private static String sha256(Path file) {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
