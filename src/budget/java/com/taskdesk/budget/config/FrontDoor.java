package com.taskdesk.budget.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * How today's front end reaches a stage's functions (contract, "How today's front end reaches the
 * functions"): the app sets {@code auth-token} host-only and SameSite=Strict, so only a route on
 * the app's own host carries it. For each moved route, the app's host proxies the request (a
 * rewrite, status 200) to the stage's API, query string and cookies included; the browser sees one
 * origin. Cut-over is adding the rules render writes into front-door/; roll-back is removing them.
 *
 * @param appOrigin the app's own origin: a POST through the front door carries it as its Origin
 * @param apiUrl    the stage's API, scheme://host[:port] (its custom domain, or the stack's ApiUrl)
 * @param moved     the functions whose routes the app's host hands to the API, in {@link Endpoint} order
 */
public record FrontDoor(Host host, String appOrigin, String apiUrl, List<Endpoint> moved) {

    /**
     * config/'s word for "the stack's ApiUrl output": known only once the stage is deployed, and new
     * each time its stack is created again, so the rules carry {@link #API_URL} and the installer fills it.
     */
    public static final String FROM_STACK = "fromStack";
    /** What the rendered rules carry in place of the API's address when config/ says {@link #FROM_STACK}. */
    public static final String API_URL = "${API_URL}";

    /** Whether the rules carry {@link #API_URL}, filled in from the stack's output when they are installed. */
    public boolean apiUrlFromStack() {
        return API_URL.equals(apiUrl);
    }

    /** What serves the app's host, and so runs the rules. */
    public enum Host {
        /**
         * netlify.toml {@code [[redirects]]} with status 200 and {@code force} (the app's own route
         * exists at the same path). "Proxy rewrite requests will time out after 26 seconds"
         * (Netlify docs, Rewrites and proxies, Limitations).
         */
        NETLIFY("netlify", 26, "netlify.toml"),
        /**
         * next.config.js {@code rewrites()}, as {@code beforeFiles} (checked before the app's own
         * routes). Next.js' proxy gives up after 30 s unless {@code experimental.proxyTimeout} says
         * otherwise (next@15.5.4, dist/server/lib/router-utils/proxy-request.js: "we limit proxy
         * requests to 30s by default"; vercel/next.js #36251, #40289).
         */
        NEXTJS("nextjs", 30, "next-rewrites.js");

        private final String configName;
        private final int proxyLimitSeconds;
        private final String rulesFile;

        Host(String configName, int proxyLimitSeconds, String rulesFile) {
            this.configName = configName;
            this.proxyLimitSeconds = proxyLimitSeconds;
            this.rulesFile = rulesFile;
        }

        public String configName() {
            return configName;
        }

        /** How long the host's proxy waits for the API's answer before it answers the browser itself. */
        public int proxyLimitSeconds() {
            return proxyLimitSeconds;
        }

        /** The file of front-door/&lt;stage&gt;/ the app's repository takes. */
        public String rulesFile() {
            return rulesFile;
        }

        @JsonCreator
        static Host fromConfig(String text) {
            for (Host host : values()) {
                if (host.configName.equals(text)) {
                    return host;
                }
            }
            throw new IllegalArgumentException("must be netlify or nextjs; got '" + text + "'");
        }
    }

    public boolean moves(Endpoint endpoint) {
        return moved.contains(endpoint);
    }

    /** Where the API answers a moved route: https://api.example.com/api/manager/agents. */
    public String destination(Endpoint endpoint) {
        return apiUrl + endpoint.path();
    }

    /**
     * The writes that change tasks (mark-spam and the restores): they move together or not at all. The
     * heartbeat, which changes only its caller's own "User" row, moves on its own, as the reads do.
     */
    public static List<Endpoint> writes() {
        return Endpoint.all().stream()
                .filter(Endpoint::managerRoute)
                .filter(Endpoint::changesTasks)
                .toList();
    }

    /** Every route of the app the functions replace: what moves when config/ does not say. */
    public static List<Endpoint> appRoutes() {
        return Endpoint.all().stream().filter(Endpoint::managerRoute).toList();
    }
}
