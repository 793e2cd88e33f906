package com.taskdesk.budget;

import java.util.Map;

/**
 * One function as a deploy file declares it for one stage, its settings evaluated to text:
 * keys are {@link DeploySetting}s; a missing setting is absent from the map, one that cannot be
 * evaluated offline holds a text starting with {@code "(cannot evaluate"}.
 *
 * @param where    how the file names it: "AgentsFunction" (template.yaml), "functions.agents" (serverless.yml)
 * @param settings evaluated settings
 */
record DeployedFunction(String where, Map<DeploySetting, String> settings) {

    String functionName() {
        return settings.get(DeploySetting.FUNCTION_NAME);
    }
}
