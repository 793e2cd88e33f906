package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.CfnYaml.getAtt;
import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.ref;
import static com.taskdesk.budget.render.CfnYaml.sub;

import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy-role/&lt;stage&gt;.yaml: what the account owner applies once per stage so the deploy workflow
 * (.github/workflows/deploy.yml) can deploy it through GitHub's OIDC provider, with no stored key.
 * Three roles, each able to do one thing:
 * <ul>
 *   <li>the change-set role, for the GitHub environment {@code <stage>-change-set}: upload the code,
 *       create and show a change set of the stage's stack; it cannot execute one;
 *   <li>the deploy role, for the GitHub environment {@code <stage>} (prod's has required reviewers):
 *       the same, and execute a change set; on a stage deployed without review (staging) also read
 *       the stage's token secret, for the smoke test;
 *   <li>the CloudFormation execution role the change sets run with, which alone may create the
 *       stack's resources, and only those named after the stack.
 * </ul>
 * Each trust policy names the repository and the environment in the token's {@code sub}.
 */
final class DeployRoleTemplate {

    static final String DIRECTORY = "deploy-role";
    /** The GitHub environment that creates a stage's change set; the stage's own environment executes it. */
    static final String CHANGE_SET_ENVIRONMENT_SUFFIX = "-change-set";

    private static final String GITHUB_OIDC = "token.actions.githubusercontent.com";
    /** SAM's own bucket (sam deploy --resolve-s3, samconfig.toml), created once in the account. */
    private static final String SAM_BUCKET = "aws-sam-cli-managed-default-samclisourcebucket-*";

    private static final String ARN = "arn:${AWS::Partition}:";
    private static final String HERE = "${AWS::Region}:${AWS::AccountId}";

    private DeployRoleTemplate() {}

    static String file(StageConfig stage) {
        return DIRECTORY + "/" + stage.name() + ".yaml";
    }

    static String render(StageConfig stage) {
        String stack = DeployContract.SAM_STACK_PREFIX + stage.name();
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("AWSTemplateFormatVersion", "2010-09-09");
        template.put(
                "Description",
                "Task desk manager endpoints, stage " + stage.name() + ": the roles GitHub Actions deploys stack "
                        + stack + " with (applied once by the account owner)");
        template.put(
                "Parameters",
                map(
                        "GitHubRepository",
                        map(
                                "Type", "String",
                                "Description",
                                        "owner/name of the repository whose deploy workflow may assume the roles",
                                "AllowedPattern", "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"),
                        "GitHubOidcProviderArn",
                        map(
                                "Type", "String",
                                "Default", "",
                                "Description",
                                        "The account's " + GITHUB_OIDC
                                                + " provider, if it has one; empty: this stack creates it")));
        template.put(
                "Conditions",
                map("CreateOidcProvider", new CfnYaml.Fn("Equals", List.of(ref("GitHubOidcProviderArn"), ""))));
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put(
                "GitHubOidcProvider",
                map(
                        "Type", "AWS::IAM::OIDCProvider",
                        "Condition", "CreateOidcProvider",
                        "Properties",
                                map("Url", "https://" + GITHUB_OIDC, "ClientIdList", List.of("sts.amazonaws.com"))));
        resources.put(
                "CloudFormationExecutionRole",
                map(
                        "Type",
                        "AWS::IAM::Role",
                        "Properties",
                        map(
                                "Description", "What CloudFormation creates stack " + stack + "'s resources with",
                                "AssumeRolePolicyDocument",
                                        trust(map("Service", "cloudformation.amazonaws.com"), "sts:AssumeRole", null),
                                "Policies",
                                        List.of(policy("stack-resources", StackResources.statements(stage, stack))))));
        resources.put(
                "ChangeSetRole",
                githubRole(
                        stage.name() + CHANGE_SET_ENVIRONMENT_SUFFIX,
                        "Creates and shows a change set of " + stack + "; cannot execute it",
                        changeSetStatements(stage, stack)));
        List<Map<String, Object>> deploy = new ArrayList<>(changeSetStatements(stage, stack));
        deploy.add(statement(
                List.of("cloudformation:ExecuteChangeSet", "cloudformation:DescribeStackEvents"),
                sub(ARN + "cloudformation:" + HERE + ":stack/" + stack + "/*")));
        // a stage whose change sets a person reviews (prod) is smoke-tested through staging: no secret read
        if (!stage.confirmChangeset()) {
            deploy.add(statement(
                    List.of("secretsmanager:GetSecretValue"),
                    sub(ARN + "secretsmanager:" + HERE + ":secret:" + stage.secretId(DeployContract.JWT_SECRET)
                            + "-*")));
        }
        resources.put(
                "DeployRole",
                githubRole(
                        stage.name(),
                        "Creates and executes change sets of " + stack
                                + (stage.confirmChangeset() ? "" : ", and signs the smoke test's token"),
                        deploy));
        template.put("Resources", resources);
        template.put(
                "Outputs",
                map(
                        "ChangeSetRoleArn",
                                output(
                                        getAtt("ChangeSetRole.Arn"),
                                        "vars.AWS_CHANGE_SET_ROLE_ARN of environment " + stage.name()
                                                + CHANGE_SET_ENVIRONMENT_SUFFIX),
                        "DeployRoleArn",
                                output(
                                        getAtt("DeployRole.Arn"),
                                        "vars.AWS_DEPLOY_ROLE_ARN of environment " + stage.name()),
                        "CloudFormationExecutionRoleArn",
                                output(
                                        getAtt("CloudFormationExecutionRole.Arn"),
                                        "vars.AWS_CLOUDFORMATION_ROLE_ARN of both environments")));
        return CfnYaml.write(
                "The deploy roles of stage " + stage.name() + ", applied once by the account owner (docs/deploy.md):\n"
                        + "  aws cloudformation deploy --stack-name " + stack + "-deploy-role --template-file "
                        + file(stage)
                        + " \\\n    --capabilities CAPABILITY_IAM --region " + stage.region()
                        + " --parameter-overrides GitHubRepository=<owner>/<name>",
                template);
    }

    /** What creating (not executing) a change set of the stack needs, with SAM uploading the code. */
    private static List<Map<String, Object>> changeSetStatements(StageConfig stage, String stack) {
        return List.of(
                statement(
                        List.of(
                                "cloudformation:CreateChangeSet",
                                "cloudformation:DescribeChangeSet",
                                "cloudformation:DeleteChangeSet",
                                "cloudformation:ListChangeSets",
                                "cloudformation:DescribeStacks",
                                "cloudformation:GetTemplate",
                                "cloudformation:GetTemplateSummary"),
                        sub(ARN + "cloudformation:" + HERE + ":stack/" + stack + "/*")),
                statement(
                        List.of("cloudformation:CreateChangeSet"),
                        sub(ARN + "cloudformation:${AWS::Region}:aws:transform/Serverless-2016-10-31")),
                statement(
                        List.of("cloudformation:DescribeStacks"),
                        sub(ARN + "cloudformation:" + HERE + ":stack/aws-sam-cli-managed-default/*")),
                statement(List.of("iam:PassRole"), getAtt("CloudFormationExecutionRole.Arn")),
                statement(
                        List.of("s3:GetObject", "s3:PutObject", "s3:GetBucketLocation", "s3:ListBucket"),
                        List.of(sub(ARN + "s3:::" + SAM_BUCKET), sub(ARN + "s3:::" + SAM_BUCKET + "/*"))),
                // check --account-settings reads the account's concurrency; the action has no resource
                statement(List.of("lambda:GetAccountSettings"), "*"));
    }

    private static Map<String, Object> githubRole(
            String environment, String description, List<Map<String, Object>> statements) {
        Map<String, Object> claims = map(
                GITHUB_OIDC + ":aud",
                "sts.amazonaws.com",
                GITHUB_OIDC + ":sub",
                sub("repo:${GitHubRepository}:environment:" + environment));
        return map(
                "Type",
                "AWS::IAM::Role",
                "Properties",
                map(
                        "Description",
                        description + " (GitHub environment " + environment + ")",
                        "MaxSessionDuration",
                        3600,
                        "AssumeRolePolicyDocument",
                        trust(
                                map(
                                        "Federated",
                                        new CfnYaml.Fn(
                                                "If",
                                                List.of(
                                                        "CreateOidcProvider",
                                                        ref("GitHubOidcProvider"),
                                                        ref("GitHubOidcProviderArn")))),
                                "sts:AssumeRoleWithWebIdentity",
                                map("StringEquals", claims)),
                        "Policies",
                        List.of(policy("deploy", statements))));
    }

    private static Map<String, Object> trust(
            Map<String, Object> principal, String action, Map<String, Object> condition) {
        return map(
                "Version",
                "2012-10-17",
                "Statement",
                List.of(map("Effect", "Allow", "Principal", principal, "Action", action, "Condition", condition)));
    }

    static Map<String, Object> policy(String name, List<Map<String, Object>> statements) {
        return map("PolicyName", name, "PolicyDocument", map("Version", "2012-10-17", "Statement", statements));
    }

    static Map<String, Object> statement(List<String> actions, Object resource) {
        return map("Effect", "Allow", "Action", actions, "Resource", resource);
    }

    private static Map<String, Object> output(Object value, String description) {
        return map("Description", description, "Value", value);
    }
}
