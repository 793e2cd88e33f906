package com.taskdesk.budget;

import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.report.RoleSql;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "roles",
        description = "Prints the SQL giving each function of a stage its own role, CONNECTION LIMIT = its share.")
final class RolesCommand extends OneStageCommand {

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
