package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.taskdesk.budget.artifact.ArtifactDigest;
import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.render.DeployFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A project directory for tests that edit config/ or the deploy files and run the tool on the
 * result: the tests' own ({@link SampleProject}), an empty one whose stages a test writes, or a copy
 * of the shipped one (for what must hold of it, whatever its numbers).
 */
public final class ProjectCopy {

    public static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path dir;

    private ProjectCopy(Path dir) {
        this.dir = dir;
    }

    /**
     * The shipped config/, copied, with the deploy files it renders (not the committed ones: their
     * check is CheckCommandTest's, which a stale committed file fails alone, with its diff).
     */
    public static ProjectCopy of(Path tempDir) {
        try {
            Files.createDirectories(tempDir.resolve("config"));
            try (Stream<Path> files = Files.list(PROJECT.resolve("config"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, tempDir.resolve("config").resolve(file.getFileName()));
                }
            }
            return new ProjectCopy(tempDir).rendered();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With the deploy files its config/ renders. */
    public ProjectCopy rendered() {
        DeployFiles.write(dir, DeployFiles.render(config()));
        return this;
    }

    /**
     * A config/ with the shipped functions.yaml's defaults only (no function of its own, no shared
     * maxInstances; what no layer sets is the application's default, FunctionSetting): stages and
     * databases come from {@link #stage}.
     */
    public static ProjectCopy empty(Path tempDir) {
        try {
            Files.createDirectories(tempDir.resolve("config"));
            Files.copy(
                    PROJECT.resolve("config/functions.yaml"),
                    tempDir.resolve("config/functions.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProjectCopy(tempDir)
                .write("config/databases.yaml", "{}\n")
                .set("config/functions.yaml", "functions", null)
                .set("config/functions.yaml", "defaults.maxInstances", null);
    }

    /**
     * Adds a stage (and its database, once) to config/.
     *
     * @param pooler       null for none, else its YAML, e.g. {kind: rds-proxy, serverConnections: 30}; the
     *                     database's URL then says pgbouncer=true
     * @param maxInstances per function; a function left out gets no maxInstances (no cap)
     */
    public ProjectCopy stage(
            String stage,
            String database,
            int maxConnections,
            int reserved,
            int overlap,
            String pooler,
            int connectionLimit,
            Map<String, Integer> maxInstances) {
        String databases = read("config/databases.yaml").replace("{}\n", "");
        if (!databases.contains(database + ":")) {
            write(
                    "config/databases.yaml",
                    databases + database + ":\n  postgresVersion: 16\n  maxConnections: "
                            + maxConnections + "\n  reservedFor: {other: {share: " + reserved
                            + ", client: people}}\n  deployOverlapFactor: "
                            + overlap
                            + "\n"
                            + (pooler == null ? "" : "  pooler: " + pooler + "\n  databaseUrl: {pgbouncer: true}\n"));
        }
        StringBuilder yaml = new StringBuilder(
                "database: " + database + "\nregion: eu-west-1\ncorsOrigins: [https://desk.example.com]\n"
                        + "todayTimeZone: UTC\nmetricsCacheSeconds: 10\ndefaults:\n  connectionLimit: "
                        + connectionLimit + "\nfunctions:\n");
        maxInstances.forEach((function, instances) -> yaml.append("  ")
                .append(function)
                .append(": {maxInstances: ")
                .append(instances)
                .append("}\n"));
        return write("config/" + stage + ".yaml", yaml.toString());
    }

    /**
     * A function of the shipped config/ on Lambda Managed Instances in every stage (config/functions.yaml,
     * with the memory one environment has), and every stage in a VPC, as its capacity provider needs.
     */
    public ProjectCopy onManagedInstances(String function, int connectionLimit, int requestsPerEnvironment) {
        set(
                "config/functions.yaml",
                "functions." + function,
                Map.of(
                        "connectionLimit",
                        connectionLimit,
                        "memoryMb",
                        2048,
                        "lambdaManagedInstances",
                        Map.of("perExecutionEnvironmentMaxConcurrency", requestsPerEnvironment)));
        for (String stage : config().stageNames()) {
            set(
                    "config/" + stage + ".yaml",
                    "network",
                    Map.of("subnetIds", List.of("subnet-0a1b2c3d"), "securityGroupIds", List.of("sg-0e4f5a6b")));
        }
        return this;
    }

    /** Every function the same number of instances. */
    public static Map<String, Integer> each(int instances) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>();
        Endpoint.functionNames().forEach(name -> map.put(name, instances));
        return map;
    }

    /** With a copy of what builds function.zip (ArtifactDigest.SOURCES: src/main, pom.xml, the wrapper's Maven). */
    public ProjectCopy withBuildInputs() {
        for (String source : ArtifactDigest.SOURCES) {
            try (Stream<Path> files = Files.walk(PROJECT.resolve(source))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = dir.resolve(PROJECT.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProjectCopy write(String relative, String text) {
        try {
            Files.writeString(dir.resolve(relative), text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProjectCopy delete(String relative) {
        try {
            Files.delete(dir.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text that must occur exactly once. */
    public ProjectCopy replace(String relative, String from, String to) {
        String text = read(relative);
        int first = text.indexOf(from);
        assertTrue(first >= 0 && text.indexOf(from, first + 1) < 0, relative + " must contain exactly once: " + from);
        return write(relative, text.replace(from, to));
    }

    /** Sets a value in a config file by dotted path ("functions.agents.maxInstances"); null removes it. */
    public ProjectCopy set(String relative, String path, Object value) {
        try {
            JsonNode root = YAML.readTree(dir.resolve(relative).toFile());
            String[] steps = path.split("\\.");
            ObjectNode node = (ObjectNode) root;
            for (int i = 0; i < steps.length - 1; i++) {
                node = node.has(steps[i]) ? (ObjectNode) node.get(steps[i]) : node.putObject(steps[i]);
            }
            String last = steps[steps.length - 1];
            if (value == null) {
                node.remove(last);
            } else {
                node.set(last, YAML.valueToTree(value));
            }
            YAML.writeValue(dir.resolve(relative).toFile(), root);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BudgetConfig config() {
        return ConfigFiles.load(dir);
    }

    public List<Finding> findings() {
        return BudgetCheck.run(config());
    }

    /** The messages of check's findings of one kind. */
    public List<String> messages(Finding.Kind kind) {
        return findings().stream()
                .filter(finding -> finding.kind() == kind)
                .map(Finding::message)
                .toList();
    }

    /** Runs the tool's command line against this copy. */
    public ToolRun run(String... args) {
        return runWith(Map.of(), args);
    }

    /** Runs the tool's command line against this copy, with this environment. */
    public ToolRun runWith(Map<String, String> env, String... args) {
        return ToolRun.of(
                env,
                Stream.concat(Stream.of(args), Stream.of("--dir", dir.toString()))
                        .toArray(String[]::new));
    }

    /** What one run of the tool printed and returned. */
    public record ToolRun(int exitCode, String out, String err) {

        public static ToolRun of(String... args) {
            return of(Map.of(), args);
        }

        public static ToolRun of(Map<String, String> env, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = new BudgetTool(outStream, errStream, env).run(args);
            }
            return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        /** The lines starting "error: ". */
        public List<String> errors() {
            return err.lines().filter(line -> line.startsWith("error: ")).toList();
        }
    }
}
