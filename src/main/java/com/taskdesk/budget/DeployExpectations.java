package com.taskdesk.budget;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What config/ says each deploy file must declare, and the comparison that turns every
 * difference into a finding ("drift"), per stage and function.
 */
final class DeployExpectations {

    static final String RUNTIME = "java21";
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String ARTIFACT = "target/function.zip";

    /** An expected value and where config/ says it. */
    record Expected(String value, String source) {
    }

    private DeployExpectations() {
    }

    static Map<DeploySetting, Expected> of(StageConfig stage, FunctionBudget function) {
        Map<DeploySetting, Expected> expected = new EnumMap<>(DeploySetting.class);
        expected.put(DeploySetting.FUNCTION_NAME, new Expected(function.name(), "its name"));
        expected.put(DeploySetting.ROUTE, new Expected(function.route(), "route " + function.route()));
        if (function.maxInstances() != null) {
            expected.put(DeploySetting.RESERVED_CONCURRENCY, new Expected(Integer.toString(function.reservedConcurrency()),
                    function.onManagedInstances()
                            ? "maxInstances " + function.maxInstances() + " x " + function.requestsPerInstance()
                            + " requests per environment = " + function.reservedConcurrency()
                            : "maxInstances " + function.maxInstances()));
        } else {
            expected.put(DeploySetting.RESERVED_CONCURRENCY, new Expected(null, "no maxInstances"));
        }
        expected.put(DeploySetting.MANAGED_INSTANCES_CONCURRENCY, function.onManagedInstances()
                ? new Expected(Integer.toString(function.managedInstancesConcurrency()),
                "lambdaManagedInstances.perExecutionEnvironmentMaxConcurrency " + function.managedInstancesConcurrency())
                : new Expected(null, "no lambdaManagedInstances"));
        expected.put(DeploySetting.TIMEOUT, number(function.functionTimeoutSeconds(), "functionTimeoutSeconds"));
        expected.put(DeploySetting.MEMORY, number(function.memoryMb(), "memoryMb"));
        expected.put(DeploySetting.RUNTIME, new Expected(RUNTIME, "the project's runtime"));
        expected.put(DeploySetting.HANDLER, new Expected(HANDLER, "the Quarkus Lambda handler"));
        expected.put(DeploySetting.ARTIFACT, new Expected(ARTIFACT, "the one built bundle"));
        expected.put(DeploySetting.CONNECTION_LIMIT, number(function.connectionLimit(), "connectionLimit"));
        expected.put(DeploySetting.POOL_TIMEOUT, number(function.poolTimeoutSeconds(), "poolTimeoutSeconds"));
        expected.put(DeploySetting.CONNECT_TIMEOUT, number(function.connectTimeoutSeconds(), "connectTimeoutSeconds"));
        expected.put(DeploySetting.STATEMENT_TIMEOUT, number(function.statementTimeoutSeconds(), "statementTimeoutSeconds"));
        String role = stage.roleName(function.name());
        expected.put(DeploySetting.DATABASE_USER, new Expected(role, "its role " + role));
        return expected;
    }

    private static Expected number(int value, String field) {
        return new Expected(Integer.toString(value), field + " " + value);
    }

    /**
     * Compares one stage's functions as a deploy file declares them with config/.
     *
     * @param file     "template.yaml" or "serverless.yml"
     * @param names    how that file spells each setting
     * @param deployed the file's functions for this stage
     * @param remedy   what to do about a difference, appended to each message
     */
    static List<Finding> compare(String file, StageConfig stage, List<DeployedFunction> deployed,
                                 Function<DeploySetting, String> names, String remedy) {
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (DeployedFunction function : deployed) {
            String name = function.functionName();
            if (name == null || name.startsWith("(cannot evaluate")) {
                findings.add(Finding.of(stage.stage(), file + " (stage " + stage.stage() + ") " + function.where()
                        + ": no TASKDESK_FUNCTION_NAME that names a function of " + stage.fileName()
                        + (name == null ? "" : " " + name)));
                continue;
            }
            if (!seen.add(name)) {
                findings.add(Finding.of(stage.stage(), file + " (stage " + stage.stage() + ") declares function "
                        + name + " twice (" + function.where() + ")"));
                continue;
            }
            FunctionBudget budget = stage.function(name).orElse(null);
            if (budget == null) {
                findings.add(Finding.of(stage.stage(), file + " (stage " + stage.stage() + ") " + function.where()
                        + " deploys function " + name + ", which " + stage.fileName() + " does not budget"));
                continue;
            }
            for (Map.Entry<DeploySetting, Expected> entry : of(stage, budget).entrySet()) {
                String actual = function.settings().get(entry.getKey());
                String wanted = entry.getValue().value();
                if (wanted == null ? actual != null : !wanted.equals(actual)) {
                    findings.add(Finding.of(stage.stage(), file + " disagrees with " + stage.fileName() + ": "
                            + name + " (" + function.where() + ") " + names.apply(entry.getKey()) + " is "
                            + (actual == null ? "not set" : actual) + ", config says "
                            + (wanted == null ? "none (" + entry.getValue().source() + ")" : wanted
                            + " (" + entry.getValue().source() + ")") + remedy));
                }
            }
        }
        for (FunctionBudget function : stage.functions()) {
            if (!seen.contains(function.name())) {
                findings.add(Finding.of(stage.stage(), file + " (stage " + stage.stage() + ") does not deploy function "
                        + function.name() + " of " + stage.fileName()));
            }
        }
        return findings;
    }
}
