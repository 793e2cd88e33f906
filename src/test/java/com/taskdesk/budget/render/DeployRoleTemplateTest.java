package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy-role/&lt;stage&gt;.yaml, the roles the deploy workflow assumes through GitHub's OIDC provider:
 * cfn-lint clean (its IAM checks know every action), each trusted by one repository and one GitHub
 * environment only, and only the stage's own environment (prod's has the reviewers) may execute a
 * change set.
 */
class DeployRoleTemplateTest {

    @Test
    void everyStagesRoleTemplateLintsClean(@TempDir Path temp) throws Exception {
        ProjectCopy copy = ProjectCopy.of(temp);
        List<Path> templates = new ArrayList<>();
        for (StageConfig stage : copy.config().stages()) {
            templates.add(copy.dir().resolve(DeployRoleTemplate.file(stage)));
        }
        DeployTools.lintClean(templates);
    }

    @Test
    void eachRoleTrustsOneRepositoryAndOneEnvironment(@TempDir Path temp) throws Exception {
        JsonNode resources = prodResources(temp);

        assertEquals(
                "repo:${GitHubRepository}:environment:prod-change-set",
                trustedSubject(resources.path("ChangeSetRole")));
        assertEquals("repo:${GitHubRepository}:environment:prod", trustedSubject(resources.path("DeployRole")));
    }

    @Test
    void onlyTheStagesOwnEnvironmentExecutesAChangeSet(@TempDir Path temp) throws Exception {
        JsonNode resources = prodResources(temp);

        assertFalse(actions(resources.path("ChangeSetRole")).contains("cloudformation:ExecuteChangeSet"));
        assertTrue(actions(resources.path("DeployRole")).contains("cloudformation:ExecuteChangeSet"));
        // neither may touch the stack's resources itself: CloudFormation does, with its own role; prod's
        // reads no secret (the smoke test runs on staging, whose deploy role reads staging's token secret)
        assertEquals(Set.of("cloudformation", "iam", "lambda", "s3"), services(resources.path("ChangeSetRole")));
        assertEquals(Set.of("cloudformation", "iam", "lambda", "s3"), services(resources.path("DeployRole")));
        assertEquals(
                Set.of("cloudformation", "iam", "lambda", "s3", "secretsmanager"),
                services(resources(temp.resolve("staging"), "staging").path("DeployRole")));
    }

    private static Set<String> services(JsonNode role) {
        Set<String> services = new TreeSet<>();
        actions(role).forEach(action -> services.add(action.split(":")[0]));
        return services;
    }

    private static JsonNode prodResources(Path temp) throws Exception {
        return resources(temp.resolve("prod"), "prod");
    }

    private static JsonNode resources(Path temp, String stage) throws Exception {
        ProjectCopy copy = ProjectCopy.of(temp);
        Path template = copy.dir().resolve(DeployRoleTemplate.file(copy.config().stage(stage)));
        // Jackson reads a short tag's value and drops the tag: !Sub 'x' is "x"
        return new YAMLMapper().readTree(template.toFile()).path("Resources");
    }

    private static String trustedSubject(JsonNode role) {
        ArrayNode statements = (ArrayNode)
                role.path("Properties").path("AssumeRolePolicyDocument").path("Statement");
        assertEquals(1, statements.size());
        JsonNode condition = statements.get(0).path("Condition").path("StringEquals");
        assertEquals(
                "sts.amazonaws.com",
                condition.path("token.actions.githubusercontent.com:aud").asText());
        return condition.path("token.actions.githubusercontent.com:sub").asText();
    }

    private static Set<String> actions(JsonNode role) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode policy : role.path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                statement.path("Action").forEach(action -> actions.add(action.asText()));
            }
        }
        return actions;
    }
}
