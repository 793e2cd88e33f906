package com.taskdesk.budget;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The connection budget tool platform engineers run (see docs/connection-budget.md):
 * <pre>
 *   ./mvnw -q compile exec:java -Dexec.args="check --stage prod"
 * </pre>
 * Commands: check, plan, roles, sync. Every error is one line; exit codes in {@link ExitCode}.
 */
public final class BudgetTool {

    static final String USAGE = """
            usage: BudgetTool <command> [options] [--dir PROJECT]
              check [--stage S | --all]   prove every stage's budget, timeouts, caps and deploy files (default --all)
              plan --stage S [--max-connections N] [--reserved N] [--weight function=w ...]
                                          propose the largest maxInstances per function that fits the database
              roles --stage S             print the SQL giving each function its own role with its CONNECTION LIMIT
              sync                        rewrite template.yaml's Mappings from config/
              help                        this text
              --dir PROJECT               the project directory holding config/, template.yaml, serverless.yml (default .)
            exit codes: 0 ok, 1 check failed, 2 usage error, 3 configuration unreadable or invalid""";

    private final PrintStream out;
    private final PrintStream err;

    BudgetTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new BudgetTool(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    public int run(String... args) {
        try {
            Arguments arguments = Arguments.parse(args);
            return switch (arguments.command()) {
                case "check" -> check(arguments);
                case "plan" -> plan(arguments);
                case "roles" -> roles(arguments);
                case "sync" -> sync(arguments);
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield ExitCode.OK.code();
                }
                default -> throw BudgetException.usage("unknown command '" + arguments.command()
                        + "' (check, plan, roles, sync, help)");
            };
        } catch (BudgetException e) {
            err.println("error: " + e.getMessage());
            if (e.exitCode() == ExitCode.USAGE) {
                err.println(USAGE);
            }
            return e.exitCode().code();
        }
    }

    private int check(Arguments arguments) {
        arguments.allowOnly("--stage", "--all", "--dir");
        if (arguments.has("--stage") && arguments.has("--all")) {
            throw BudgetException.usage("check takes --stage S or --all, not both");
        }
        Path project = arguments.project();
        BudgetConfig config = ConfigLoader.load(project.resolve("config"));
        List<StageConfig> selected = arguments.has("--stage")
                ? List.of(config.stage(arguments.value("--stage"))) : config.stages();
        List<String> selectedNames = selected.stream().map(StageConfig::stage).toList();

        Set<String> databases = new LinkedHashSet<>();
        for (StageConfig stage : selected) {
            BudgetTable.print(out, stage, DatabaseBudget.of(config, stage));
            databases.add(stage.database().name());
        }
        for (DatabaseBudget database : DatabaseBudget.of(config)) {
            if (databases.contains(database.name())) {
                DatabaseSettingsAdvice.print(out, database);
            }
        }
        List<Finding> findings = BudgetCheck.run(config, project).stream()
                .filter(finding -> finding.concernsAny(selectedNames)).toList();
        if (findings.isEmpty()) {
            out.println("check passed: stage(s) " + String.join(", ", selectedNames) + " fit their database(s) "
                    + String.join(", ", databases) + "; timeouts nest; every connectionLimit is what its handler can use;"
                    + " template.yaml and serverless.yml agree with config/");
            return ExitCode.OK.code();
        }
        out.flush();
        for (Finding finding : findings) {
            err.println("error: " + finding.message());
        }
        err.println("check failed: " + findings.size() + " problem(s) in stage(s) " + String.join(", ", selectedNames));
        return ExitCode.CHECK_FAILED.code();
    }

    private int plan(Arguments arguments) {
        arguments.allowOnly("--stage", "--max-connections", "--reserved", "--weight", "--dir");
        BudgetConfig config = ConfigLoader.load(arguments.project().resolve("config"));
        StageConfig stage = config.stage(arguments.required("--stage"));
        Map<String, Double> weights = InstancePlanner.noWeights();
        for (String weight : arguments.values("--weight")) {
            InstancePlanner.parseWeights(weight, weights);
        }
        InstancePlanner.Plan plan = InstancePlanner.plan(config, stage, arguments.integer("--max-connections"),
                arguments.integer("--reserved"), weights);
        PlanReport.print(out, plan);
        return ExitCode.OK.code();
    }

