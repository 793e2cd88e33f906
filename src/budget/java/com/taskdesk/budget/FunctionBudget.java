package com.taskdesk.budget;

/**
 * One function's settings in one stage, config/'s layers merged. All durations in seconds.
 *
 * @param maxInstances                how many instances (execution environments) Lambda may run at
 *                                    once: its reserved concurrency; null when config/ sets no cap
 * @param connectionLimit             each instance's pool cap (DB_CONNECTION_LIMIT)
 * @param timeoutMarginSeconds        what a request needs besides waiting for the pool, connecting
 *                                    and running its statement; the socket read timeout is the
 *                                    statement timeout plus this margin
 * @param typicalLatencyMs            one warm request, end to end: what the route's throttle is sized by
 * @param managedInstancesConcurrency requests one execution environment serves at once on Lambda
 *                                    Managed Instances; null on Lambda's default (one at a time)
 */
public record FunctionBudget(Endpoint endpoint, Integer maxInstances, int connectionLimit, int poolTimeoutSeconds,
                             int connectTimeoutSeconds, int statementTimeoutSeconds, int timeoutMarginSeconds,
                             int functionTimeoutSeconds, int memoryMb, int typicalLatencyMs,
                             DeploymentType deploymentType, Integer managedInstancesConcurrency) {

    /** The gateway admits this share (in percent) of what the instances can serve; the rest get its 429. */
    static final int THROTTLE_PERCENT = 80;

    /** The route's throttle on the HTTP API stage: steady requests per second, and at once. */
    public record Throttle(int ratePerSecond, int burst) {
    }

    public String name() {
        return endpoint.functionName();
    }

    /** Concurrent requests one instance serves: 1 on Lambda's default, more on Managed Instances. */
    public int requestsPerInstance() {
        return managedInstancesConcurrency == null ? 1 : managedInstancesConcurrency;
    }

    public boolean onManagedInstances() {
        return managedInstancesConcurrency != null;
    }

    /** Lambda's reserved concurrency for this function: concurrent requests across its instances. */
    public int reservedConcurrency() {
        return maxInstances * requestsPerInstance();
    }

    /** Connections open while every instance serves requests. */
    public int inFlightConnections() {
        return maxInstances * connectionLimit;
    }

    /** Connections this function may hold at worst: every instance full, times the deploy overlap. */
    public int worstCaseConnections(int overlap) {
        return maxInstances * connectionLimit * overlap;
    }

    /** "5 x 1 x 2" */
    public String worstCaseFormula(int overlap) {
        return maxInstances + " x " + connectionLimit + " x " + overlap;
    }

    /** poolTimeout + connectTimeout + statementTimeout + margin: how long a request may take at worst. */
    public int timeoutChainSeconds() {
        return poolTimeoutSeconds + connectTimeoutSeconds + statementTimeoutSeconds + timeoutMarginSeconds;
    }

    /** How long the driver waits for an answer on a dead network (inside the chain above). */
    public int socketReadTimeoutSeconds() {
        return statementTimeoutSeconds + timeoutMarginSeconds;
    }

    /**
     * A little below what the instances can serve: {@link #THROTTLE_PERCENT} of reserved concurrency
     * x 1000 / typicalLatencyMs per second, and of reserved concurrency at once (at least 1 each).
     */
    public Throttle throttle() {
        long concurrency = reservedConcurrency();
        return new Throttle((int) Math.max(1, concurrency * 1000 * THROTTLE_PERCENT / (100L * typicalLatencyMs)),
                (int) Math.max(1, concurrency * THROTTLE_PERCENT / 100));
    }
}
