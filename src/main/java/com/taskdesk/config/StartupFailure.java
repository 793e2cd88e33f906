package com.taskdesk.config;

import io.quarkus.runtime.LaunchMode;

/**
 * A setting the function cannot run with stops it at start with one line naming the
 * setting: no stack trace (the message is the whole story) and never a secret. On Lambda
 * the init phase then fails with that line in the function's log.
 */
public final class StartupFailure {

    /** EX_CONFIG from sysexits.h: a configuration error. */
    static final int EXIT_CODE = 78;

    private StartupFailure() {}

    public static RuntimeException stop(InvalidSettingException e) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            throw e;
        }
        System.err.println("ERROR [taskdesk] Cannot start: " + e.getMessage());
        System.err.flush();
        // halt, not exit: this runs inside Quarkus' configuration set-up, where shutdown hooks
        // would wait for a start that never finishes. Nothing is open yet to clean up.
        Runtime.getRuntime().halt(EXIT_CODE);
        return e;
    }
}
