package com.taskdesk.bench;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.Environment;
import com.taskdesk.secrets.SecretsManager;
import com.taskdesk.testing.SecretsManagerStandIn;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What reading DATABASE_URL from Secrets Manager costs a cold function, against reading it
 * from a plain environment variable: each path measured in fresh JVMs (so class loading
 * counts, as in a cold start), against the local Secrets Manager stand-in (so the network
 * is loopback, not a real AWS endpoint). Per path: time to the connection properties and
 * classes loaded for it; for Secrets Manager also the same read with its classes already
 * loaded (a SnapStart restore after priming: only a new client and one call).
 *
 * <pre>./mvnw -q test-compile exec:java@secret-cost -Dexec.args="15"</pre>
 */
public final class SecretReadCost {

    private static final String ID = "taskdesk/bench/database-url";
    private static final String URL = "postgresql://desk:pw-0123456789@db.example.com:5432/taskdesk?sslmode=require";

    private SecretReadCost() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--once")) {
            once(args[1], args[2]);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        try (SecretsManagerStandIn standIn = new SecretsManagerStandIn().put(ID, URL)) {
            Map<String, List<double[]>> results = new HashMap<>();
            for (int run = 0; run < runs; run++) {
                for (String path : List.of("environment", "secrets-manager")) {
                    results.computeIfAbsent(path, key -> new ArrayList<>()).add(child(path, standIn.endpoint()));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d fresh JVMs per path, Java %s, %d cores; median (min-max)%n",
                    runs,
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    "%-16s %-24s %-22s %-30s%n",
                    "path", "first read, ms", "classes loaded", "again with classes loaded, ms");
            for (String path : List.of("environment", "secrets-manager")) {
                List<double[]> rows = results.get(path);
                System.out.printf(
                        Locale.ROOT,
                        "%-16s %-24s %-22s %-30s%n",
                        path,
                        summary(rows, 0),
                        summary(rows, 1),
                        path.equals("environment") ? "-" : summary(rows, 2));
            }
        }
    }

    private static String summary(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
        return String.format(
                Locale.ROOT, "%.1f (%.1f-%.1f)", values[values.length / 2], values[0], values[values.length - 1]);
    }

    /** One fresh JVM on this class path; its three figures. */
    private static double[] child(String path, String endpoint) throws Exception {
        String classPath = String.join(
                File.pathSeparator,
                Arrays.stream(((URLClassLoader) Thread.currentThread().getContextClassLoader()).getURLs())
                        .map(SecretReadCost::file)
                        .toList());
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        SecretReadCost.class.getName(),
                        "--once",
                        path,
                        endpoint)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(path + " run failed:\n" + output);
        }
        String last = output.strip().lines().reduce((first, second) -> second).orElseThrow();
        return Arrays.stream(last.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In the fresh JVM: "millis classes [againMillis]" on the last line. */
    private static void once(String path, String endpoint) {
        System.setProperty("aws.accessKeyId", "AKIDSTANDIN");
        System.setProperty("aws.secretAccessKey", "stand-in-secret-access-key");
        var classes = ManagementFactory.getClassLoadingMXBean();
        if (path.equals("environment")) {
            long loaded = classes.getTotalLoadedClassCount();
            long start = System.nanoTime();
            int properties = connectionProperties(new Environment(Map.of("DATABASE_URL", URL)).value("DATABASE_URL"));
            long nanos = System.nanoTime() - start;
            System.out.printf(
                    Locale.ROOT,
                    "%d properties%n%.2f %d 0%n",
                    properties,
                    nanos / 1e6,
                    classes.getTotalLoadedClassCount() - loaded);
            return;
        }
        Environment environment =
                new Environment(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint));
        long loaded = classes.getTotalLoadedClassCount();
        long start = System.nanoTime();
        SecretsManager store = new SecretsManager(environment);
        int properties = connectionProperties(store.read("DATABASE_URL", ID));
        long nanos = System.nanoTime() - start;
        long firstClasses = classes.getTotalLoadedClassCount() - loaded;
        store.close();
        long againStart = System.nanoTime();
        SecretsManager restored = new SecretsManager(environment);
        connectionProperties(restored.read("DATABASE_URL", ID));
        long againNanos = System.nanoTime() - againStart;
        restored.close();
        System.out.printf(
                Locale.ROOT, "%d properties%n%.2f %d %.2f%n", properties, nanos / 1e6, firstClasses, againNanos / 1e6);
    }

    private static int connectionProperties(String url) {
        return ConnectionSettings.resolve(Map.of("DATABASE_URL", url))
                .connectionProperties()
                .size();
    }
}
