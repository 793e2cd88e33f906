package com.taskdesk.budget.config;

import com.taskdesk.config.FunctionSetting;
import java.util.Map;

/**
 * One function's settings in one stage, config/'s layers merged. All durations in seconds.
 *
 * @param numbers                     every {@link FunctionSetting} config/ or its default gives; no
 *                                    maxInstances when config/ sets no cap
 * @param managedInstancesConcurrency requests one execution environment serves at once on Lambda
 *                                    Managed Instances; null on Lambda's default (one at a time)
 */
public record FunctionBudget(
        Endpoint endpoint,
        Map<FunctionSetting, Integer> numbers,
        DeploymentType deploymentType,
        Integer managedInstancesConcurrency) {

    /** The gateway admits this share (in percent) of what the instances can serve; the rest get its 429. */
    public static final int THROTTLE_PERCENT = 80;
    /**
     * On Managed Instances an environment has at least one vCPU and 2 to 8 GiB per vCPU
     * (ExecutionEnvironmentMemoryGiBPerVCpu): its memory is at least this.
     */
    public static final int MANAGED_INSTANCES_MIN_MEMORY_MB = 2048;
    /** Lambda keeps three execution environments of a Managed Instances version by default, one per Availability Zone. */
    static final int MANAGED_INSTANCES_DEFAULT_MIN_ENVIRONMENTS = 3;

    /** The route's throttle on the HTTP API stage: steady requests per second, and at once. */
    public record Throttle(int ratePerSecond, int burst) {}

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

    /** The same function on Lambda's default model (one request per instance), as serverless.yml deploys it. */
    public FunctionBudget onDefaultModel() {
        return new FunctionBudget(endpoint, numbers, deploymentType, null);
    }

    /**
     * How many instances (execution environments) Lambda may run at once: its reserved concurrency on
     * Lambda's default model, its MaxExecutionEnvironments on Managed Instances; null when config/ sets
     * no cap.
     */
    public Integer maxInstances() {
        return numbers.get(FunctionSetting.MAX_INSTANCES);
    }

    /** Each instance's pool cap (DB_CONNECTION_LIMIT). */
    public int connectionLimit() {
        return numbers.get(FunctionSetting.CONNECTION_LIMIT);
    }

    public int poolTimeoutSeconds() {
        return numbers.get(FunctionSetting.POOL_TIMEOUT);
    }

    public int connectTimeoutSeconds() {
        return numbers.get(FunctionSetting.CONNECT_TIMEOUT);
    }

    public int statementTimeoutSeconds() {
        return numbers.get(FunctionSetting.STATEMENT_TIMEOUT);
    }

    /**
     * What a request needs besides waiting for the pool, connecting and running its statement; the
     * socket read timeout is the statement timeout plus this margin.
     */
    public int timeoutMarginSeconds() {
        return numbers.get(FunctionSetting.TIMEOUT_MARGIN);
    }

    public int functionTimeoutSeconds() {
        return numbers.get(FunctionSetting.FUNCTION_TIMEOUT);
    }

    public int memoryMb() {
        return numbers.get(FunctionSetting.MEMORY);
    }

    /** One warm request, end to end: what the route's throttle is sized by. */
    public int typicalLatencyMs() {
        return numbers.get(FunctionSetting.TYPICAL_LATENCY);
    }

    /**
     * Requests one instance runs a statement for at once: as many as it serves, but no more than its
     * pool has connections; on Managed Instances the others wait for a connection (at most
     * poolTimeoutSeconds, then 503).
     */
    public int requestsServedAtOnce() {
        return Math.min(requestsPerInstance(), connectionLimit() / Endpoint.CONNECTIONS_PER_REQUEST);
    }

    /**
     * The pool cap plan sizes it with: what its handler can use at once (one connection per request an
     * instance serves), but on Managed Instances never more than config/'s connectionLimit, whose
     * queueing the check reports.
     */
    public int usefulConnectionLimit() {
        int usable = requestsPerInstance() * Endpoint.CONNECTIONS_PER_REQUEST;
        return onManagedInstances()
                ? Math.max(Endpoint.CONNECTIONS_PER_REQUEST, Math.min(connectionLimit(), usable))
                : usable;
    }

    /** Requests of one instance that wait for a connection while all of its pool is in use. */
    public int requestsQueuedPerInstance() {
        return Math.max(0, requestsPerInstance() - requestsServedAtOnce());
    }

    /**
     * How long the last of an environment's requests waits for a connection at full concurrency,
     * about: the requests ahead of it run in waves of requestsServedAtOnce, each typicalLatencyMs.
     */
    public long fullConcurrencyQueueWaitMs() {
        int served = Math.max(1, requestsServedAtOnce());
        return (long) ((requestsPerInstance() + served - 1) / served - 1) * typicalLatencyMs();
    }

    /**
     * What it reserves of the account's concurrency: its instances on Lambda's default model. On
     * Managed Instances the scaling configuration caps its environments, and it reserves none.
     */
    public int reservedConcurrency() {
        return onManagedInstances() ? 0 : maxInstances();
    }

    /**
     * Execution environments Lambda keeps running on Managed Instances: its default of three (one per
     * Availability Zone), never above maxInstances.
     */
    public int minExecutionEnvironments() {
        return Math.min(MANAGED_INSTANCES_DEFAULT_MIN_ENVIRONMENTS, maxInstances());
    }

    /** Connections open while every instance serves requests. */
    public int inFlightConnections() {
        return maxInstances() * connectionLimit();
    }

    /** Connections this function may hold at worst: every instance full, times the deploy overlap. */
    public int worstCaseConnections(int overlap) {
        return maxInstances() * connectionLimit() * overlap;
    }

    /** "5 x 1 x 2" */
    public String worstCaseFormula(int overlap) {
        return maxInstances() + " x " + connectionLimit() + " x " + overlap;
    }

    /** poolTimeout + connectTimeout + statementTimeout + margin: how long a request may take at worst. */
    public int timeoutChainSeconds() {
        return poolTimeoutSeconds() + connectTimeoutSeconds() + statementTimeoutSeconds() + timeoutMarginSeconds();
    }

    /** How long the driver waits for an answer on a dead network (inside the chain above). */
    public int socketReadTimeoutSeconds() {
        return statementTimeoutSeconds() + timeoutMarginSeconds();
    }

    /**
     * A little below what the instances can serve: {@link #THROTTLE_PERCENT} of the requests they run
     * at once (maxInstances x requestsServedAtOnce) x 1000 / typicalLatencyMs per second, and of those
     * requests at once (at least 1 each).
     */
    public Throttle throttle() {
        long concurrency = (long) maxInstances() * requestsServedAtOnce();
        return new Throttle(
                (int) Math.max(1, concurrency * 1000 * THROTTLE_PERCENT / (100L * typicalLatencyMs())),
                (int) Math.max(1, concurrency * THROTTLE_PERCENT / 100));
    }
}
