package com.taskdesk.budget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Proves template.yaml deploys what config/ says, for every stage: the Stage parameter allows
 * exactly the stages of config/, and each function's route, reserved concurrency, timeout,
 * memory and DB_* environment evaluate to config/'s numbers.
 */
final class SamTemplateCheck {

    static final String REMEDY = " (run the budget tool's sync, then check again)";

    private SamTemplateCheck() {
    }

    static List<Finding> check(BudgetConfig config, Path file) {
        if (!Files.exists(file)) {
            return List.of(Finding.everyStage("template.yaml not found at " + file));
        }
        SamTemplate template;
        try {
            template = SamTemplate.read(file);
        } catch (BudgetException e) {
            return List.of(Finding.everyStage(e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        TreeSet<String> allowed = new TreeSet<>(template.stageValues());
        TreeSet<String> stages = new TreeSet<>(config.stageNames());
        if (!allowed.equals(stages)) {
            findings.add(Finding.everyStage("template.yaml: Parameters.Stage.AllowedValues " + allowed
                    + " differ from the stages in config/ " + stages));
        }
        findings.addAll(catchAllRoutes(template));
        for (StageConfig stage : config.stages()) {
            List<String> without = mappingsWithout(template, config, stage.stage());
            if (!without.isEmpty()) {
                findings.add(Finding.of(stage.stage(), "template.yaml: Mappings " + String.join(", ", without)
                        + " have no stage " + stage.stage() + REMEDY));
                continue;
            }
            findings.addAll(DeployExpectations.compare("template.yaml", stage, template.functions(stage.stage()),
                    DeploySetting::samName, REMEDY));
        }
        return findings;
    }

    /** Stage-keyed mappings (keyed by a stage of config/ or of the Stage parameter) that lack this stage. */
    private static List<String> mappingsWithout(SamTemplate template, BudgetConfig config, String stage) {
        Set<String> stageNames = new TreeSet<>(config.stageNames());
        stageNames.addAll(template.stageValues());
        List<String> without = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.root().path("Mappings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> mapping = it.next();
            boolean stageKeyed = stageNames.stream().anyMatch(name -> mapping.getValue().has(name));
            if (stageKeyed && !mapping.getValue().has(stage)) {
                without.add(mapping.getKey());
            }
        }
        return without;
    }

    /** A greedy route ({proxy+}, $default, ANY /) would send every path to one function's budget. */
    private static List<Finding> catchAllRoutes(SamTemplate template) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> function : template.functionResources().entrySet()) {
            for (Iterator<JsonNode> it = function.getValue().path("Events").elements(); it.hasNext(); ) {
                JsonNode properties = it.next().path("Properties");
                String path = properties.path("Path").asText("");
                String method = properties.path("Method").asText("");
                if (path.contains("+}") || path.equals("$default") || method.equalsIgnoreCase("ANY")) {
                    findings.add(Finding.everyStage("template.yaml: " + function.getKey() + " has a catch-all route ("
                            + method + " " + path + "); each function serves its one route"));
                }
            }
        }
        return findings;
    }
}
