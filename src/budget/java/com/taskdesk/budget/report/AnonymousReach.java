package com.taskdesk.budget.report;

import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.EdgeStack;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.Optional;

/**
 * Under the throttle table: what one anonymous client can take of it. The HTTP API throttles a route
 * before anything checks a token (the functions check it; no authorizer runs earlier), so without the
 * stage's edge an anonymous client can spend a whole route's rate and burst, which every manager
 * shares; with it, WAF refuses a request without a token before the gateway and holds any one client
 * to its per-minute limit.
 */
final class AnonymousReach {

    private AnonymousReach() {}

    static void print(PrintStream out, StageConfig stage) {
        Optional<FunctionBudget> smallest = stage.functions().stream()
                .filter(f -> f.maxInstances() != null && f.endpoint().managerRoute())
                .min(Comparator.comparingInt(f -> f.throttle().ratePerSecond()));
        if (smallest.isEmpty()) {
            return;
        }
        FunctionBudget route = smallest.get();
        String tightest = route.name() + " (" + route.throttle().ratePerSecond() + "/s, burst "
                + route.throttle().burst() + ")";
        if (stage.edge() == null) {
            out.println("  An anonymous client can consume: every route's whole rate and burst (the gateway throttles"
                    + " before any token is checked, and the functions check it); "
                    + route.throttle().ratePerSecond() + " request(s) a second hold " + tightest
                    + " at 429 for every manager. Give the stage an edge (docs/deploy.md)");
        } else {
            int perMinute = stage.edge().requestsPerClientPerMinute();
            out.println("  An anonymous client can consume: nothing without a token (refused by WAF in "
                    + EdgeStack.file(stage) + ", before the gateway); with any token, forged or not, " + perMinute
                    + " requests a minute per client address (" + String.format("%.1f", perMinute / 60.0)
                    + "/s, against the tightest route " + tightest + ")"
                    + (perMinute / 60.0 >= route.throttle().ratePerSecond()
                            ? ": enough to hold that route at 429; lower edge.requestsPerClientPerMinute"
                            : ""));
        }
    }
}
