package com.taskdesk.config;

import io.quarkus.runtime.LaunchMode;

/**
 * Config sources are also consulted while Quarkus builds the application, and every value
 * they give then is written into the built jar as a default. Sources of secrets
 * (DATABASE_URL, JWT_SECRET) ask this and give nothing during the build; a test builds
 * with canary secrets set and proves the artifact holds none of them.
 */
public final class QuarkusBuild {

    private static final String BUILD_TIME_CONFIG_READER = "io.quarkus.deployment.configuration.BuildTimeConfigurationReader";

    private QuarkusBuild() {
    }

    /**
     * True while Quarkus builds a production artifact (called, directly or not, from its
     * build-time configuration reader). Dev and test builds write no artifact, and their
     * extensions must see the real values (SmallRye JWT would otherwise generate its own keys).
     */
    public static boolean isPackaging() {
        return LaunchMode.current() == LaunchMode.NORMAL
                && StackWalker.getInstance().walk(frames -> frames.anyMatch(
                        frame -> frame.getClassName().equals(BUILD_TIME_CONFIG_READER)));
    }
}
