package com.taskdesk.budget.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Moves what a stage's functions share into SAM's Globals, so that each function states only what
 * differs. SAM merges Globals into every function before it transforms (and before AutoPublishAlias
 * hashes a function's properties), so a function's deployed settings are the same either way.
 */
final class SamGlobals {

    /** Globals holds the most common value; a function with another states its own, which wins. */
    private static final List<List<String>> BY_MAJORITY = List.of(
            List.of("Runtime"),
            List.of("Handler"),
            List.of("CodeUri"),
            List.of("AutoPublishAlias"),
            List.of("AutoPublishAliasAllProperties"),
            List.of("MemorySize"),
            List.of("Timeout"),
            List.of("DeploymentPreference", "Type"));
    /**
     * Globals holds these only when every function has the same value: SAM concatenates a function's
     * lists to the Globals' lists, so a function could not state a VPC of its own.
     */
    private static final List<List<String>> WHEN_ALL_EQUAL =
            List.of(List.of("SnapStart"), List.of("VpcConfig"), List.of("DeploymentPreference", "Role"));

    private static final List<String> VARIABLES = List.of("Environment", "Variables");

    private SamGlobals() {}

    /**
     * Takes out of each function's properties what Globals holds; returns Globals' Function section.
     * A function's value that is not the shared one stays with the function.
     */
    static Map<String, Object> split(List<Map<String, Object>> functions) {
        Map<String, Object> globals = new LinkedHashMap<>();
        List<List<String>> byMajority = new ArrayList<>(BY_MAJORITY);
        if (!functions.isEmpty() && at(functions.get(0), VARIABLES) instanceof Map<?, ?> variables) {
            for (Object name : variables.keySet()) {
                List<String> path = new ArrayList<>(VARIABLES);
                path.add((String) name);
                byMajority.add(path);
            }
        }
        for (List<String> path : byMajority) {
            share(functions, path, false).ifPresent(value -> put(globals, path, value));
        }
        for (List<String> path : WHEN_ALL_EQUAL) {
            share(functions, path, true).ifPresent(value -> put(globals, path, value));
        }
        functions.forEach(SamGlobals::dropEmpty);
        return globals;
    }

    /** The shared value of path, removed from each function that has it; empty when not every function has it. */
    private static java.util.Optional<Object> share(
            List<Map<String, Object>> functions, List<String> path, boolean allEqual) {
        List<Object> values = functions.stream().map(f -> at(f, path)).toList();
        if (values.isEmpty() || values.contains(null)) {
            return java.util.Optional.empty();
        }
        Map<Object, Integer> counts = new LinkedHashMap<>();
        values.forEach(value -> counts.merge(value, 1, Integer::sum));
        if (allEqual && counts.size() > 1) {
            return java.util.Optional.empty();
        }
        // The most common value; on a tie, the one the first functions (in Endpoint order) have.
        Map.Entry<Object, Integer> mostCommon = counts.entrySet().stream()
                .reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                .orElseThrow();
        if (mostCommon.getValue() == 1 && functions.size() > 1) {
            return java.util.Optional.empty(); // each function's own (its name, its role)
        }
        Object shared = mostCommon.getKey();
        for (Map<String, Object> function : functions) {
            if (Objects.equals(at(function, path), shared)) {
                remove(function, path);
            }
        }
        return java.util.Optional.of(shared);
    }

    private static Object at(Map<String, Object> map, List<String> path) {
        Object node = map;
        for (String key : path) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, List<String> path, Object value) {
        Map<String, Object> node = map;
        for (String key : path.subList(0, path.size() - 1)) {
            node = (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<>());
        }
        node.put(path.get(path.size() - 1), value);
    }

    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> map, List<String> path) {
        Map<String, Object> node = map;
        for (String key : path.subList(0, path.size() - 1)) {
            node = (Map<String, Object>) node.get(key);
        }
        node.remove(path.get(path.size() - 1));
    }

    /** Removes the maps left empty (a function whose every variable is shared has no Environment). */
    private static void dropEmpty(Map<String, Object> map) {
        map.values().forEach(value -> {
            if (value instanceof Map<?, ?> child) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) child;
                dropEmpty(typed);
            }
        });
        map.values().removeIf(value -> value instanceof Map<?, ?> child && child.isEmpty());
    }
}
