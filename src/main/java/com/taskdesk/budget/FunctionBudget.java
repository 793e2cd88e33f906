package com.taskdesk.budget;

import java.util.Set;

/**
 * One function's budget in one stage, with the stage's defaults applied. All durations in seconds.
 *
 * @param maxInstances                 how many instances (execution environments) Lambda may run at
 *                                     once: its reserved concurrency; null when config/ sets no cap
 * @param connectionLimit              each instance's pool cap (DB_CONNECTION_LIMIT)
 * @param timeoutMarginSeconds         what a request needs besides waiting for the pool, connecting
 *                                     and running its statement (validation on borrow, JSON, the response)
 * @param managedInstancesConcurrency  requests one execution environment serves at once on Lambda
 *                                     Managed Instances; null on Lambda's default (one at a time)
 * @param overriddenFields             the fields this function sets itself instead of taking the default
 */
public record FunctionBudget(String name, String route, Integer maxInstances, int connectionLimit,
                             int poolTimeoutSeconds, int connectTimeoutSeconds, int statementTimeoutSeconds,
                             int timeoutMarginSeconds, int functionTimeoutSeconds, int memoryMb,
                             Integer managedInstancesConcurrency, Set<String> overriddenFields) {

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
}
