package com.taskdesk.budget.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name function.zip is stored under changes with what builds it and with nothing else, so a
 * config-only change deploys the stored bytes again.
 */
class ArtifactDigestTest {

    private static final String JDK = "Eclipse Adoptium 17.0.14+7";

    @TempDir
    Path temp;

    private ProjectCopy project;
    private List<Path> dependencies;

    @BeforeEach
    void copyTheProject() throws Exception {
        project = ProjectCopy.of(temp.resolve("project")).withBuildInputs();
        Files.createDirectories(temp.resolve("m2"));
        dependencies = List.of(
                Files.writeString(temp.resolve("m2/quarkus-core-3.33.2.jar"), "core"),
                Files.writeString(temp.resolve("m2/postgresql-42.7.10.jar"), "pgjdbc"));
    }

    private String name() {
        return ArtifactDigest.of(project.dir(), dependencies, JDK).objectName();
    }

    @Test
    void aConfigOnlyChangeKeepsTheName() {
        String before = name();

        project.set("config/prod.yaml", "functions.agents.connectionLimit", 2).rendered();

        assertEquals(before, name());
    }

    @Test
    void aChangeUnderSrcMainChangesTheName() {
        String before = name();

        project.write(
                "src/main/resources/application.properties",
                project.read("src/main/resources/application.properties") + "\nquarkus.log.level=DEBUG\n");

        assertNotEquals(before, name());
    }

    @Test
    void aNewSourceFileChangesTheName() throws Exception {
        String before = name();

        Files.writeString(project.dir().resolve("src/main/java/com/taskdesk/Added.java"), "class Added {}\n");

        assertNotEquals(before, name());
    }

    @Test
    void thePomChangesTheName() {
        String before = name();

        project.replace("pom.xml", "<maven.compiler.release>17<", "<maven.compiler.release>21<");

        assertNotEquals(before, name());
    }

    @Test
    void aDependencyWithOtherBytesUnderTheSameNameChangesTheName() throws Exception {
        String before = name();

        Files.writeString(dependencies.get(1), "pgjdbc, rebuilt");

        assertNotEquals(before, name());
    }

    @Test
    void anotherJdkChangesTheName() {
        assertNotEquals(
                name(),
                ArtifactDigest.of(project.dir(), dependencies, "Eclipse Adoptium 17.0.15+6")
                        .objectName());
    }

    @Test
    void theCommandPrintsTheNameFromTheDependencyFileAndTheRunningJdk() throws Exception {
        Path classpath = Files.writeString(
                temp.resolve("function-classpath"),
                dependencies.get(0) + File.pathSeparator + dependencies.get(1) + "\n");

        ProjectCopy.ToolRun run = project.run("artifact-digest", "--dependencies", classpath.toString());

        assertEquals(0, run.exitCode(), run.err());
        String expected = ArtifactDigest.of(project.dir(), dependencies, ArtifactDigest.runningJdk())
                .objectName();
        assertEquals(expected + "\n", run.out());
        assertTrue(expected.matches("function-[0-9a-f]{64}\\.zip"), expected);
    }
}
