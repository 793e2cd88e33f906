package com.taskdesk.budget.render;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.BudgetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stage's SAM template passes cfn-lint (which runs the SAM translator, aws-sam-translator 1.110
 * with cfn-lint 1.51, so the transform is clean too): as shipped, and with everything config/ may add
 * (a VPC, a custom domain, an alarm topic, a permissions boundary, a function on Lambda Managed
 * Instances). .ci/run lints the committed templates and the packaged Serverless output.
 */
class DeployFilesLintTest {

    @Test
    void theShippedStagesTemplatesLintClean(@TempDir Path temp) throws Exception {
        lintEveryStage(ProjectCopy.of(temp));
    }

    @Test
    void everyStageInAVpcWithACustomDomainAnAlarmTopicAndAPermissionsBoundaryLintsClean(@TempDir Path temp)
            throws Exception {
        ProjectCopy copy = ProjectCopy.of(temp);
        for (String stage : copy.config().stageNames()) {
            String file = "config/" + stage + ".yaml";
            copy.set(
                            file,
                            "network",
                            Map.of("subnetIds", List.of("subnet-0a1b2c3d"), "securityGroupIds", List.of("sg-0e4f5a6b")))
                    .set(
                            file,
                            "domain",
                            Map.of(
                                    "name",
                                    "api-" + stage + ".desk.example.com",
                                    "certificateArn",
                                    "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))
                    .set(
                            file,
                            "alarmNotifications",
                            stage.equals("prod")
                                    ? Map.of("topicArn", "arn:aws:sns:eu-west-1:123456789012:taskdesk-alarms")
                                    : Map.of("email", List.of("ops@desk.example.com")))
                    .set(file, "permissionsBoundary", "arn:aws:iam::123456789012:policy/taskdesk-boundary");
        }
        lintEveryStage(copy);
    }

    @Test
    void aTemplateWithAManagedInstancesFunctionLintsClean(@TempDir Path temp) throws Exception {
        lintEveryStage(ProjectCopy.of(temp)
                .onManagedInstances("agents", 4, 32)
                .set("config/prod.yaml", "functions.agents.maxInstances", 2)
                .set("config/prod.yaml", "permissionsBoundary", "arn:aws:iam::123456789012:policy/taskdesk-boundary"));
    }

    private static void lintEveryStage(ProjectCopy copy) throws Exception {
        copy.run("render");
        BudgetConfig config = copy.config();
        DeployTools.lintClean(config.stages().stream()
                .map(stage -> copy.dir().resolve(SamTemplate.file(stage)))
                .toList());
    }
}
