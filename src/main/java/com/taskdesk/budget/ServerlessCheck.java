package com.taskdesk.budget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves serverless.yml deploys what config/ says, for every stage, as {@code serverless
 * package --stage S} would resolve it; and that the framework rejects a misspelt key
 * ({@code configValidationMode: error}) instead of ignoring it.
 */
final class ServerlessCheck {

    static final String REMEDY = " (serverless.yml should read it from config/${sls:stage}.yaml)";

    private ServerlessCheck() {
    }

    static List<Finding> check(BudgetConfig config, Path file) {
        if (!Files.exists(file)) {
            return List.of(Finding.everyStage("serverless.yml not found at " + file));
        }
        ServerlessFile serverless;
        try {
            serverless = ServerlessFile.read(file);
        } catch (BudgetException e) {
            return List.of(Finding.everyStage(e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        if (!"error".equals(serverless.root().path("configValidationMode").asText())) {
            findings.add(Finding.everyStage("serverless.yml: configValidationMode must be error, or a misspelt"
                    + " setting (e.g. reservedConcurency) is only a warning and the function deploys without its cap"));
        }
        for (StageConfig stage : config.stages()) {
            findings.addAll(DeployExpectations.compare("serverless.yml", stage, serverless.functions(stage.stage()),
                    DeploySetting::serverlessName, REMEDY));
        }
        return findings;
    }
}
