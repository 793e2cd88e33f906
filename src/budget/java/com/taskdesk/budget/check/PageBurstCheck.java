package com.taskdesk.budget.check;

import static com.taskdesk.budget.config.Finding.Kind.BURST_BELOW_PAGE;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.PageCalls;
import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A route the front door moves must take at once what one page sends it at once ({@link PageCalls}):
 * the gateway refuses the rest with 429, and no page of today's front end retries one.
 */
final class PageBurstCheck {

    private PageBurstCheck() {}

    static List<Finding> run(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            FrontDoor door = stage.frontDoor();
            for (PageCalls page : PageCalls.all()) {
                for (Map.Entry<String, Integer> call : page.calls().entrySet()) {
                    FunctionBudget function = stage.function(call.getKey());
                    if (door == null || !door.moves(function.endpoint()) || function.maxInstances() == null) {
                        continue;
                    }
                    int burst = function.throttle().burst();
                    if (burst < call.getValue()) {
                        findings.add(Finding.of(
                                BURST_BELOW_PAGE,
                                stage,
                                function,
                                "throttle burst " + burst + " is below the " + call.getValue()
                                        + " requests the app's " + page.page() + " page sends it at once ("
                                        + page.callSite() + "): the gateway answers the others 429, which no page"
                                        + " retries; set maxInstances to at least "
                                        + instancesFor(function, call.getValue()) + " (burst = "
                                        + FunctionBudget.THROTTLE_PERCENT
                                        + "% of the requests its instances serve at once)"));
                    }
                }
            }
        }
        return findings;
    }

    /** The fewest instances whose burst admits {@code requests} at once. */
    private static int instancesFor(FunctionBudget function, int requests) {
        int perInstance = Math.max(1, function.requestsServedAtOnce());
        int instances = function.maxInstances();
        while ((long) instances * perInstance * FunctionBudget.THROTTLE_PERCENT / 100 < requests) {
            instances++;
        }
        return instances;
    }
}
