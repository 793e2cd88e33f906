package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.CfnYaml.sub;
import static com.taskdesk.budget.render.DeployRoleTemplate.statement;

import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What CloudFormation needs to create, change and delete a stage's stack (template-&lt;stage&gt;.yaml
 * after SAM's transform): its functions, versions and aliases, their roles, log groups, alarms,
 * the HTTP API, the CodeDeploy canaries, and an alarm topic; each on names that start with the
 * stack's. Where an action takes no resource (Describe* lists, log deliveries) it is on "*", alone.
 */
final class StackResources {

    private static final String ARN = "arn:${AWS::Partition}:";
    private static final String HERE = "${AWS::Region}:${AWS::AccountId}";

    private StackResources() {}

    static List<Map<String, Object>> statements(StageConfig stage, String stack) {
        List<Map<String, Object>> statements = new ArrayList<>();
        statements.add(statement(
                List.of(
                        "lambda:CreateFunction",
                        "lambda:DeleteFunction",
                        "lambda:GetFunction",
                        "lambda:GetFunctionConfiguration",
                        "lambda:UpdateFunctionCode",
                        "lambda:UpdateFunctionConfiguration",
                        "lambda:PublishVersion",
                        "lambda:ListVersionsByFunction",
                        "lambda:CreateAlias",
                        "lambda:UpdateAlias",
                        "lambda:DeleteAlias",
                        "lambda:GetAlias",
                        "lambda:AddPermission",
                        "lambda:RemovePermission",
                        "lambda:PutFunctionConcurrency",
                        "lambda:DeleteFunctionConcurrency",
                        "lambda:GetFunctionConcurrency",
                        "lambda:TagResource",
                        "lambda:UntagResource",
                        "lambda:ListTags"),
                sub(ARN + "lambda:" + HERE + ":function:" + stack + "-*")));
        Map<String, Object> roles = statement(
                List.of(
                        "iam:CreateRole",
                        "iam:DeleteRole",
                        "iam:GetRole",
                        "iam:UpdateRole",
                        "iam:UpdateAssumeRolePolicy",
                        "iam:PutRolePolicy",
                        "iam:GetRolePolicy",
                        "iam:DeleteRolePolicy",
                        "iam:AttachRolePolicy",
                        "iam:DetachRolePolicy",
                        "iam:TagRole",
                        "iam:UntagRole",
                        "iam:PassRole"),
                sub(ARN + "iam::${AWS::AccountId}:role/" + stack + "-*"));
        statements.add(roles);
        if (stage.permissionsBoundary() != null) {
            // the stack's roles exist only under the stage's boundary
            statements.add(Map.of(
                    "Effect", "Deny",
                    "Action", List.of("iam:CreateRole", "iam:PutRolePermissionsBoundary"),
                    "Resource", sub(ARN + "iam::${AWS::AccountId}:role/" + stack + "-*"),
                    "Condition",
                            Map.of("StringNotEquals", Map.of("iam:PermissionsBoundary", stage.permissionsBoundary()))));
        }
        statements.add(statement(
                List.of(
                        "logs:CreateLogGroup",
                        "logs:DeleteLogGroup",
                        "logs:PutRetentionPolicy",
                        "logs:DeleteRetentionPolicy",
                        "logs:PutMetricFilter",
                        "logs:DeleteMetricFilter",
                        "logs:TagResource",
                        "logs:UntagResource",
                        "logs:ListTagsForResource"),
                List.of(
                        sub(ARN + "logs:" + HERE + ":log-group:/aws/lambda/" + stack + "-*"),
                        sub(ARN + "logs:" + HERE + ":log-group:/aws/http-api/" + stack + "*"))));
        statements.add(statement(
                List.of(
                        "cloudwatch:PutMetricAlarm",
                        "cloudwatch:DeleteAlarms",
                        "cloudwatch:TagResource",
                        "cloudwatch:UntagResource"),
                sub(ARN + "cloudwatch:" + HERE + ":alarm:" + stack + "-*")));
        statements.add(statement(
                List.of("apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"),
                List.of(
                        sub(ARN + "apigateway:${AWS::Region}::/apis"),
                        sub(ARN + "apigateway:${AWS::Region}::/apis/*"),
                        sub(ARN + "apigateway:${AWS::Region}::/domainnames/*"),
                        sub(ARN + "apigateway:${AWS::Region}::/tags/*"))));
        statements.add(statement(
                List.of(
                        "codedeploy:CreateApplication",
                        "codedeploy:DeleteApplication",
                        "codedeploy:GetApplication",
                        "codedeploy:RegisterApplicationRevision",
                        "codedeploy:CreateDeploymentGroup",
                        "codedeploy:UpdateDeploymentGroup",
                        "codedeploy:DeleteDeploymentGroup",
                        "codedeploy:GetDeploymentGroup",
                        "codedeploy:CreateDeployment",
                        "codedeploy:GetDeployment",
                        "codedeploy:StopDeployment",
                        "codedeploy:TagResource",
                        "codedeploy:UntagResource"),
                List.of(
                        sub(ARN + "codedeploy:" + HERE + ":application:" + stack + "-*"),
                        sub(ARN + "codedeploy:" + HERE + ":deploymentgroup:" + stack + "-*"))));
        statements.add(statement(
                List.of("codedeploy:GetDeploymentConfig"), sub(ARN + "codedeploy:" + HERE + ":deploymentconfig:*")));
        statements.add(statement(
                List.of(
                        "sns:CreateTopic",
                        "sns:DeleteTopic",
                        "sns:GetTopicAttributes",
                        "sns:SetTopicAttributes",
                        "sns:Subscribe",
                        "sns:Unsubscribe",
                        "sns:TagResource",
                        "sns:UntagResource"),
                sub(ARN + "sns:" + HERE + ":" + stack + "-*")));
        List<String> unscoped = new ArrayList<>(List.of(
                "cloudwatch:DescribeAlarms",
                "logs:DescribeLogGroups",
                "logs:CreateLogDelivery",
                "logs:GetLogDelivery",
                "logs:UpdateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:DescribeResourcePolicies"));
        if (stage.network() != null) {
            unscoped.addAll(List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"));
        }
        statements.add(statement(unscoped, "*"));
        return statements;
    }
}
