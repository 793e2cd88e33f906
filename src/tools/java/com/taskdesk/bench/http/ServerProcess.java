package com.taskdesk.bench.http;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An HTTP server in a JVM of its own, its output in a log file; ready once it answers on its port. */
final class ServerProcess implements AutoCloseable {

    /** Both servers get the same JVM options, so neither has more heap or a different collector. */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx2g", "-XX:+UseParallelGC");

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code java JVM_OPTIONS arguments...} and waits until {@code probePath} answers on the port. */
    static ServerProcess start(int port, List<String> arguments, Map<String, String> env, Path log, String probePath)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("DATABASE_URL")
                        || name.startsWith("DB_")
                        || name.startsWith("QUARKUS_")
                        || name.startsWith("TASKDESK_")
                        || name.equals("JWT_SECRET"));
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!server.answers(probePath)) {
            if (!server.process.isAlive() || System.currentTimeMillis() > deadline) {
                server.close();
                throw new IllegalStateException("the server did not start; see " + log);
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean answers(String path) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(baseUrl() + path).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
