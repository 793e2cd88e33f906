package com.taskdesk.budget;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.config.Finding;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The budget tool platform engineers run, outside the function (docs/connection-budget.md):
 * <pre>
 *   ./budget check --stage prod
 * </pre>
 */
@Command(
        name = "budget",
        usageHelpAutoWidth = true,
        description = "The connection budget of config/, and the deploy files it renders.",
        subcommands = {
            CheckCommand.class,
            PlanCommand.class,
            RolesCommand.class,
            RenderCommand.class,
            ArtifactDigestCommand.class,
            TokenCommand.class,
            SmokeTestCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:the check failed (or plan/roles refused a budget that cannot hold)",
            "2:usage error",
            "3:config/ (or a file given) unreadable or invalid"
        })
public final class BudgetTool implements Runnable {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "This help")
    boolean help;

    @Option(
            names = "--dir",
            defaultValue = ".",
            scope = CommandLine.ScopeType.INHERIT,
            description = "The project directory holding config/ and the deploy files (default: .)")
    Path project;

    @Spec
    CommandSpec spec;

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;

    /** @param env the environment (check --live reads DATABASE_URL from it) */
    BudgetTool(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        int code = new BudgetTool(System.out, System.err, System.getenv()).run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; its exit code. Every error is one line starting "error: ", never a stack trace. */
    public int run(String... args) {
        CommandLine cli = new CommandLine(this)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, arguments) -> {
                    err.println("error: " + e.getMessage());
                    e.getCommandLine().usage(err);
                    return ExitCode.USAGE.code();
                })
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof BudgetException failure) {
                        out.flush();
                        err.println("error: " + failure.getMessage());
                        return failure.exitCode().code();
                    }
                    throw e;
                });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "no command given (check, plan, roles, render, artifact-digest, token, smoke-test)");
    }

    BudgetConfig config() {
        return ConfigFiles.load(project);
    }

    /** Prints the warnings; passes when no finding is an error, else prints the errors and fails. */
    int report(List<Finding> findings, String passed, String failedWhat) {
        findings.stream()
                .filter(finding -> !finding.isError())
                .forEach(finding -> out.println("warning: " + finding.message()));
        List<Finding> errors = findings.stream().filter(Finding::isError).toList();
        if (errors.isEmpty()) {
            out.println(passed);
            return ExitCode.OK.code();
        }
        out.flush();
        errors.forEach(finding -> err.println("error: " + finding.message()));
        err.println(failedWhat + ": " + errors.size() + " problem(s)");
        return ExitCode.CHECK_FAILED.code();
    }
}
