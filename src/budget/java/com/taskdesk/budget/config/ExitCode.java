package com.taskdesk.budget.config;

/** The budget tool's exit codes (documented in docs/connection-budget.md). */
public enum ExitCode {
    /** Everything checked holds (or the command did what it was asked). */
    OK(0),
    /** The check found a violation: budget, timeouts, caps, or drift between config/ and the deploy files. */
    CHECK_FAILED(1),
    /** The command line is wrong: unknown command or option, missing or malformed value. */
    USAGE(2),
    /** A file cannot be read or does not say what the tool needs (config/, the deploy files, --account-settings, --deployed). */
    CONFIGURATION(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
