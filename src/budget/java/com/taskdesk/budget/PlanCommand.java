package com.taskdesk.budget;

import com.taskdesk.budget.check.InstancePlanner;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.report.PlanReport;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "plan",
        description = "Proposes the largest maxInstances per function of a stage that fits its database.")
final class PlanCommand extends OneStageCommand {

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
