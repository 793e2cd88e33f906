package com.taskdesk.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Next.js (next@15.5.4 from npm, src/test/nextjs/package-lock.json) in development mode, as
 * the owning app's host: its next.config.js takes the rendered rewrites module exactly as
 * docs/front-door.md tells the app's team, it has its own routes at the moved paths (which the
 * rules must win over) and routes it keeps, a login route that sets auth-token as the app's does, and
 * the test page ({@link AppSite}).
 * The packages are installed once into a user cache (~/.cache/taskdesk), shared by every checkout
 * and kept across {@code mvn clean}; later runs need no network.
 */
public final class NextJsApp implements AutoCloseable {

    /** The committed package.json and lock file. */
    private static final Path PACKAGES = Path.of("src/test/nextjs").toAbsolutePath();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerProcess server;
    private final int port;

    private NextJsApp(ServerProcess server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Where the packages of the committed lock file live: ~/.cache/taskdesk/nextjs-&lt;lock hash&gt;. */
    static Path cache() {
        return Path.of(System.getProperty("user.home"), ".cache", "taskdesk", "nextjs-" + lockHash());
    }

    private static String lockHash() {
        try {
            byte[] lock = Files.readAllBytes(PACKAGES.resolve("package-lock.json"));
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(lock))
                    .substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Installs the packages into the cache unless they are there ({@code npm ci --prefer-offline},
     * under a file lock, since test runs of other checkouts may install at the same time).
     *
     * @return why the install failed, or empty
     */
    static Optional<String> install() {
        Path cache = cache();
        Path done = cache.resolve("node_modules/.taskdesk-installed");
        if (Files.exists(done)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel lockFile = FileChannel.open(
                            cache.getParent().resolve("nextjs.lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (Files.exists(done)) {
                    return Optional.empty();
                }
                for (String file : List.of("package.json", "package-lock.json")) {
                    Files.copy(
                            PACKAGES.resolve(file),
                            cache.resolve(file),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Process npm = new ProcessBuilder(
                                DebianPackageCondition.find("npm").orElseThrow().toString(),
                                "ci",
                                "--prefer-offline",
                                "--no-audit",
                                "--no-fund",
                                "--loglevel=error")
                        .directory(cache.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(cache.resolve("npm-ci.log").toFile())
                        .start();
                if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                    return Optional.of("npm ci took more than 10 minutes in " + cache);
                }
                if (npm.exitValue() != 0) {
                    String log = Files.readString(cache.resolve("npm-ci.log"));
                    return Optional.of("npm ci failed in " + cache + ": "
                            + log.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + npm.exitValue()));
                }
                Files.writeString(done, lockHash() + "\n");
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("cannot install into " + cache + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while installing into " + cache);
        }
    }

    /**
     * Writes the app into {@code directory} and starts {@code next dev} on 127.0.0.1:{@code port}.
     *
     * @param rewrites the rendered module (front-door/&lt;stage&gt;/next-rewrites.js)
     * @param site     the page, the logins and the app's own routes (App Router)
     */
    public static NextJsApp start(Path workDirectory, String rewrites, AppSite site, int port) {
        Path directory = workDirectory.toAbsolutePath();
        try {
            Files.createDirectories(directory.resolve("public"));
            Files.createDirectories(directory.resolve("pages/api/auth"));
            Path modules = directory.resolve("node_modules");
            if (!Files.exists(modules, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(modules, cache().resolve("node_modules"));
            }
            write(directory.resolve("package.json"), "{\"private\": true}\n");
            write(directory.resolve("next-rewrites.js"), rewrites);
            write(directory.resolve("next.config.js"), """
                    // As docs/front-door.md tells the app's team to take the rendered rules.
                    module.exports = {
                      async rewrites() { return require('./next-rewrites.js'); },
                    };
                    """);
            write(directory.resolve("public/desk.html"), site.page());
            write(directory.resolve("pages/api/auth/login.js"), """
                    // The app's login answer sets the cookie of whoever signs in (the app: httpOnly, sameSite
                    // strict, 24 h, no domain).
                    const logins = JSON.parse(process.env.TASKDESK_TEST_LOGINS);
                    export default function login(req, res) {
                      const setCookie = logins[req.body && req.body.email];
                      if (!setCookie) {
                        res.status(401).json({ success: false, error: 'Invalid email or password' });
                        return;
                      }
                      res.setHeader('Set-Cookie', setCookie);
                      res.status(200).json({ success: true });
                    }
                    """);
            for (String route : site.movedRoutes()) {
                route(directory, route, """
                        // The app's own route at this path: the front door's rule must be taken before it.
                        const appAnswer = () => Response.json(%s, { status: 418 });
                        export const GET = appAnswer;
                        export const POST = appAnswer;
                        """.formatted(AppSite.MOVED_ROUTES_OWN_ANSWER));
            }
            for (String route : site.keptRoutes()) {
                route(directory, route, """
                        // A route the app keeps: no rule moves it, so only the app's host answers it.
                        const appAnswer = () => Response.json(%s, { status: 200 });
                        export const GET = appAnswer;
                        export const POST = appAnswer;
                        """.formatted(AppSite.KEPT_ANSWER));
            }
            ServerProcess server = ServerProcess.start(
                    "next",
                    List.of(
                            DebianPackageCondition.find("node").orElseThrow().toString(),
                            cache().resolve("node_modules/next/dist/bin/next").toString(),
                            "dev",
                            "--port",
                            Integer.toString(port),
                            "--hostname",
                            "127.0.0.1"),
                    directory,
                    Map.of(
                            "NEXT_TELEMETRY_DISABLED",
                            "1",
                            "TASKDESK_TEST_LOGINS",
                            JSON.writeValueAsString(site.logins())),
                    "http://127.0.0.1:" + port + "/desk.html",
                    Duration.ofSeconds(90));
            return new NextJsApp(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** app/&lt;route&gt;/route.js, an App Router handler ({@code [id]} is a dynamic segment). */
    private static void route(Path directory, String route, String handler) throws IOException {
        Path file = directory.resolve("app" + route + "/route.js");
        Files.createDirectories(file.getParent());
        write(file, handler);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    public int port() {
        return port;
    }

    /** What next dev has printed (the last of it). */
    public String log() {
        return server.log();
    }

    @Override
    public void close() {
        server.close();
    }
}
