package com.taskdesk.budget.check;

import static com.taskdesk.budget.config.Finding.Kind.FRONT_DOOR_BYPASSES_EDGE;
import static com.taskdesk.budget.config.Finding.Kind.FRONT_DOOR_ORIGIN;
import static com.taskdesk.budget.config.Finding.Kind.FRONT_DOOR_PROXY_LIMIT;
import static com.taskdesk.budget.config.Finding.Kind.FRONT_DOOR_SPLITS_WRITES;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a stage's front door must satisfy (contract, "One move, one set of routes" and "How today's
 * front end reaches the functions"; docs/front-door.md): the writes move together, every moved
 * function answers before the proxy gives up, and the app's own origin may POST.
 */
final class FrontDoorCheck {

    private FrontDoorCheck() {}

    static List<Finding> run(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            FrontDoor door = stage.frontDoor();
            if (door != null) {
                writesTogether(findings, stage, door);
                withinTheProxyLimit(findings, stage, door);
                originAllowed(findings, stage, door);
                throughTheEdge(findings, stage, door);
            }
        }
        return findings;
    }

    /**
     * mark-spam and the restores change the same rows under one rule: with only some of them moved,
     * the app's own restore would strand the tasks the function's mark-spam moved (and send promoted
     * messages back to READY).
     */
    private static void writesTogether(List<Finding> findings, StageConfig stage, FrontDoor door) {
        List<Endpoint> writes = FrontDoor.writes();
        List<Endpoint> moved = writes.stream().filter(door::moves).toList();
        if (!moved.isEmpty() && moved.size() < writes.size()) {
            findings.add(Finding.of(
                    FRONT_DOOR_SPLITS_WRITES,
                    subject(stage),
                    List.of(stage.name()),
                    "moves " + names(moved) + " but not "
                            + names(writes.stream().filter(w -> !door.moves(w)).toList())
                            + ": the " + writes.size() + " writes change the same rows under one rule (tasks are"
                            + " moved, never deleted; a raw message with a task is never READY again), and the app's"
                            + " own restore would strand the tasks the functions moved; move all " + writes.size()
                            + " or none (contract: \"One move, one set of routes\")"));
        }
    }

    /** function timeout &lt; the proxy's limit: the browser gets the function's 503, not the proxy's timeout. */
    private static void withinTheProxyLimit(List<Finding> findings, StageConfig stage, FrontDoor door) {
        int limit = door.host().proxyLimitSeconds();
        for (FunctionBudget function : stage.functions()) {
            if (door.moves(function.endpoint()) && function.functionTimeoutSeconds() >= limit) {
                findings.add(Finding.of(
                        FRONT_DOOR_PROXY_LIMIT,
                        stage,
                        function,
                        "functionTimeoutSeconds " + function.functionTimeoutSeconds()
                                + " is not below the front door's proxy limit ("
                                + door.host().configName()
                                + " gives up after " + limit + " s): a slow request would reach the browser as "
                                + door.host().configName() + "'s timeout instead of the function's 503;"
                                + " set functionTimeoutSeconds to at most " + (limit - 1)));
            }
        }
    }

    /** The browser sends the app's origin with a POST through the front door; the functions refuse others. */
    private static void originAllowed(List<Finding> findings, StageConfig stage, FrontDoor door) {
        if (!stage.corsOrigins().contains(door.appOrigin())) {
            findings.add(Finding.of(
                    FRONT_DOOR_ORIGIN,
                    subject(stage),
                    List.of(stage.name()),
                    "appOrigin " + door.appOrigin() + " is not in corsOrigins " + stage.corsOrigins()
                            + ": a POST through the front door carries the app's own Origin, which the functions"
                            + " refuse (403); add " + door.appOrigin() + " to corsOrigins"));
        }
    }

    /** With an edge, the rules send the routes to CloudFront: to the API's own domain they would skip WAF. */
    private static void throughTheEdge(List<Finding> findings, StageConfig stage, FrontDoor door) {
        if (stage.edge() != null
                && door.apiUrl().equals("https://" + stage.domain().name())) {
            findings.add(Finding.of(
                    FRONT_DOOR_BYPASSES_EDGE,
                    subject(stage),
                    List.of(stage.name()),
                    "apiUrl " + door.apiUrl() + " is the API's own domain, which the stage's edge puts behind"
                            + " CloudFront: the rules would skip its WAF; give apiUrl: " + FrontDoor.FROM_STACK
                            + " (the edge stack's EdgeUrl) or the edge's own address"));
        }
    }

    /** "prod/frontDoor", as config/prod.yaml names it. */
    private static String subject(StageConfig stage) {
        return stage.name() + "/frontDoor";
    }

    private static String names(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::functionName).collect(Collectors.joining(", "));
    }
}
