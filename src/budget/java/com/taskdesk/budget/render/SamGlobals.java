package com.taskdesk.budget.render;

import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a stage's functions share, which the template states once in Globals, so that each function
 * states only what differs. SAM merges Globals into every function before it transforms (and before
 * AutoPublishAlias hashes a function's properties), so a function's deployed settings are the same
 * either way.
 *
 * <p>Globals holds the most common value of a setting (on a tie, the one of the first functions in
 * Endpoint order), and only when at least two functions have it; a function with another value states
 * its own, which wins. The SnapStart and VPC settings are shared only when every function has the
 * same: SAM adds a function's lists to the Globals' lists, so a function could not state a VPC of its
 * own, nor leave SnapStart out.
 *
 * @param memory         MemorySize, or null: each function states its own
 * @param environment    the variables every function has with the same value in most of them
 * @param snapStart      SnapStart, or null when not every function has it
 * @param vpc            VpcConfig, or null when not every function has the same
 */
record SamGlobals(
        Integer memory,
        Integer timeout,
        String deploymentType,
        Map<String, String> environment,
        Object snapStart,
        Object vpc) {

    private static final Fragment GLOBALS = Fragment.of("""
            Function:
              Runtime: <runtime>
              Handler: <handler>
              CodeUri: <codeUri>
              AutoPublishAlias: <alias>
              AutoPublishAliasAllProperties: true
              MemorySize: <memory>
              Timeout: <timeout>
              DeploymentPreference: {Type: <deploymentType>, Role: !GetAtt DeployRole.Arn}
              Environment: {Variables: <environment>}
              SnapStart: <snapStart>
              VpcConfig: <vpc>
            """);

    static SamGlobals of(StageConfig stage) {
        List<FunctionBudget> functions = stage.functions();
        Map<String, String> environment = new LinkedHashMap<>();
        if (!functions.isEmpty()) {
            for (String variable :
                    SamFunction.environment(stage, functions.get(0)).keySet()) {
                String shared = mostCommon(
                        functions, f -> SamFunction.environment(stage, f).get(variable));
                if (shared != null) {
                    environment.put(variable, shared);
                }
            }
        }
        return new SamGlobals(
                mostCommon(functions, FunctionBudget::memoryMb),
                mostCommon(functions, FunctionBudget::functionTimeoutSeconds),
                mostCommon(functions, f -> f.deploymentType().codeDeployName()),
                environment,
                allEqual(functions, f -> SamFunction.snapStart(f)),
                allEqual(functions, f -> SamFunction.vpc(stage, f)));
    }

    /** Globals' Function section. */
    Object section() {
        return GLOBALS.with(
                "runtime",
                DeployContract.RUNTIME,
                "handler",
                DeployContract.HANDLER,
                "codeUri",
                DeployContract.ARTIFACT,
                "alias",
                DeployContract.ALIAS,
                "memory",
                memory,
                "timeout",
                timeout,
                "deploymentType",
                deploymentType,
                "environment",
                environment,
                "snapStart",
                snapStart,
                "vpc",
                vpc);
    }

    /** value, or null when Globals holds it already (a function states only what differs). */
    static <T> T unlessShared(T value, T shared) {
        return Objects.equals(value, shared) ? null : value;
    }

    /** The value most functions have, if two or more have it; null when a function has none. */
    private static <T> T mostCommon(List<FunctionBudget> functions, Function<FunctionBudget, T> setting) {
        Map<T, Integer> counts = new LinkedHashMap<>();
        for (FunctionBudget function : functions) {
            T value = setting.apply(function);
            if (value == null) {
                return null;
            }
            counts.merge(value, 1, Integer::sum);
        }
        T mostCommon = null;
        int most = 0;
        for (Map.Entry<T, Integer> count : counts.entrySet()) {
            if (count.getValue() > most) {
                mostCommon = count.getKey();
                most = count.getValue();
            }
        }
        return most > 1 || functions.size() == 1 ? mostCommon : null;
    }

    private static <T> T allEqual(List<FunctionBudget> functions, Function<FunctionBudget, T> setting) {
        T first = functions.isEmpty() ? null : setting.apply(functions.get(0));
        return functions.stream().allMatch(f -> Objects.equals(setting.apply(f), first)) ? first : null;
    }
}
