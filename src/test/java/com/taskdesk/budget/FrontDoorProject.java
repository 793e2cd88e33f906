package com.taskdesk.budget;

import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A config/ of its own for the front door's tests: one database with room for every function, and
 * stages a test writes with the front door it is about (none of the shipped config/'s numbers).
 */
public final class FrontDoorProject {

    private final Path dir;

    private FrontDoorProject(Path dir) {
        this.dir = dir;
    }

    /** databases.yaml (one database with room for two stages of every function: 1,000 connections, 10 reserved) and the shipped functions.yaml, 2 instances each. */
    public static FrontDoorProject in(Path dir) {
        ProjectCopy.empty(dir).set("config/functions.yaml", "defaults.maxInstances", 2);
        return new FrontDoorProject(dir).write("config/databases.yaml", """
                shop:
                  postgresVersion: 16
                  maxConnections: 1000
                  reservedFor: {restOfApp: {share: 10, client: netlify, role: shop_app}}
                  deployOverlapFactor: 2
                """);
    }

    /**
     * config/&lt;stage&gt;.yaml on database shop.
     *
     * @param corsOrigins the stage's allowed origins
     * @param more        YAML lines of the stage file (frontDoor, functions, domain), as written
     */
    public FrontDoorProject stage(String stage, List<String> corsOrigins, String more) {
        return write(
                "config/" + stage + ".yaml",
                "database: shop\nregion: eu-west-1\ncorsOrigins: [" + String.join(", ", corsOrigins)
                        + "]\ntodayTimeZone: UTC\nmetricsCacheSeconds: 10\n" + more);
    }

    public FrontDoorProject write(String relative, String text) {
        try {
            Files.createDirectories(dir.resolve(relative).getParent());
            Files.writeString(dir.resolve(relative), text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String relative) {
        return Files.exists(dir.resolve(relative));
    }

    public Path dir() {
        return dir;
    }

    public BudgetConfig config() {
        return ConfigFiles.load(dir);
    }

    /** The findings of the check (every rule, the front door's among them). */
    public List<Finding> findings() {
        return BudgetCheck.run(config());
    }

    /** What one run of the tool printed and returned. */
    public record Run(int exitCode, String out, String err) {}

    /** Runs the tool's command line on this project. */
    public Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withDir = Stream.concat(Arrays.stream(args), Stream.of("--dir", dir.toString()))
                .toArray(String[]::new);
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new BudgetTool(o, e, Map.of()).run(withDir);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
