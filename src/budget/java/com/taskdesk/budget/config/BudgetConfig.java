package com.taskdesk.budget.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every stage in config/, in name order. */
public record BudgetConfig(List<StageConfig> stages) {

    public StageConfig stage(String name) {
        return stages.stream()
                .filter(stage -> stage.name().equals(name))
                .findFirst()
                .orElseThrow(() -> BudgetException.usage(
                        "no stage '" + name + "' in config/ (stages: " + String.join(", ", stageNames()) + ")"));
    }

    public List<String> stageNames() {
        return stages.stream().map(StageConfig::name).toList();
    }

    /** Stages grouped by the database they name, in order of first appearance. */
    public Map<String, List<StageConfig>> stagesByDatabase() {
        Map<String, List<StageConfig>> groups = new LinkedHashMap<>();
        for (StageConfig stage : stages) {
            groups.computeIfAbsent(stage.database().name(), name -> new ArrayList<>())
                    .add(stage);
        }
        return groups;
    }

    public List<StageConfig> stagesSharing(StageConfig stage) {
        return stagesByDatabase().get(stage.database().name());
    }
}
