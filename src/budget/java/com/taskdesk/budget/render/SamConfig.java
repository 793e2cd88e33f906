package com.taskdesk.budget.render;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.StageConfig;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * samconfig.toml: per stage, what `sam deploy --config-env <stage>` uses: the stage's own template,
 * its stack and region, the stack's tags, and whether to show the change set and wait for a yes.
 */
final class SamConfig {

    static final String FILE = "samconfig.toml";

    private SamConfig() {}

    static String render(BudgetConfig config) {
        StringBuilder toml = new StringBuilder(
                        CfnYaml.header("SAM CLI settings per stage: sam deploy --config-env <stage>."))
                .append("version = 0.1\n");
        for (StageConfig stage : config.stages()) {
            toml.append("\n[")
                    .append(stage.name())
                    .append(".global.parameters]\n")
                    .append("stack_name = ")
                    .append(quote(DeployContract.SAM_STACK_PREFIX + stage.name()))
                    .append('\n')
                    .append("region = ")
                    .append(quote(stage.region()))
                    .append('\n')
                    .append("\n[")
                    .append(stage.name())
                    .append(".deploy.parameters]\n")
                    .append("template_file = ")
                    .append(quote(SamTemplate.file(stage)))
                    .append('\n')
                    .append("capabilities = \"CAPABILITY_IAM\"\n")
                    .append("resolve_s3 = true\n")
                    .append("confirm_changeset = ")
                    .append(stage.confirmChangeset())
                    .append('\n')
                    .append("fail_on_empty_changeset = false\n")
                    .append("tags = ")
                    .append(quote(tags(DeployContract.tags(stage.name()))))
                    .append('\n');
        }
        return toml.toString();
    }

    /** The SAM CLI's tags: Key="value" pairs, space-separated. */
    private static String tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(tag -> tag.getKey() + "=\"" + tag.getValue() + "\"")
                .collect(Collectors.joining(" "));
    }

    /** A TOML basic string. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
