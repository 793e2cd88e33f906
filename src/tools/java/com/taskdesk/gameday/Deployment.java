package com.taskdesk.gameday;

import com.taskdesk.budget.config.DeploymentType;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's functions as deployed: per function of {@link Endpoint#all()}, its versions, and the
 * alias that shifts requests from the old version to a new one as the function's deploymentType
 * says (Canary10Percent5Minutes: a tenth of the requests for five minutes, then all), with each
 * minute of the shift compressed to {@link #DEPLOY_MINUTE}. The old version's environments stay
 * where they are, idle, with their connections: the overlap the budget's deployOverlapFactor counts.
 */
final class Deployment implements AutoCloseable {

    /** A minute of CodeDeploy's traffic shift, as the game day runs it. */
    static final Duration DEPLOY_MINUTE = Duration.ofSeconds(6);

    private static final Pattern CANARY = Pattern.compile("Canary(\\d+)Percent(\\d+)Minutes");
    private static final Pattern LINEAR = Pattern.compile("Linear(\\d+)PercentEvery(\\d+)Minutes?");

    private final class Alias {
        final FunctionBudget budget;
        final List<SimulatedLambda> versions = new CopyOnWriteArrayList<>();
        volatile long shiftStartedNanos;

        Alias(FunctionBudget budget) {
            this.budget = budget;
        }

        SimulatedLambda route() {
            SimulatedLambda newest = versions.get(versions.size() - 1);
            if (versions.size() == 1) {
                return newest;
            }
            double share =
                    newVersionShare(budget.deploymentType(), Duration.ofNanos(System.nanoTime() - shiftStartedNanos));
            return ThreadLocalRandom.current().nextDouble() < share ? newest : versions.get(versions.size() - 2);
        }
    }

    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final VersionFactory versions;

    /** Version 1 of every function, no environment yet. */
    Deployment(StageConfig stage, VersionFactory versions) {
        this.versions = versions;
        for (Endpoint endpoint : Endpoint.all()) {
            Alias alias = new Alias(stage.function(endpoint.functionName()));
            alias.versions.add(versions.make(alias.budget, 1));
            aliases.put(endpoint.functionName(), alias);
        }
    }

    /** Makes version n of a function. */
    interface VersionFactory {
        SimulatedLambda make(FunctionBudget budget, int version);
    }

    /** The function's version that gets this request. */
    SimulatedLambda route(String function) {
        return aliases.get(function).route();
    }

    /** A new version of every function arrives: each alias starts shifting to it. */
    synchronized void deployNewVersion() {
        for (Alias alias : aliases.values()) {
            SimulatedLambda next = versions.make(alias.budget, alias.versions.size() + 1);
            alias.shiftStartedNanos = System.nanoTime();
            alias.versions.add(next);
        }
    }

    /** Each function's newest version (the one a shift is moving to, or the only one). */
    List<SimulatedLambda> newest() {
        return aliases.values().stream()
                .map(alias -> alias.versions.get(alias.versions.size() - 1))
                .toList();
    }

    /** Environments every version of every function holds now. */
    int instances() {
        return aliases.values().stream()
                .flatMap(alias -> alias.versions.stream())
                .mapToInt(SimulatedLambda::instances)
                .sum();
    }

    /** How long the slowest function's shift to a new version takes. */
    Duration longestShift() {
        return aliases.values().stream()
                .map(alias -> shiftLength(alias.budget.deploymentType()))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** How long until the new version gets every request. */
    static Duration shiftLength(DeploymentType type) {
        Duration elapsed = Duration.ZERO;
        while (newVersionShare(type, elapsed) < 1.0) {
            elapsed = elapsed.plus(DEPLOY_MINUTE.dividedBy(10));
        }
        return elapsed;
    }

    /** The share of requests the new version gets this long into the shift. */
    static double newVersionShare(DeploymentType type, Duration elapsed) {
        double minutes = (double) elapsed.toMillis() / DEPLOY_MINUTE.toMillis();
        Matcher canary = CANARY.matcher(type.name());
        if (canary.matches()) {
            return minutes < Integer.parseInt(canary.group(2)) ? Integer.parseInt(canary.group(1)) / 100.0 : 1.0;
        }
        Matcher linear = LINEAR.matcher(type.name());
        if (linear.matches()) {
            int steps = 1 + (int) (minutes / Integer.parseInt(linear.group(2)));
            return Math.min(1.0, steps * Integer.parseInt(linear.group(1)) / 100.0);
        }
        if (type == DeploymentType.AllAtOnce) {
            return 1.0;
        }
        throw new IllegalStateException("The game day does not know how " + type + " shifts traffic");
    }

    @Override
    public void close() {
        aliases.values().forEach(alias -> alias.versions.forEach(SimulatedLambda::close));
    }
}
