package com.taskdesk.budget;

import java.util.ArrayList;
import java.util.List;

/** samconfig.toml: per stage, the stack, region and parameters `sam deploy --config-env <stage>` uses. */
final class SamConfig {

    static final String FILE = "samconfig.toml";

    private SamConfig() {}

    static String render(BudgetConfig config) {
        StringBuilder toml = new StringBuilder(
                        CfnYaml.header("SAM CLI settings per stage: sam deploy --config-env <stage>."))
                .append("version = 0.1\n");
        for (StageConfig stage : config.stages()) {
            List<String> parameters = new ArrayList<>(List.of("Stage=" + stage.name()));
            if (stage.network() != null) {
                parameters.add("SubnetIds=" + String.join(",", stage.network().subnetIds()));
                parameters.add(
                        "SecurityGroupIds=" + String.join(",", stage.network().securityGroupIds()));
            }
            if (stage.domain() != null) {
                parameters.add("DomainName=" + stage.domain().name());
                parameters.add("CertificateArn=" + stage.domain().certificateArn());
            }
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
                    .append(quote(SamTemplate.FILE))
                    .append('\n')
                    .append("capabilities = \"CAPABILITY_IAM\"\n")
                    .append("resolve_s3 = true\n")
                    .append("confirm_changeset = false\n")
                    .append("fail_on_empty_changeset = false\n")
                    .append("parameter_overrides = ")
                    .append(quote(String.join(" ", parameters)))
                    .append('\n');
        }
        return toml.toString();
    }

    /** A TOML basic string. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
