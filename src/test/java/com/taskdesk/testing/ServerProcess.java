package com.taskdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server a test or a benchmark starts (Next.js, nginx, a JVM) as a child process, its output in a
 * log file, and ready once a URL of it answers; closing it ends the process and its children.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the command in {@code directory} (its log there, NAME.log) with only this environment of
     * ours, then waits until {@code readyUrl} answers (any status).
     */
    public static ServerProcess start(
            String name,
            List<String> command,
            Path directory,
            Map<String, String> env,
            String readyUrl,
            Duration wait) {
        Path log = directory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        dropOurSettings(builder.environment());
        builder.environment().putAll(env);
        ServerProcess server;
        try {
            server = new ServerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + String.join(" ", command), e);
        }
        server.awaitAnswer(readyUrl, wait);
        return server;
    }

    /**
     * Removes the project's own variables (database, secrets, Quarkus, ours, AWS) a child process would
     * otherwise inherit from the shell, so it runs on what it is given only.
     */
    public static void dropOurSettings(Map<String, String> environment) {
        environment
                .keySet()
                .removeIf(name -> name.startsWith("DATABASE_URL")
                        || name.startsWith("DB_")
                        || name.startsWith("QUARKUS_")
                        || name.startsWith("TASKDESK_")
                        || name.startsWith("JWT_SECRET")
                        || name.startsWith("AWS_"));
    }

    private void awaitAnswer(String url, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped (exit " + process.exitValue() + "): " + log());
            }
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout((int) wait.toMillis());
                connection.getResponseCode();
                connection.disconnect();
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException(name + " did not answer " + url + " within " + wait + ": " + log());
    }

    /** What it has printed so far (its last 4,000 characters). */
    String log() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
