package com.taskdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PgBouncer (Debian's, 1.18 here) in front of a test PostgreSQL, configured with the
 * [pgbouncer] and [users] settings a test gives it (the budget tool's, in the pooler tests) plus
 * what only a test needs: a free local port, no Unix socket, trust authentication for the listed
 * logins (the server behind it trusts local connections too), its log in its own directory.
 * PgBouncer refuses to run as root: as root it runs in a user namespace of its own (unshare -U).
 */
public final class PgBouncerProcess implements AutoCloseable {

    /** CI sets it: a missing pgbouncer then fails the pooler tests ({@link NeedsPgBouncer}) instead of skipping them. */
    static final String REQUIRED = "TASKDESK_REQUIRE_PGBOUNCER";

    private final List<String> command;
    private final Path directory;
    private final int port;
    private volatile Process process;

    private PgBouncerProcess(List<String> command, Path directory, int port) {
        this.command = command;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts PgBouncer for the server's database "postgres".
     *
     * @param settings   [pgbouncer] settings, name to value
     * @param users      [users] lines, role to its settings (e.g. max_user_connections=2)
     * @param serverPort the PostgreSQL behind it, on localhost
     * @param logins     the users it admits
     */
    public static PgBouncerProcess start(
            Map<String, String> settings, Map<String, String> users, int serverPort, List<String> logins) {
        StringBuilder ini = new StringBuilder(
                "[databases]\npostgres = host=127.0.0.1 port=" + serverPort + " dbname=postgres\n\n[pgbouncer]\n");
        settings.forEach(
                (name, value) -> ini.append(name).append(" = ").append(value).append('\n'));
        if (!users.isEmpty()) {
            ini.append("\n[users]\n");
            users.forEach((role, value) ->
                    ini.append(role).append(" = ").append(value).append('\n'));
        }
        return start(ini.toString(), logins);
    }

    /**
     * Starts PgBouncer with the budget tool's rendered pgbouncer.ini fragment for the app
     * (front-door/STAGE/CLIENT-pgbouncer.ini), its placeholders filled in for the server's database
     * "postgres" on localhost.
     */
    public static PgBouncerProcess startWithAppFragment(String fragment, int serverPort, List<String> logins) {
        return start(
                fragment.replace("APP_DATABASE_HOST", "127.0.0.1")
                        .replace("APP_DATABASE", "postgres")
                        .replace("port=5432", "port=" + serverPort),
                logins);
    }

    /** With the test's own [pgbouncer] lines added: a free port, no Unix socket, trust for the logins. */
    private static PgBouncerProcess start(String config, List<String> logins) {
        try {
            Path directory = Files.createTempDirectory("pgbouncer");
            int port = freePort();
            int section = config.indexOf("[pgbouncer]\n");
            int next = config.indexOf("\n[", section);
            int end = next < 0 ? config.length() : next + 1; // the [pgbouncer] section ends at the next one
            String ini = config.substring(0, end).stripTrailing() + "\nlisten_addr = 127.0.0.1\nlisten_port = " + port
                    + "\nunix_socket_dir =\nauth_type = trust\nauth_file = " + directory.resolve("users.txt") + "\n"
                    + (next < 0 ? "" : "\n" + config.substring(end));
            Files.writeString(directory.resolve("pgbouncer.ini"), ini);
            Files.writeString(
                    directory.resolve("users.txt"),
                    String.join(
                            "",
                            logins.stream()
                                    .map(login -> "\"" + login + "\" \"\"\n")
                                    .toList()));
            // Readable by the user namespace's unmapped user; it logs to stderr, which this process writes down.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String file : List.of("pgbouncer.ini", "users.txt")) {
                Files.setPosixFilePermissions(directory.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "-U"));
            }
            command.add(DebianPackageCondition.find("pgbouncer")
                    .orElseThrow(() -> new IllegalStateException("pgbouncer is not installed"))
                    .toString());
            command.add(directory.resolve("pgbouncer.ini").toString());
            PgBouncerProcess pgbouncer = new PgBouncerProcess(List.copyOf(command), directory, port);
            pgbouncer.launch();
            return pgbouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process (its log appended to pgbouncer.log) and waits until it listens. */
    private void launch() throws IOException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("pgbouncer.log").toFile()))
                .start();
        awaitListening();
    }

    /**
     * Stops PgBouncer as an operator's restart does (SIGTERM: it closes every client and server
     * connection at once) and starts it again on the same port with the same settings.
     */
    public synchronized void restart() {
        close();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer stopped: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("pgbouncer did not listen on " + port + " within 10 s: " + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of the database behind it, through it, as this user. */
    public String jdbcUrl(String user) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + user;
    }

    /** The pgbouncer.ini it runs with. */
    public String ini() {
        try {
            return Files.readString(directory.resolve("pgbouncer.ini"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What it has logged so far. */
    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
