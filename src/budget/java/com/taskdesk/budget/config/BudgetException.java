package com.taskdesk.budget.config;

/**
 * A failure the tool reports as one line and an exit code, never as a stack trace:
 * a bad command line ({@link ExitCode#USAGE}) or configuration it cannot read
 * ({@link ExitCode#CONFIGURATION}).
 */
public final class BudgetException extends RuntimeException {

    private final ExitCode exitCode;

    public BudgetException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static BudgetException usage(String message) {
        return new BudgetException(ExitCode.USAGE, message);
    }

    public static BudgetException configuration(String message) {
        return new BudgetException(ExitCode.CONFIGURATION, message);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
