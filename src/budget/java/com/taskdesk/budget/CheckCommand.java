package com.taskdesk.budget;

import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.check.DeployedStack;
import com.taskdesk.budget.check.LiveDatabase;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.ReservedClient;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.DeployFiles;
import com.taskdesk.budget.report.AccountSettings;
import com.taskdesk.budget.report.Advice;
import com.taskdesk.budget.report.BudgetTable;
import com.taskdesk.budget.report.ClientTable;
import com.taskdesk.budget.report.LiveCheck;
import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.DatabaseUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        description = {
            "Prints each stage's budget, timeouts, throttles and account concurrency;",
            "fails when a budget, a cap or the timeouts do not hold, or a deploy file is not what config/ renders.",
            "With --live: config/ against the database of DATABASE_URL (an administrator's), read-only."
        })
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    BudgetTool tool;

    @Option(names = "--stage", description = "One stage (default: every stage)")
    String stage;

    @Option(
            names = "--account-settings",
            paramLabel = "FILE",
            description = "The output of `aws lambda get-account-settings`: fail when the account's quota is too low")
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
                .forEach(d -> {
                    ClientTable.print(tool.out, d);
                    Advice.print(tool.out, d);
                });
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
                    Stream.concat(
                                    selected.functions().stream().map(f -> selected.roleName(f.name())),
                                    selected.database().clients().stream()
                                            .map(ReservedClient::role)
                                            .filter(Objects::nonNull))
                            .toList());
        } catch (SQLException e) {
            throw new BudgetException(ExitCode.CHECK_FAILED, "check --live: " + url + ": " + e.getMessage());
        }
        List<Finding> findings = LiveCheck.run(tool.out, config, selected, database, url.toString());
        return tool.report(
                findings,
                "check --live passed: stage " + stage + "'s roles are what roles emits, database "
                        + selected.database().name()
                        + " has the max_connections and reserved connections config/ assumes, each other client's role"
                        + " has its share as its CONNECTION LIMIT, no function or client holds more than its share"
                        + " now, and no role outside the budget holds a connection",
                "check --live failed");
    }
}
