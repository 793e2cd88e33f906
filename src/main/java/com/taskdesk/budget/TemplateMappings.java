package com.taskdesk.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes template.yaml's {@code Mappings} from config/ ({@code sync}): {@code StageDefaults}
 * (what Globals reads: each stage's shared timeouts and memory) and one {@code <Function>Budget}
 * map per function (its reserved concurrency and pool cap, plus every setting a stage gives it
 * instead of the default), each keyed by stage. The rest of the file is left as it is.
 */
public final class TemplateMappings {

    static final String HEADER = "  # Written by the budget tool's sync from config/*.yaml; its check fails when they differ.";

    /** Default setting in config/ to the mapping key that carries it (and Globals reads). */
    static final Map<String, String> DEFAULT_KEYS = defaultKeys();

    private TemplateMappings() {
    }

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("poolTimeoutSeconds", "PoolTimeoutSeconds");
        keys.put("connectTimeoutSeconds", "ConnectTimeoutSeconds");
        keys.put("statementTimeoutSeconds", "StatementTimeoutSeconds");
        keys.put("functionTimeoutSeconds", "FunctionTimeoutSeconds");
        keys.put("memoryMb", "MemoryMb");
        return keys;
    }

    /** "agent-progress" -> "AgentProgressBudget". */
    static String mappingName(String function) {
        StringBuilder name = new StringBuilder();
        for (String part : function.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.append("Budget").toString();
    }

    /** The Mappings block, from "Mappings:" to its last line. */
    public static String render(BudgetConfig config) {
        StringBuilder yaml = new StringBuilder("Mappings:\n").append(HEADER).append('\n');
        yaml.append("  StageDefaults:\n");
        for (StageConfig stage : config.stages()) {
            yaml.append("    ").append(stage.stage()).append(":\n");
            for (Map.Entry<String, String> key : DEFAULT_KEYS.entrySet()) {
                Integer value = stage.defaults().get(key.getKey());
                if (value == null) {
                    throw BudgetException.configuration(stage.fileName() + ": defaults." + key.getKey()
                            + " is missing; template.yaml's Globals read it (StageDefaults." + key.getValue() + ")");
                }
                yaml.append("      ").append(key.getValue()).append(": ").append(value).append('\n');
            }
        }
        for (String function : functionNames(config)) {
            Set<String> overridden = new LinkedHashSet<>();
            for (StageConfig stage : config.stages()) {
                stage.function(function).ifPresent(f -> overridden.addAll(f.overriddenFields()));
            }
            yaml.append("  ").append(mappingName(function)).append(":\n");
            for (StageConfig stage : config.stages()) {
                FunctionBudget budget = stage.function(function).orElseThrow(() -> BudgetException.configuration(
                        stage.fileName() + ": function " + function + " is missing; every stage in template.yaml deploys it"));
                if (budget.maxInstances() == null) {
                    throw BudgetException.configuration(stage.fileName() + ": functions." + function
                            + ".maxInstances is missing; template.yaml needs it for ReservedConcurrentExecutions");
                }
                yaml.append("    ").append(stage.stage()).append(":\n");
                yaml.append("      ReservedConcurrency: ").append(budget.reservedConcurrency()).append('\n');
                yaml.append("      ConnectionLimit: ").append(budget.connectionLimit()).append('\n');
                if (overridden.contains("poolTimeoutSeconds")) {
                    yaml.append("      PoolTimeoutSeconds: ").append(budget.poolTimeoutSeconds()).append('\n');
                }
                if (overridden.contains("connectTimeoutSeconds")) {
                    yaml.append("      ConnectTimeoutSeconds: ").append(budget.connectTimeoutSeconds()).append('\n');
                }
                if (overridden.contains("statementTimeoutSeconds")) {
                    yaml.append("      StatementTimeoutSeconds: ").append(budget.statementTimeoutSeconds()).append('\n');
                }
                if (overridden.contains("functionTimeoutSeconds")) {
                    yaml.append("      FunctionTimeoutSeconds: ").append(budget.functionTimeoutSeconds()).append('\n');
                }
                if (overridden.contains("memoryMb")) {
                    yaml.append("      MemoryMb: ").append(budget.memoryMb()).append('\n');
                }
                if (budget.onManagedInstances()) {
                    yaml.append("      PerExecutionEnvironmentMaxConcurrency: ").append(budget.managedInstancesConcurrency()).append('\n');
                }
            }
        }
        return yaml.toString();
    }

    /** Functions in the order the first stage lists them, then any only later stages list. */
    private static List<String> functionNames(BudgetConfig config) {
        Set<String> names = new LinkedHashSet<>();
        for (StageConfig stage : config.stages()) {
            stage.functions().forEach(f -> names.add(f.name()));
        }
        return new ArrayList<>(names);
    }

    /** The template's text with its Mappings block replaced (inserted before Resources when absent). */
    public static String rewrite(String template, BudgetConfig config) {
        String block = render(config);
        List<String> lines = new ArrayList<>(List.of(template.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("Mappings:\\s*")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("Resources:\\s*")) {
                    lines.add(i, block.stripTrailing() + "\n");
                    return String.join("\n", lines);
                }
            }
            throw BudgetException.configuration("template.yaml has neither Mappings nor Resources; it is not a template");
        }
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || lines.get(end).startsWith(" ")
                || lines.get(end).startsWith("#") && !nextContentIsTopLevel(lines, end))) {
            end++;
        }
        while (end > start + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        List<String> result = new ArrayList<>(lines.subList(0, start));
        result.add(block.stripTrailing());
        result.addAll(lines.subList(end, lines.size()));
        return String.join("\n", result);
    }

    /** A top-level comment belongs to the key after it, not to the Mappings block. */
    private static boolean nextContentIsTopLevel(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            return !line.startsWith(" ");
        }
        return true;
    }

    /** Rewrites the file; true when it changed. */
    public static boolean sync(Path templateFile, BudgetConfig config) {
        try {
            String before = Files.readString(templateFile);
            String after = rewrite(before, config);
            if (after.equals(before)) {
                return false;
            }
            Files.writeString(templateFile, after);
            return true;
        } catch (IOException e) {
            throw BudgetException.configuration(templateFile + ": cannot be rewritten (" + e.getMessage() + ")");
        }
    }
}
