package com.taskdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.taskdesk.budget.config.FrontDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The app's Netlify site played by a real reverse proxy: Debian's nginx, unprivileged (one process,
 * a config, pid, logs and temp files of its own, a port above 1024), configured from the
 * {@code [[redirects]]} of a rendered netlify.toml as Netlify runs them: status 200 is a rewrite
 * that proxies an absolute URL with the request's query string and cookies, giving up after
 * Netlify's 26 s; {@code force = true} takes it before a file of the site at the same path, without
 * force the site's file wins (Netlify's shadowing). The site holds the test page, a file at each
 * app route, an answer at each route the app keeps, and the app's login answer (its Set-Cookie).
 * A rule it cannot play is refused.
 */
public final class NetlifyStandIn implements AutoCloseable {

    private final ServerProcess server;

    private NetlifyStandIn(ServerProcess server) {
        this.server = server;
    }

    /**
     * @param netlifyToml the rendered fragment (front-door/&lt;stage&gt;/netlify.toml)
     * @param site        the page, the logins, and the app's own routes: a file at each moved path,
     *                    an answer of its own at each kept one
     */
    public static NetlifyStandIn start(Path workDirectory, String netlifyToml, AppSite site, int port) {
        Path directory = workDirectory.toAbsolutePath();
        try {
            Path root = directory.resolve("site");
            Files.createDirectories(root);
            Files.createDirectories(directory.resolve("temp"));
            Files.writeString(root.resolve("desk.html"), site.page());
            for (String route : site.movedRoutes()) {
                Path file = root.resolve(route.substring(1));
                Files.createDirectories(file.getParent());
                Files.writeString(file, AppSite.MOVED_ROUTES_OWN_ANSWER);
            }
            Path conf = directory.resolve("nginx.conf");
            Files.writeString(conf, config(directory, root, rules(netlifyToml), site, port));
            ServerProcess server = ServerProcess.start(
                    "nginx",
                    List.of(
                            DebianPackageCondition.find("nginx").orElseThrow().toString(),
                            "-p",
                            directory.toString(),
                            "-e",
                            "stderr",
                            "-c",
                            conf.toString()),
                    directory,
                    Map.of(),
                    "http://127.0.0.1:" + port + "/desk.html",
                    Duration.ofSeconds(20));
            return new NetlifyStandIn(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nginx locations for the redirects, in their order (Netlify takes the first rule that matches). */
    static String rules(String netlifyToml) throws IOException {
        JsonNode redirects = new TomlMapper().readTree(netlifyToml).path("redirects");
        if (!redirects.isArray() || redirects.isEmpty()) {
            throw new IllegalArgumentException("no [[redirects]] in:\n" + netlifyToml);
        }
        StringBuilder locations = new StringBuilder();
        int n = 0;
        for (JsonNode rule : redirects) {
            String from = rule.path("from").asText();
            String to = rule.path("to").asText();
            if (!from.startsWith("/") || from.contains("*") || from.contains(":")) {
                throw new IllegalArgumentException("the stand-in plays exact paths only: from = " + from);
            }
            if (rule.path("status").asInt() != 200 || !to.matches("https?://.+")) {
                throw new IllegalArgumentException(
                        "the stand-in plays proxy rewrites only (status 200 to an absolute URL): " + rule);
            }
            String proxy = "proxy_pass " + to + "$is_args$args;";
            if (rule.path("force").asBoolean(false)) {
                locations
                        .append("    location = ")
                        .append(from)
                        .append(" { ")
                        .append(proxy)
                        .append(" }\n");
            } else {
                String named = "@rule" + n++;
                locations
                        .append("    location = ")
                        .append(from)
                        .append(" { try_files $uri ")
                        .append(named)
                        .append("; }\n    location ")
                        .append(named)
                        .append(" { ")
                        .append(proxy)
                        .append(" }\n");
            }
        }
        return locations.toString();
    }

    private static String config(Path directory, Path root, String rules, AppSite site, int port) {
        String temp = directory.resolve("temp").toString();
        return """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events { worker_connections 64; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %2$s/body;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  types { text/html html; }
                  default_type application/json;
                  proxy_http_version 1.1;
                  proxy_read_timeout %3$ds;
                  # The login's Set-Cookie by the address in its JSON body.
                  map $request_body $login_cookie {
                    default "";
                %6$s  }
                  server {
                    listen 127.0.0.1:%4$d;
                    root %5$s;
                    # nginx reads a body only to pass it on: the login passes it to itself, with its cookie.
                    location = /api/auth/login {
                      proxy_set_header X-Login-Cookie $login_cookie;
                      proxy_pass http://127.0.0.1:%4$d/.login;
                    }
                    location = /.login {
                      if ($http_x_login_cookie = "") {
                        return 401 '{"success": false, "error": "Invalid email or password"}';
                      }
                      add_header Set-Cookie $http_x_login_cookie always;
                      return 200 '{"success": true}';
                    }
                    # The routes the app keeps:
                %7$s    # The [[redirects]] of the rendered netlify.toml:
                %8$s  }
                }
                """.formatted(
                        directory,
                        temp,
                        FrontDoor.Host.NETLIFY.proxyLimitSeconds(),
                        port,
                        root,
                        logins(site.logins()),
                        keptRoutes(site.keptRoutes()),
                        rules);
    }

    /** One map entry per login: the body's {@code "email":"<address>"}, as JSON.stringify writes it. */
    private static String logins(Map<String, String> logins) {
        StringBuilder entries = new StringBuilder();
        logins.forEach((email, setCookie) -> entries.append("    '~\"email\":\"")
                .append(email.replace(".", "[.]"))
                .append("\"' \"")
                .append(setCookie.replace("\"", "\\\""))
                .append("\";\n"));
        return entries.toString();
    }

    /** A regex location per kept route ({@code [id]} is any one segment), answering any method. */
    private static String keptRoutes(List<String> keptRoutes) {
        StringBuilder locations = new StringBuilder();
        for (String route : keptRoutes) {
            locations
                    .append("    location ~ ^")
                    .append(route.replaceAll("\\[[^/]+]", "[^/]+"))
                    .append("$ { return 200 '")
                    .append(AppSite.KEPT_ANSWER)
                    .append("'; }\n");
        }
        return locations.toString();
    }

    /** What nginx has logged. */
    public String log() {
        return server.log();
    }

    @Override
    public void close() {
        server.close();
    }
}