    private int roles(Arguments arguments) {
        arguments.allowOnly("--stage", "--dir");
        BudgetConfig config = ConfigLoader.load(arguments.project().resolve("config"));
        StageConfig stage = config.stage(arguments.required("--stage"));
        List<Finding> findings = BudgetCheck.checkConfig(config).stream()
                .filter(finding -> finding.concernsAny(List.of(stage.stage()))).toList();
        if (!findings.isEmpty()) {
            for (Finding finding : findings) {
                err.println("error: " + finding.message());
            }
            err.println("roles: " + stage.fileName() + " fails the check, so its roles would enforce a budget the database"
                    + " cannot hold; fix it first");
            return ExitCode.CHECK_FAILED.code();
        }
        out.print(RoleSql.script(config, stage));
        return ExitCode.OK.code();
    }

    private int sync(Arguments arguments) {
        arguments.allowOnly("--dir");
        Path project = arguments.project();
        BudgetConfig config = ConfigLoader.load(project.resolve("config"));
        Path template = project.resolve("template.yaml");
        boolean changed = TemplateMappings.sync(template, config);
        out.println(changed ? "sync: template.yaml Mappings rewritten from config/ (stages "
                + String.join(", ", config.stageNames()) + ")" : "sync: template.yaml Mappings already match config/");
        List<Finding> drift = SamTemplateCheck.check(config, template);
        if (!drift.isEmpty()) {
            for (Finding finding : drift) {
                err.println("error: " + finding.message());
            }
            err.println("sync: template.yaml still disagrees with config/ outside Mappings; edit the functions to read"
                    + " their mapping (e.g. !FindInMap [AgentsBudget, !Ref Stage, MemoryMb])");
            return ExitCode.CHECK_FAILED.code();
        }
        return ExitCode.OK.code();
    }

    /** The command line: a command, then options (--name value, --flag); --weight may repeat. */
    record Arguments(String command, Map<String, List<String>> options) {

        private static final Set<String> FLAGS = Set.of("--all");

        static Arguments parse(String[] args) {
            if (args.length == 0) {
                throw BudgetException.usage("no command given");
            }
            Map<String, List<String>> options = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                if (!name.startsWith("--")) {
                    throw BudgetException.usage("unexpected argument '" + name + "'");
                }
                if (FLAGS.contains(name)) {
                    options.computeIfAbsent(name, n -> new ArrayList<>()).add("true");
                    continue;
                }
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw BudgetException.usage(name + " needs a value");
                }
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(args[++i]);
            }
            return new Arguments(args[0].toLowerCase(Locale.ROOT), options);
        }

        void allowOnly(String... names) {
            Set<String> allowed = Set.of(names);
            for (Map.Entry<String, List<String>> option : options.entrySet()) {
                if (!allowed.contains(option.getKey())) {
                    throw BudgetException.usage(command + " does not take " + option.getKey());
                }
                if (option.getValue().size() > 1 && !option.getKey().equals("--weight")) {
                    throw BudgetException.usage(option.getKey() + " given twice");
                }
            }
        }

        boolean has(String name) {
            return options.containsKey(name);
        }

        String value(String name) {
            return options.get(name).get(0);
        }

        List<String> values(String name) {
            return options.getOrDefault(name, List.of());
        }

        String required(String name) {
            if (!has(name)) {
                throw BudgetException.usage(command + " needs " + name);
            }
            return value(name);
        }

        Integer integer(String name) {
            if (!has(name)) {
                return null;
            }
            try {
                int value = Integer.parseInt(value(name));
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw BudgetException.usage(name + " wants a whole number of 0 or more; got '" + value(name) + "'");
        }

        Path project() {
            return Path.of(has("--dir") ? value("--dir") : ".");
        }
    }
}
