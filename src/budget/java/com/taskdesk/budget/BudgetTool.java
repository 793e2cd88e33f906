package com.taskdesk.budget;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.DatabaseUrl;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
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
            BudgetTool.Check.class,
            BudgetTool.Plan.class,
            BudgetTool.Roles.class,
            BudgetTool.Render.class,
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

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

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
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given (check, plan, roles, render)");
    }

    BudgetConfig config() {
        return ConfigFiles.load(project);
    }

    /** Prints the warnings; passes when no finding is an error, else prints the errors and fails. */
    private int report(List<Finding> findings, String passed, String failedWhat) {
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

    @Command(
            name = "check",
            description = {
                "Prints each stage's budget, timeouts, throttles and account concurrency;",
                "fails when a budget, a cap or the timeouts do not hold, or a deploy file is not what config/ renders.",
                "With --live: config/ against the database of DATABASE_URL (an administrator's), read-only."
            })
    static final class Check implements Callable<Integer> {
        @ParentCommand
        BudgetTool tool;

        @Option(names = "--stage", description = "One stage (default: every stage)")
        String stage;

        @Option(
                names = "--account-settings",
                paramLabel = "FILE",
                description =
                        "The output of `aws lambda get-account-settings`: fail when the account's quota is too low")
        Path accountSettings;

        @Option(
                names = "--deployed",
                paramLabel = "FILE",
                description = {
                    "The stage's stack now: the output of `aws cloudformation get-template --stack-name S",
                    "--template-stage Processed` (with --stage): fail when config/ would move a deployed function",
                    "onto or off Lambda Managed Instances in place; --account-settings counts its reservations"
                })
        Path deployed;

        @Option(
                names = "--live",
                description = {
                    "Compare the stage with its database now: max_connections, the reserved",
                    "connections, the functions' roles and their backends (DATABASE_URL: an administrator's; read-only)"
                })
        boolean live;

        @Override
        public Integer call() {
            BudgetConfig config = tool.config();
            if (live) {
                return live(config);
            }
            List<StageConfig> selected = stage == null ? config.stages() : List.of(config.stage(stage));
            List<String> names = selected.stream().map(StageConfig::name).toList();
            Set<String> databases = new LinkedHashSet<>();
            for (StageConfig each : selected) {
                BudgetTable.print(tool.out, each, DatabaseBudget.of(config, each));
                databases.add(each.database().name());
            }
            DatabaseBudget.of(config).stream()
                    .filter(d -> databases.contains(d.name()))
                    .forEach(d -> Advice.print(tool.out, d));
            Map<String, String> deployFiles = DeployFiles.render(config);
            List<Finding> findings = new ArrayList<>(BudgetCheck.run(config).stream()
                    .filter(f -> f.concernsAny(names))
                    .toList());
            findings.addAll(DeployFiles.stale(tool.project, deployFiles));
            if (deployed != null && stage == null) {
                throw BudgetException.usage("check --deployed FILE is one stage's stack: give --stage too");
            }
            DeployedStack stack = deployed == null ? null : DeployedStack.read(deployed);
            if (stack != null) {
                findings.addAll(stack.movesInPlace(selected.get(0)));
            }
            if (accountSettings != null) {
                AccountSettings account = AccountSettings.read(accountSettings);
                selected.forEach(each -> findings.addAll(account.check(tool.out, each, stack)));
            }
            return tool.report(
                    findings,
                    "check passed: stage(s) " + String.join(", ", names) + " fit database(s) "
                            + String.join(", ", databases)
                            + "; timeouts nest; no connectionLimit is below one request or above what its handler can use; "
                            + String.join(", ", deployFiles.keySet()) + " are what config/ renders",
                    "check failed");
        }

        private int live(BudgetConfig config) {
            if (stage == null || accountSettings != null || deployed != null) {
                throw BudgetException.usage("check --live takes --stage S, and nothing else");
            }
            StageConfig selected = config.stage(stage);
            if (selected.functions().stream().anyMatch(f -> f.maxInstances() == null)) {
                throw new BudgetException(
                        ExitCode.CHECK_FAILED,
                        "check --live: " + selected.fileName() + " has functions"
                                + " without maxInstances, so roles creates no roles to compare (run check)");
            }
            String databaseUrl = tool.env.get(ConnectionSettings.DATABASE_URL);
            if (databaseUrl == null || databaseUrl.isBlank()) {
                throw BudgetException.usage("check --live reads an administrator's " + ConnectionSettings.DATABASE_URL
                        + " from the environment (postgresql://user:pass@host:5432/db); it is not set");
            }
            DatabaseUrl url = LiveDatabase.parse(databaseUrl);
            LiveDatabase database;
            try (Connection connection = LiveDatabase.connect(url)) {
                database = LiveDatabase.read(
                        connection,
                        selected.functions().stream()
                                .map(f -> selected.roleName(f.name()))
                                .toList());
            } catch (SQLException e) {
                throw new BudgetException(ExitCode.CHECK_FAILED, "check --live: " + url + ": " + e.getMessage());
            }
            List<Finding> findings = LiveCheck.run(tool.out, config, selected, database, url.toString());
            return tool.report(
                    findings,
                    "check --live passed: stage " + stage + "'s roles are what roles emits, database "
                            + selected.database().name()
                            + " has the max_connections and reserved connections config/ assumes, and no"
                            + " function holds more than its share now",
                    "check --live failed");
        }
    }

    /** A command about one stage. */
    abstract static class OneStage implements Callable<Integer> {
        @ParentCommand
        BudgetTool tool;

        @Option(names = "--stage", required = true)
        String stage;
    }

    @Command(
            name = "plan",
            description = "Proposes the largest maxInstances per function of a stage that fits its database.")
    static final class Plan extends OneStage {

        @Option(names = "--max-connections", paramLabel = "N", description = "What if max_connections were N")
        Integer maxConnections;

        @Option(names = "--reserved", paramLabel = "N", description = "What if N connections were reserved")
        Integer reserved;

        @Option(
                names = "--weight",
                split = ",",
                paramLabel = "FUNCTION=W",
                description = "A function's share (default 1; 0 keeps it at one instance)")
        Map<String, Double> weights = new LinkedHashMap<>();

        @Override
        public Integer call() {
            BudgetConfig config = tool.config();
            for (Map.Entry<String, Double> weight : weights.entrySet()) {
                if (Endpoint.forFunction(weight.getKey()).isEmpty()
                        || !(weight.getValue() >= 0)
                        || weight.getValue().isInfinite()) {
                    throw BudgetException.usage("--weight " + weight.getKey() + "=" + weight.getValue()
                            + ": wants one of the functions (" + String.join(", ", Endpoint.functionNames())
                            + ") and a number of 0 or more");
                }
            }
            for (Integer number : new Integer[] {maxConnections, reserved}) {
                if (number != null && number < 0) {
                    throw BudgetException.usage("--max-connections and --reserved want a whole number of 0 or more");
                }
            }
            PlanReport.print(
                    tool.out, InstancePlanner.plan(config, config.stage(stage), maxConnections, reserved, weights));
            return ExitCode.OK.code();
        }
    }

    @Command(
            name = "roles",
            description = "Prints the SQL giving each function of a stage its own role, CONNECTION LIMIT = its share.")
    static final class Roles extends OneStage {

        @Override
        public Integer call() {
            BudgetConfig config = tool.config();
            StageConfig selected = config.stage(stage);
            List<Finding> findings = BudgetCheck.run(config).stream()
                    .filter(f -> f.concernsAny(List.of(stage)))
                    .filter(Finding::isError)
                    .toList();
            if (!findings.isEmpty()) {
                return tool.report(
                        findings,
                        "",
                        "roles: " + selected.fileName()
                                + " fails the check, so its roles would enforce a budget the database cannot hold");
            }
            tool.out.print(RoleSql.script(config, selected));
            return ExitCode.OK.code();
        }
    }

    @Command(
            name = "render",
            description =
                    "Writes template-<stage>.yaml, serverless.yml, samconfig.toml, events/ and each stage's front-door/ from config/.")
    static final class Render implements Callable<Integer> {
        @ParentCommand
        BudgetTool tool;

        @Override
        public Integer call() {
            List<String> written = DeployFiles.write(tool.project, DeployFiles.render(tool.config()));
            tool.out.println(
                    written.isEmpty()
                            ? "render: the deploy files already are what config/ renders"
                            : "render: wrote " + String.join(", ", written) + "; now run check");
            return ExitCode.OK.code();
        }
    }
}
