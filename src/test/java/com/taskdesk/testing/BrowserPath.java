package com.taskdesk.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What the real-browser test of the front door needs: Debian's chromium, chromium-driver and
 * nginx-light, node with npm, and next@15.5.4 installed from npm (once, into a user cache). Without
 * one of them the test is skipped with one line saying what is missing and how to get it; CI sets
 * {@value #REQUIRED} (.ci/run), which makes a missing piece fail the test instead.
 */
public final class BrowserPath {

    static final String REQUIRED = "TASKDESK_REQUIRE_BROWSER";

    private static Boolean ready;

    private BrowserPath() {}

    /** For {@code @EnabledIf}: every piece is there (the Next.js packages installed if they were not). */
    public static synchronized boolean ready() {
        if (ready == null) {
            List<String> missing = missing();
            ready = missing.isEmpty();
            if (!ready) {
                String line = "front door browser test: " + String.join("; ", missing);
                if (System.getenv(REQUIRED) != null) {
                    throw new IllegalStateException(REQUIRED + " is set but " + line);
                }
                System.err.println(line + " (skipped)");
            }
        }
        return ready;
    }

    private static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (HeadlessChromium.chromium().isEmpty()) {
            missing.add("no chromium (apt-get install chromium)");
        }
        if (HeadlessChromium.chromedriver().isEmpty()) {
            missing.add("no chromedriver (apt-get install chromium-driver)");
        }
        if (NetlifyStandIn.nginx().isEmpty()) {
            missing.add("no nginx (apt-get install nginx-light)");
        }
        if (NextJsApp.node().isEmpty() || NextJsApp.npm().isEmpty()) {
            missing.add("no node and npm (apt-get install nodejs npm)");
        } else {
            NextJsApp.install()
                    .ifPresent(problem -> missing.add("next@15.5.4 is not installed (" + problem
                            + "; it needs the npm registry once, then stays in ~/.cache/taskdesk)"));
        }
        return missing;
    }
}
