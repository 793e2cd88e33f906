package com.taskdesk.testing;

/**
 * The Next.js packages the front door's browser test runs (next@15.5.4, react@19.1.1 from npm),
 * installed once into a user cache; the Debian packages it needs are {@link NeedsBrowserPath}'s.
 * Without them the test is skipped with one line saying why and how to get them; CI sets
 * {@value #REQUIRED} (.ci/run), which makes a missing piece fail the test instead.
 */
public final class BrowserPath {

    static final String REQUIRED = "TASKDESK_REQUIRE_BROWSER";

    private static Boolean installed;

    private BrowserPath() {}

    /**
     * For {@code @EnabledIf}: the packages are installed (now, if they were not). Without node or
     * npm it says nothing: {@link NeedsBrowserPath} reports those.
     */
    public static synchronized boolean nextJsInstalled() {
        if (installed == null) {
            if (DebianPackageCondition.find("node").isEmpty()
                    || DebianPackageCondition.find("npm").isEmpty()) {
                return false;
            }
            String problem = NextJsApp.install().orElse(null);
            installed = problem == null;
            if (problem != null) {
                String line = "the front door's browser test needs next@15.5.4 from npm, which is not installed ("
                        + problem + "; it needs the npm registry once, then stays in ~/.cache/taskdesk)";
                if (System.getenv(REQUIRED) != null) {
                    throw new IllegalStateException(REQUIRED + " is set but " + line);
                }
                System.out.println("SKIPPED " + line);
            }
        }
        return installed;
    }
}
