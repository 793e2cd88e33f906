package com.taskdesk.budget.check;

import static com.taskdesk.budget.config.Finding.Kind.ABOVE_HTTP_API_LIMIT;
import static com.taskdesk.budget.config.Finding.Kind.CAP_ABOVE_USE;
import static com.taskdesk.budget.config.Finding.Kind.MANAGED_INSTANCES_MEMORY;
import static com.taskdesk.budget.config.Finding.Kind.NO_INSTANCE_CAP;
import static com.taskdesk.budget.config.Finding.Kind.POOL_QUEUE;
import static com.taskdesk.budget.config.Finding.Kind.POOL_TIMEOUT_BELOW_CONNECT_TIMEOUT;
import static com.taskdesk.budget.config.Finding.Kind.TIMEOUTS_DO_NOT_NEST;
import static com.taskdesk.budget.config.Finding.Kind.ZERO_INSTANCES;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What config/ must satisfy, for every stage: each function's instance cap, pool cap and timeouts
 * here, each database's budget summed over the stages that share it ({@link DatabaseCheck}), its other
 * clients' shares ({@link ClientShareCheck}) and the front door ({@link FrontDoorCheck}). The reasons behind each rule are in docs/connection-budget.md;
 * a finding names the function and the numbers.
 */
public final class BudgetCheck {

    /** API Gateway HTTP API cuts a Lambda integration at 30 s. */
    public static final int HTTP_API_TIMEOUT_SECONDS = 30;

    private BudgetCheck() {}

    public static List<Finding> run(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            for (FunctionBudget function : stage.functions()) {
                caps(findings, stage, function);
                timeouts(findings, stage, function);
                if (function.onManagedInstances()
                        && function.memoryMb() < FunctionBudget.MANAGED_INSTANCES_MIN_MEMORY_MB) {
                    findings.add(Finding.of(
                            MANAGED_INSTANCES_MEMORY,
                            stage,
                            function,
                            "memoryMb " + function.memoryMb()
                                    + " is below what one Managed Instances environment has (one vCPU x 2 GiB = "
                                    + FunctionBudget.MANAGED_INSTANCES_MIN_MEMORY_MB + ")"));
                }
            }
        }
        findings.addAll(DatabaseCheck.run(config));
        findings.addAll(ClientShareCheck.run(config));
        findings.addAll(FrontDoorCheck.run(config));
        return findings;
    }

    /** The instance cap exists, and the pool cap is exactly what the handler can use at once. */
    private static void caps(List<Finding> findings, StageConfig stage, FunctionBudget function) {
        if (function.maxInstances() == null) {
            findings.add(Finding.of(
                    NO_INSTANCE_CAP,
                    stage,
                    function,
                    "no maxInstances: nothing caps its instances," + " so its " + function.connectionLimit()
                            + " connection(s) per instance are unbounded in total"));
        } else if (function.maxInstances() == 0) {
            findings.add(Finding.of(
                    ZERO_INSTANCES,
                    stage,
                    function,
                    "maxInstances 0 is reserved concurrency 0," + " which throttles every request"));
        }
        int needed = function.requestsPerInstance() * Endpoint.CONNECTIONS_PER_REQUEST;
        String need = function.requestsPerInstance() + " request(s) at once per instance x "
                + Endpoint.CONNECTIONS_PER_REQUEST + " connection = " + needed;
        // Below one request's connection config/ refuses already (FunctionSetting.CONNECTION_LIMIT's range).
        if (function.connectionLimit() < needed) {
            findings.add(Finding.of(POOL_QUEUE, stage, function, queue(function)));
        } else if (function.connectionLimit() > needed) {
            findings.add(Finding.of(
                    CAP_ABOVE_USE,
                    stage,
                    function,
                    "connectionLimit " + function.connectionLimit()
                            + " is above what its handler can use (" + need + "): "
                            + (function.connectionLimit() - needed)
                            + " per instance count against the budget unused; set connectionLimit: " + needed));
        }
    }

    /** On Managed Instances: how many of an environment's requests wait for a connection, and for how long. */
    static String queue(FunctionBudget function) {
        long waitMs = function.fullConcurrencyQueueWaitMs();
        long timeoutMs = function.poolTimeoutSeconds() * 1000L;
        return function.requestsPerInstance()
                + " requests per environment (perExecutionEnvironmentMaxConcurrency) share"
                + " connectionLimit " + function.connectionLimit() + ": up to " + function.requestsQueuedPerInstance()
                + " per environment queue on the pool, each for at most poolTimeoutSeconds "
                + function.poolTimeoutSeconds()
                + " (then 503 with Retry-After); at full concurrency the last waits about ("
                + function.requestsPerInstance() + " / " + function.requestsServedAtOnce() + " - 1) x "
                + function.typicalLatencyMs() + " ms = " + waitMs + " ms"
                + (waitMs > timeoutMs
                        ? ", beyond the pool timeout: some requests answer 503 at full concurrency;"
                                + " raise connectionLimit or lower perExecutionEnvironmentMaxConcurrency"
                        : ", within the pool timeout");
    }

    /** pool + connect + statement + margin &lt; function timeout &lt;= 30 s. */
    private static void timeouts(List<Finding> findings, StageConfig stage, FunctionBudget function) {
        if (function.timeoutChainSeconds() >= function.functionTimeoutSeconds()) {
            findings.add(Finding.of(
                    TIMEOUTS_DO_NOT_NEST,
                    stage,
                    function,
                    "poolTimeoutSeconds "
                            + function.poolTimeoutSeconds() + " + connectTimeoutSeconds "
                            + function.connectTimeoutSeconds()
                            + " + statementTimeoutSeconds " + function.statementTimeoutSeconds()
                            + " + timeoutMarginSeconds "
                            + function.timeoutMarginSeconds() + " = " + function.timeoutChainSeconds()
                            + " s is not below functionTimeoutSeconds " + function.functionTimeoutSeconds()));
        }
        if (function.poolTimeoutSeconds() < function.connectTimeoutSeconds()) {
            findings.add(Finding.of(
                    POOL_TIMEOUT_BELOW_CONNECT_TIMEOUT,
                    stage,
                    function,
                    "poolTimeoutSeconds "
                            + function.poolTimeoutSeconds() + " is below connectTimeoutSeconds "
                            + function.connectTimeoutSeconds()
                            + ": the pool stops waiting for a new connection at its timeout, so a connect slower than "
                            + function.poolTimeoutSeconds() + " s is a 503 although the connect timeout allows "
                            + function.connectTimeoutSeconds()
                            + " s; give poolTimeoutSeconds at least connectTimeoutSeconds"));
        }
        if (function.functionTimeoutSeconds() > HTTP_API_TIMEOUT_SECONDS) {
            findings.add(Finding.of(
                    ABOVE_HTTP_API_LIMIT,
                    stage,
                    function,
                    "functionTimeoutSeconds " + function.functionTimeoutSeconds() + " is above the HTTP API's "
                            + HTTP_API_TIMEOUT_SECONDS + " s"));
        }
    }
}
