package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A copy of the project's config/, template.yaml and serverless.yml in a temporary directory,
 * for tests that edit them and run the tool against the result.
 */
final class ProjectCopy {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path dir;

    private ProjectCopy(Path dir) {
        this.dir = dir;
    }

    /** The shipped files, copied. */
    static ProjectCopy of(Path tempDir) {
        try {
            Files.createDirectories(tempDir.resolve("config"));
            try (Stream<Path> files = Files.list(PROJECT.resolve("config"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, tempDir.resolve("config").resolve(file.getFileName()));
                }
            }
            Files.copy(PROJECT.resolve("template.yaml"), tempDir.resolve("template.yaml"));
            Files.copy(PROJECT.resolve("serverless.yml"), tempDir.resolve("serverless.yml"));
            return new ProjectCopy(tempDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only config/ files written by the test (no deploy files). */
    static ProjectCopy empty(Path tempDir) {
        try {
            Files.createDirectories(tempDir.resolve("config"));
            return new ProjectCopy(tempDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Path file(String relative) {
        return dir.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProjectCopy write(String relative, String text) {
        try {
            Files.writeString(file(relative), text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProjectCopy delete(String relative) {
        try {
            Files.delete(file(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text that must occur exactly once. */
    ProjectCopy replace(String relative, String from, String to) {
        String text = read(relative);
        int first = text.indexOf(from);
        assertTrue(first >= 0 && text.indexOf(from, first + 1) < 0, relative + " must contain exactly once: " + from);
        return write(relative, text.replace(from, to));
    }

    /** Sets a value in a YAML config file by dotted path ("functions.agents.maxInstances"); null removes it. */
    ProjectCopy set(String relative, String path, Object value) {
        try {
            JsonNode root = YAML.readTree(file(relative).toFile());
            String[] steps = path.split("\\.");
            ObjectNode node = (ObjectNode) root;
            for (int i = 0; i < steps.length - 1; i++) {
                node = (ObjectNode) node.get(steps[i]);
            }
            String last = steps[steps.length - 1];
            if (value == null) {
                node.remove(last);
            } else if (value instanceof Integer number) {
                node.put(last, number);
            } else if (value instanceof JsonNode json) {
                node.set(last, json);
            } else {
                node.put(last, value.toString());
            }
            YAML.writeValue(file(relative).toFile(), root);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    BudgetConfig config() {
        return ConfigLoader.load(dir.resolve("config"));
    }

    /** Runs the tool's command line against this copy. */
    ToolRun run(String... args) {
        String[] withDir = Stream.concat(Stream.of(args), Stream.of("--dir", dir.toString())).toArray(String[]::new);
        return ToolRun.of(withDir);
    }

    /** What one run of the tool printed and returned. */
    record ToolRun(int exitCode, String out, String err) {

        static ToolRun of(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = new BudgetTool(outStream, errStream).run(args);
            }
            return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
