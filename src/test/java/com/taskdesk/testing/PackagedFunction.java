package com.taskdesk.testing;

import com.taskdesk.budget.render.DeployContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Lambda deployment package (a function.zip), unpacked as Lambda unpacks it into /var/task
 * and started the way the java21 managed runtime starts it: AWS's runtime interface client
 * polls the Runtime API and calls the handler, QuarkusStreamHandler, in a process of its own.
 */
public final class PackagedFunction implements AutoCloseable {

    public static final String HANDLER = DeployContract.HANDLER;

    private static final Map<Path, Path> TASK_ROOTS = new HashMap<>();

    /** The zip unpacked once per JVM, like Lambda's /var/task. */
    static synchronized Path taskRoot(Path zip) throws IOException {
        Path root = TASK_ROOTS.get(zip.toAbsolutePath());
        if (root == null) {
            if (!Files.exists(zip)) {
                throw new IllegalStateException("no " + zip + ": build it first (./mvnw package)");
            }
            root = Files.createTempDirectory("var-task");
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : Collections.list(archive.entries())) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("zip entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = archive.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
            TASK_ROOTS.put(zip.toAbsolutePath(), root);
            Path unpacked = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(unpacked)));
        }
        return root;
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans /tmp eventually
        }
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String classPath(Path root) {
        return String.join(
                java.io.File.pathSeparator,
                root.toString(),
                root.resolve("lib").resolve("*").toString(),
                jarOf(com.amazonaws.services.lambda.runtime.api.client.AWSLambda.class),
                jarOf(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class),
                // the runtime client needs it from its second event on (the trace id's thread local)
                jarOf(software.amazon.awssdk.utilslite.SdkInternalThreadLocal.class));
    }

    private final Process process;
    private final StringBuffer output = new StringBuffer();

    /** Starts the zip's function with these JVM options and this environment (none of the caller's database or secret variables). */
    public PackagedFunction(Path zip, List<String> jvmOptions, Map<String, String> env) throws IOException {
        Path root = taskRoot(zip);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As Lambda's Java runtime starts the JVM: org.crac hooks go to the runtime client's context.
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.addAll(jvmOptions);
        command.addAll(
                List.of("-cp", classPath(root), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.directory(root.toFile());
        ServerProcess.dropOurSettings(builder.environment());
        builder.environment().put("LAMBDA_TASK_ROOT", root.toString());
        builder.environment().put("_HANDLER", HANDLER);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        process = builder.start();
        Thread reader = new Thread(
                () -> {
                    try (InputStream in = process.getInputStream()) {
                        byte[] buffer = new byte[8192];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    } catch (IOException e) {
                        output.append("[output closed: ").append(e.getMessage()).append(']');
                    }
                },
                "packaged-function-output");
        reader.setDaemon(true);
        reader.start();
    }

    public String output() {
        return output.toString();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end by itself; its exit code. */
    public int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("still running after " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, as a container runtime stops a process; its exit code. */
    public int terminate(long seconds) throws InterruptedException {
        process.destroy();
        return waitForExit(seconds);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
